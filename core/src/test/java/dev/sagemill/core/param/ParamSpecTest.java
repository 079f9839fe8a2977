package dev.sagemill.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.error.InvalidHyperparametersException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamSpecTest {
  private static final ParamSpec SPEC = ParamSpec.builder("demo")
      .requiredNumber("feature_dim", ParamType.INT, 1, Integer.MAX_VALUE, "Number of features.")
      .number("epochs", ParamType.INT, 1, true, Double.POSITIVE_INFINITY, false, "15", false, "Passes.")
      .number("learning_rate", ParamType.DOUBLE, 0, false, 1, true, "auto", true, "Step size.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, "0", false, "Seed.")
      .choice("optimizer", List.of("auto", "sgd", "adam"), "auto", false, "Optimizer.")
      .bool("use_bias", "true", false, "Fit an intercept.")
      .crossCheck((v, problems) -> {
        if ("sgd".equals(v.get("optimizer")) && v.get("learning_rate") == Hyperparameters.AUTO_VALUE) {
          problems.add("optimizer sgd needs an explicit learning_rate");
        }
      })
      .build();

  @Test
  void defaultsAutoAndTypedValues() {
    Hyperparameters h = SPEC.parse(Map.of("feature_dim", "28"));
    assertEquals(28, h.getInt("feature_dim"));
    assertEquals(15, h.getInt("epochs"));
    assertTrue(h.isAuto("learning_rate"));
    assertTrue(h.isAuto("optimizer"));
    assertEquals(0.1, h.getDouble("learning_rate", 0.1));
    assertTrue(h.getBoolean("use_bias"));
    assertTrue(h.isGiven("feature_dim"));
    assertFalse(h.isGiven("epochs"));
    assertThrows(IllegalStateException.class, () -> h.getDouble("learning_rate"));
  }

  @Test
  void acceptsSageMakerStringForms() {
    Hyperparameters h = SPEC.parse(Map.of("feature_dim", "10.0", "use_bias", "False", "learning_rate", "1e-3",
        "optimizer", "Adam", "seed", "9007199254740993", "_tuning_objective_metric", "validation:auc"));
    assertEquals(10, h.getInt("feature_dim"));
    assertFalse(h.getBoolean("use_bias"));
    assertEquals(1e-3, h.getDouble("learning_rate"));
    assertEquals("adam", h.getString("optimizer"));
    assertEquals(9007199254740993L, h.getLong("seed")); // above 2^53: must not go through a double
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class, () -> SPEC.parse(Map.of(
        "epochz", "3", "learning_rate", "1.5", "use_bias", "yes", "optimizer", "lbfgs")));
    assertEquals(5, e.problems().size(), e.getMessage());
    String m = e.getMessage();
    assertTrue(m.contains("unknown hyperparameter epochz (did you mean epochs?)"), m);
    assertTrue(m.contains("learning_rate must be a number in (0, 1] or auto, got \"1.5\""), m);
    assertTrue(m.contains("use_bias must be true or false, got \"yes\""), m);
    assertTrue(m.contains("optimizer must be one of [sgd, adam] or auto, got \"lbfgs\""), m);
    assertTrue(m.contains("feature_dim is required: an integer in [1, 2147483647]"), m);
  }

  @Test
  void crossChecksRunAfterSingleValuesPass() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class,
        () -> SPEC.parse(Map.of("feature_dim", "3", "optimizer", "sgd")));
    assertEquals(List.of("optimizer sgd needs an explicit learning_rate"), e.problems());
  }

  @Test
  void integersRejectFractionsAndBounds() {
    assertThrows(InvalidHyperparametersException.class, () -> SPEC.parse(Map.of("feature_dim", "2.5")));
    assertThrows(InvalidHyperparametersException.class, () -> SPEC.parse(Map.of("feature_dim", "0")));
    assertThrows(InvalidHyperparametersException.class, () -> SPEC.parse(Map.of("feature_dim", "NaN")));
    assertThrows(InvalidHyperparametersException.class, () -> SPEC.parse(Map.of("feature_dim", "3", "epochs", "inf")));
  }

  @Test
  void roundTripThroughSageMakerForm() {
    Hyperparameters h = SPEC.parse(Map.of("feature_dim", "7", "learning_rate", "0.25", "use_bias", "false"));
    Map<String, String> wire = h.toSageMaker();
    assertEquals("0.25", wire.get("learning_rate"));
    assertEquals("auto", wire.get("optimizer"));
    assertEquals(h, SPEC.parse(wire));
    assertEquals(h.with(Map.of("epochs", "3")).getInt("epochs"), 3);
  }

  @Test
  void badDefaultIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> ParamSpec.builder("x")
        .number("p", ParamType.INT, 1, true, 5, true, "9", false, "doc").build());
  }
}

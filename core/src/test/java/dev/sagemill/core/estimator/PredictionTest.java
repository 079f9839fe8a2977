package dev.sagemill.core.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictionTest {
  @Test
  void holdsTypedAndNestedOutputsAsImmutableCopies() {
    double[] prob = {0.9, 0.1};
    List<Object> labels = new ArrayList<>(List.of("__label__1", "__label__2"));
    Map<String, Object> quantiles = new LinkedHashMap<>();
    quantiles.put("0.5", new double[] {1, 2});
    Prediction p = Prediction.builder().put("predicted_label", 1.0).put("label", "__label__1").put("prob", prob)
        .putNested("labels", labels).putNested("quantiles", quantiles)
        .putNested("boxes", List.of(List.of(1, 0.8f, 0.1, 0.2, 0.3, 0.4))).build();
    prob[0] = 0;
    labels.add("changed");
    ((double[]) quantiles.get("0.5"))[0] = -1;
    assertEquals(1L, p.getLong("predicted_label"));
    assertEquals(1.0, p.get("predicted_label"));
    assertEquals("__label__1", p.getString("label"));
    assertArrayEquals(new double[] {0.9, 0.1}, p.getVector("prob"));
    assertEquals(List.of("__label__1", "__label__2"), p.getList("labels"));
    assertArrayEquals(new double[] {1, 2}, (double[]) p.getMap("quantiles").get("0.5"));
    List<?> box = (List<?>) p.getList("boxes").get(0);
    assertEquals(1L, box.get(0), "an Integer becomes a Long");
    assertEquals((double) 0.8f, box.get(1), "a Float becomes a Double");
    assertThrows(UnsupportedOperationException.class, () -> p.getList("labels").add("x"));
    assertEquals(List.of("predicted_label", "label", "prob", "labels", "quantiles", "boxes"),
        List.copyOf(p.names()));
    assertEquals(p, Prediction.builder().put("predicted_label", 1.0).put("label", "__label__1").put("prob",
        new double[] {0.9, 0.1}).putNested("labels", List.of("__label__1", "__label__2"))
        .putNested("quantiles", Map.of("0.5", new double[] {1, 2}))
        .putNested("boxes", List.of(List.of(1L, (double) 0.8f, 0.1, 0.2, 0.3, 0.4))).build());
  }

  @Test
  void wrongKindsAndTypesAreNamed() {
    Prediction p = Prediction.builder().put("score", 0.25).put("label", "a").build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.getString("score")).getMessage()
        .contains("no string output score"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.get("label")).getMessage()
        .contains("no numeric output label"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> p.getLong("score")).getMessage()
        .contains("not a whole number"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Prediction.builder().putNested("boxes", List.of(List.of(1, new Object()))));
    assertTrue(bad.getMessage().contains("boxes[0][1]"), bad.getMessage());
  }
}

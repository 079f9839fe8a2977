package dev.sagemill.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.Capability;
import dev.sagemill.core.estimator.ContinuableEstimator;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.param.ParamDef;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each provider declares about its algorithm agrees with what the algorithm does. */
class ProvidersTest {
  static Stream<AlgorithmProvider> providers() {
    return Algorithms.providers().stream();
  }

  /** Values for an algorithm's required hyperparameters: the first choice, or 2 for numbers. */
  private static Map<String, String> required(AlgorithmProvider p) {
    Map<String, String> m = new java.util.HashMap<>();
    for (ParamDef d : p.spec().describe()) {
      if (d.required()) {
        m.put(d.name(), d.choices().isEmpty() ? "2" : d.choices().get(0));
      }
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("providers")
  void declarationsMatchTheAlgorithm(AlgorithmProvider p) {
    assertEquals(p.algorithmName(), p.spec().algorithm());
    RecordEstimator<?, ?> e = p.create(required(p));
    assertEquals(p.algorithmName(), e.algorithm());
    assertEquals(p.capabilities().contains(Capability.CONTINUABLE), e instanceof ContinuableEstimator,
        p.algorithmName() + ": CONTINUABLE is declared exactly when the estimator continues models");
    assertTrue(p.channels().stream().anyMatch(c -> c.name().equals("train") && c.required()
        && c.batchType().equals(e.batchType())), p.algorithmName() + ": a required train channel of the records the "
        + "estimator takes");
    assertEquals(p.channels().size(), p.channels().stream().map(c -> c.name()).distinct().count());
    assertTrue(p.metricLog().iteration(1, 1, Map.of("train:rmse", 0.5)).size() >= 1, p.algorithmName());
    p.resourceHyperparameter().ifPresent(h -> assertTrue(p.spec().has(h), h));
    assertEquals(p.capabilities().contains(Capability.EXPLAINABLE), dev.sagemill.core.estimator.Explainable.class
        .isAssignableFrom(modelClass(p)), p.algorithmName() + ": EXPLAINABLE is declared exactly when its models are");
    assertEquals(p.capabilities().contains(Capability.STREAMING), p.streamSpec().isPresent(),
        p.algorithmName() + ": STREAMING is declared exactly when there are stream hyperparameters");
    p.streamSpec().ifPresent(spec -> {
      Map<String, String> hp = new java.util.HashMap<>();
      spec.describe().stream().filter(d -> d.required()).forEach(d -> hp.put(d.name(), "1"));
      dev.sagemill.core.estimator.StreamingModel m = p.stream(hp).orElseThrow();
      assertEquals(p.algorithmName(), m.algorithm());
      assertEquals(0, m.seen());
    });
    List<String> names = p.artifactReaders().stream().flatMap(r -> r.fileNames().stream()).toList();
    assertTrue(names.stream().noneMatch(n -> n.equals("model.sagemill")), names.toString());
  }

  /** The model class of an algorithm, as its fit method declares it. */
  private static Class<?> modelClass(AlgorithmProvider p) {
    for (java.lang.reflect.Method m : p.create(required(p)).getClass().getMethods()) {
      if (m.getName().equals("fit") && m.getParameterCount() == 2
          && m.getParameterTypes()[0] == dev.sagemill.core.data.DataSource.class && !m.isBridge()) {
        return m.getReturnType();
      }
    }
    throw new AssertionError(p.algorithmName() + " has no fit(DataSource, FitOptions)");
  }
}

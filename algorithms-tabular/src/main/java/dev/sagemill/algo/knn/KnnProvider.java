package dev.sagemill.algo.knn;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;
import java.util.Set;

/** Registers {@code knn} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class KnnProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return KnnParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return KnnParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new KnnEstimator(KnnParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return Set.of("test:accuracy", "test:mse");
  }
}

package dev.sagemill.algo.pca;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;

/** Registers {@code pca} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class PCAProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return PCAParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return PCAParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new PCAEstimator(PCAParams.parse(hyperparameters));
  }
}

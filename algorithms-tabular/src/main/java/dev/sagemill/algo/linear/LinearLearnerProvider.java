package dev.sagemill.algo.linear;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;

/** Registers {@code linear-learner} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class LinearLearnerProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return LinearLearnerParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return LinearLearnerParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new LinearLearnerEstimator(LinearLearnerParams.parse(hyperparameters));
  }
}

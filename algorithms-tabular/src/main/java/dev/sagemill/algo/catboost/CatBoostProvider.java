package dev.sagemill.algo.catboost;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;

/** Registers {@code catboost} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class CatBoostProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return CatBoostParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return CatBoostParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new CatBoostEstimator(CatBoostParams.parse(hyperparameters));
  }
}

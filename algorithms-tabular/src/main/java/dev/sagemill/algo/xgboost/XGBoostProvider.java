package dev.sagemill.algo.xgboost;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;

/** Registers {@code xgboost} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class XGBoostProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return XGBoostParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return XGBoostParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new XGBoostEstimator(XGBoostParams.parse(hyperparameters));
  }
}

package dev.sagemill.algo.lightgbm;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code lightgbm} (bagging on, so the seed matters). */
class LightGBMContractTest extends ProviderContract<LightGBMModel> {
  @Override
  protected String algorithm() {
    return LightGBMParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("num_boost_round", "6", "num_leaves", "7", "bagging_fraction", "0.8", "bagging_freq", "1",
        "min_data_in_leaf", "5");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("num_boost_round", "0", "learning_rate", "-1");
  }
}

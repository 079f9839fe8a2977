package dev.sagemill.algo.rcf;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code randomcutforest}; it trains in one pass. */
class RandomCutForestContractTest extends ProviderContract<RandomCutForestModel> {
  @Override
  protected String algorithm() {
    return RandomCutForestParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("feature_dim", "5", "num_trees", "50", "num_samples_per_tree", "64");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("feature_dim", "5", "num_trees", "10", "num_samples_per_tree", "4096");
  }

  @Override
  protected boolean resumes() {
    return false;
  }
}

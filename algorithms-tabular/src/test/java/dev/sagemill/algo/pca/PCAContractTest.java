package dev.sagemill.algo.pca;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code pca} in randomized mode (so the seed matters); it trains in passes. */
class PCAContractTest extends ProviderContract<PCAModel> {
  @Override
  protected String algorithm() {
    return PCAParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("feature_dim", "5", "num_components", "2", "mini_batch_size", "100", "algorithm_mode",
        "randomized", "subtract_mean", "true");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("feature_dim", "5", "num_components", "0", "mini_batch_size", "100", "algorithm_mode", "fast");
  }

  @Override
  protected boolean resumes() {
    return false;
  }
}

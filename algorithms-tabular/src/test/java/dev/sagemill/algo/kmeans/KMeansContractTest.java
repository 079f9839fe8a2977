package dev.sagemill.algo.kmeans;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code kmeans}: three streamed epochs of mini-batches. */
class KMeansContractTest extends ProviderContract<KMeansModel> {
  @Override
  protected String algorithm() {
    return KMeansParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("k", "3", "feature_dim", "5", "epochs", "3", "mini_batch_size", "100", "init_method", "kmeans++");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("k", "0", "feature_dim", "5", "epochs", "-1");
  }
}

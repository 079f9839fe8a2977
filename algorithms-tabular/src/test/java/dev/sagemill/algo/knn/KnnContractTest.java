package dev.sagemill.algo.knn;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code knn} with a sampled index (so the seed matters); it trains in one pass. */
class KnnContractTest extends ProviderContract<KnnModel> {
  @Override
  protected String algorithm() {
    return KnnParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("feature_dim", "5", "k", "5", "predictor_type", "classifier", "sample_size", "400");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("feature_dim", "5", "k", "0", "predictor_type", "nearest", "sample_size", "400");
  }

  @Override
  protected boolean resumes() {
    return false;
  }

  /** SageMaker's k-NN reports metrics on a test channel only. */
  @Override
  protected boolean reportsTrainingMetrics() {
    return false;
  }
}

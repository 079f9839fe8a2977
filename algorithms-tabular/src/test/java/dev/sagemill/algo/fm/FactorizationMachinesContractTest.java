package dev.sagemill.algo.fm;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code factorization-machines} (binary, 5 dense features, 3 epochs). */
class FactorizationMachinesContractTest extends ProviderContract<FactorizationMachinesModel> {
  @Override
  protected String algorithm() {
    return FactorizationMachinesParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("feature_dim", "5", "num_factors", "3", "predictor_type", "binary_classifier", "epochs", "3",
        "mini_batch_size", "100", "bias_lr", "0.1", "linear_lr", "0.1", "factors_lr", "0.1");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("feature_dim", "5", "num_factors", "0", "predictor_type", "binary_classifier", "epochs", "0");
  }
}

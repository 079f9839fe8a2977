package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.ProviderContract;
import java.util.Map;

/** The estimator contract for {@code xgboost} (row subsampling on, so the seed matters). */
class XGBoostContractTest extends ProviderContract<XGBoostModel> {
  @Override
  protected String algorithm() {
    return XGBoostParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("num_round", "6", "max_depth", "3", "objective", "binary:logistic", "subsample", "0.8",
        "colsample_bytree", "0.8");
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("num_round", "0", "eta", "2");
  }

  @Override
  protected int[] goldenVersions() {
    return new int[] {XGBoostCodec.VERSION};
  }
}

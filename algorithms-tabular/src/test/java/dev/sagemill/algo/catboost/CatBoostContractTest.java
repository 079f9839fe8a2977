package dev.sagemill.algo.catboost;

import dev.sagemill.algo.ProviderContract;
import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import java.util.Map;
import java.util.Optional;

/** The estimator contract for {@code catboost} (ordered boosting, random strength and bagging on). */
class CatBoostContractTest extends ProviderContract<CatBoostModel> {
  @Override
  protected String algorithm() {
    return CatBoostParams.ALGORITHM;
  }

  @Override
  protected Map<String, String> hyperparameters() {
    return Map.of("iterations", "6", "depth", "3", "boosting_type", "Ordered", "early_stopping_rounds", "0");
  }

  @Override
  protected String seedName() {
    return "random_seed";
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("iterations", "0", "depth", "99");
  }

  /** CatBoost reports its metrics on the evaluation set only, as its own logs do. */
  @Override
  protected Optional<InMemoryDataset> tinyValidationData() {
    return Optional.of(InMemoryDataset.of(TabularTestData.nonlinearBinary(200, 23)));
  }
}

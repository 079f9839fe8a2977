package dev.sagemill.algo;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.testing.EstimatorContract;
import java.util.HashMap;
import java.util.Map;

/**
 * The core contract for an algorithm configured as a SageMaker job is: by name and string hyperparameters, through
 * the registry. Subclasses give the name, the hyperparameters and the name of the seed hyperparameter.
 *
 * @param <M> the model type
 */
public abstract class ProviderContract<M extends Model> extends EstimatorContract<M> {
  /** @return the algorithm's SageMaker name */
  protected abstract String algorithm();

  /** @return hyperparameters fit for {@link #tinyTrainData()} */
  protected abstract Map<String, String> hyperparameters();

  /** @return the name of the seed hyperparameter */
  protected String seedName() {
    return "seed";
  }

  @Override
  @SuppressWarnings("unchecked") // the registry's estimator for this algorithm makes models of type M
  protected Estimator<M> newEstimator(long seed) {
    Map<String, String> hps = new HashMap<>(hyperparameters());
    hps.put(seedName(), Long.toString(seed));
    return (Estimator<M>) Algorithms.get(algorithm()).create(hps);
  }

  /** 600 rows of a nonlinear binary problem with 5 features ({@link TabularTestData#nonlinearBinary}). */
  @Override
  protected InMemoryDataset tinyTrainData() {
    return InMemoryDataset.of(TabularTestData.nonlinearBinary(600, 19));
  }

  @Override
  protected int[] goldenVersions() {
    return new int[] {1};
  }
}

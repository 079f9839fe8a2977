package dev.sagemill.algo.fm;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;
import java.util.Objects;

/**
 * Trains SageMaker's Factorization Machines on sparse (or dense) rows: the training channel is streamed once per
 * epoch in {@code mini_batch_size} batches, so memory is the model, its optimizer state and one batch; the test
 * channel (optional) is scored into {@code test:*} metrics. See {@link FactorizationMachinesParams}.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class FactorizationMachinesEstimator implements Estimator<FactorizationMachinesModel> {
  private final FactorizationMachinesParams params;

  /**
   * @param params validated hyperparameters
   */
  public FactorizationMachinesEstimator(FactorizationMachinesParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** @return the hyperparameters */
  public FactorizationMachinesParams params() {
    return params;
  }

  @Override
  public String algorithm() {
    return FactorizationMachinesParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public FactorizationMachinesModel fit(DataSource train, FitOptions options) throws IOException {
    return new FactorizationMachinesTraining(params, Objects.requireNonNull(train, "train"), options).run();
  }
}

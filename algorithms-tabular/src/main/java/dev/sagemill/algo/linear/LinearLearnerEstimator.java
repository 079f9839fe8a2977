package dev.sagemill.algo.linear;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;
import java.util.Objects;

/**
 * Trains SageMaker's Linear Learner. The training channel is streamed once per epoch in {@code mini_batch_size}
 * batches, so files larger than the heap train in bounded memory; the validation channel (optional) drives early
 * stopping, model selection and threshold tuning; the test channel (optional) is scored into {@code test:*}
 * metrics. See {@link LinearLearnerParams} for the hyperparameters.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class LinearLearnerEstimator implements Estimator<LinearLearnerModel> {
  private final LinearLearnerParams params;

  /**
   * @param params validated hyperparameters
   */
  public LinearLearnerEstimator(LinearLearnerParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** @return the hyperparameters */
  public LinearLearnerParams params() {
    return params;
  }

  @Override
  public String algorithm() {
    return LinearLearnerParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public LinearLearnerModel fit(DataSource train, FitOptions options) throws IOException {
    return new LinearTraining(params, Objects.requireNonNull(train, "train"), options).run();
  }
}

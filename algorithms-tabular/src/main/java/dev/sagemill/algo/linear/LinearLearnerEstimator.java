package dev.sagemill.algo.linear;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.distributed.Shards;
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
public final class LinearLearnerEstimator implements ShardedEstimator<LinearLearnerModel> {
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

  /**
   * Trains on rows split into shards by exact gradient aggregation: the normalisation comes from the sums of every
   * shard's first rows, and each model's regularised optimum is found by L-BFGS on the driver over the gradients
   * the shards sum for it (SageMaker leaves the multi-host scheme open; this one gives the single-machine
   * optimum, up to the normalisation's sample). Without a validation channel, models are compared by
   * cross-validation on folds each shard draws from its own rows; binary thresholds are tuned on a calibration
   * sample drawn evenly from the shards. Available with the full-batch solver ({@link #supportsSharding()}).
   */
  @Override
  public LinearLearnerModel fitSharded(Shards shards, FitOptions options) throws IOException {
    return new LinearTraining(params, shards, options).run();
  }

  @Override
  public ShardWorker shardWorker(DataSource rows, int shard, int shards, int threads) {
    return new LinearTraining(params, rows, FitOptions.builder().threads(threads).build()).worker(shard);
  }

  /** @return whether the full-batch solver trains (optimizer auto with a smooth loss and no l1, or lbfgs) */
  @Override
  public boolean supportsSharding() {
    return params.lbfgsAllowed();
  }
}

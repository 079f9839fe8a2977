package dev.sagemill.core.distributed;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import java.io.IOException;

/**
 * An estimator that can also train on rows split into shards held apart (executors of a cluster, hosts of a
 * SageMaker job), by the algorithm's own multi-host scheme: SageMaker k-means' per-host streaming pass reduced on
 * the driver, PCA's scatter sums added across hosts. The driver runs {@link #fitSharded}, which trains in rounds:
 * each round sends one message to every shard ({@link Shards#ask}) and folds their answers in shard order. The same
 * estimator, shards and shard order give the same model on every engine; {@link LocalShards} is the reference.
 *
 * <p>A worker is created where its shard's rows are, from an estimator rebuilt there from the algorithm name and
 * hyperparameters, so workers share nothing with the driver but the messages.
 *
 * @param <M> the model type
 */
public interface ShardedEstimator<M extends Model> extends Estimator<M> {
  /**
   * Trains on the driver, asking the shards for what it needs.
   *
   * @param shards the engine's shards
   * @param options listeners, threads and cancellation for the driver's own work; a sharded fit reads no other
   *     channel
   * @return the model
   * @throws IOException if a shard fails to read its rows
   * @throws dev.sagemill.core.error.InvalidDataException if the data is unusable (no rows in any shard, a schema
   *     that does not fit the hyperparameters, ...)
   * @throws UnsupportedOperationException if the shards hold data the scheme does not take (sparse rows for sharded
   *     boosting), found before any training: the engine may train on one machine instead
   */
  M fitSharded(Shards shards, FitOptions options) throws IOException;

  /**
   * Whether these hyperparameters train by the sharded scheme; an engine trains the others on one machine. Linear
   * Learner's streamed optimizers, for one, have no sharded scheme.
   *
   * @return true by default
   */
  default boolean supportsSharding() {
    return true;
  }

  /**
   * Creates one shard's worker.
   *
   * @param rows the shard's rows (possibly none)
   * @param shard its index, from 0
   * @param shards the number of shards
   * @param threads the threads the worker may use
   * @return the worker
   */
  ShardWorker shardWorker(DataSource rows, int shard, int shards, int threads);
}

package dev.sagemill.core.distributed;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a sharded fit in this process, shard by shard: the reference that a distributed engine's result must equal,
 * and a way to test an algorithm's sharded scheme without a cluster. Also the way an algorithm's single-machine fit
 * can run its sharded scheme on one shard.
 */
public final class LocalShards implements Shards {
  private final List<ShardWorker> workers;
  private final Schema schema;

  private LocalShards(List<ShardWorker> workers, Schema schema) {
    this.workers = workers;
    this.schema = schema;
  }

  /**
   * Shards held in this process.
   *
   * @param estimator the estimator whose workers answer
   * @param shards the shards' rows, in shard order; all of one schema
   * @param threads the threads each worker may use
   * @return the shards
   * @throws IOException if reading a shard's schema fails
   * @throws IllegalArgumentException if there are no shards or their schemas differ
   */
  public static LocalShards of(ShardedEstimator<?> estimator, List<? extends DataSource> shards, int threads)
      throws IOException {
    Objects.requireNonNull(estimator, "estimator");
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("a sharded fit needs at least one shard");
    }
    for (DataSource s : shards) {
      if (!s.schema().equals(shards.get(0).schema())) {
        throw new IllegalArgumentException("shard " + s.description() + " has schema " + s.schema()
            + ", shard 0 has " + shards.get(0).schema());
      }
    }
    List<ShardWorker> workers = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      workers.add(estimator.shardWorker(shards.get(i), i, shards.size(), threads));
    }
    return new LocalShards(workers, shards.get(0).schema());
  }

  /**
   * Fits on the given shards.
   *
   * @param estimator the estimator
   * @param shards the shards' rows, in shard order; all of one schema
   * @param options the driver's options; each worker gets {@link FitOptions#threads()} threads
   * @param <M> the model type
   * @return the model
   * @throws IOException if reading a shard fails
   * @throws IllegalArgumentException if there are no shards or their schemas differ
   */
  public static <M extends Model> M fit(ShardedEstimator<M> estimator, List<? extends DataSource> shards,
      FitOptions options) throws IOException {
    return estimator.fitSharded(of(estimator, shards, options.threads()), options);
  }

  @Override
  public int count() {
    return workers.size();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public List<byte[]> ask(byte[] message) throws IOException {
    List<byte[]> answers = new ArrayList<>(workers.size());
    for (ShardWorker w : workers) {
      answers.add(w.answer(message));
    }
    return answers;
  }
}

package dev.sagemill.core.distributed;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a sharded fit in this process, shard by shard: the reference that a distributed engine's result must equal,
 * and a way to test an algorithm's sharded scheme without a cluster.
 */
public final class LocalShards {
  private LocalShards() {}

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
      workers.add(estimator.shardWorker(shards.get(i), i, shards.size(), options.threads()));
    }
    ShardedRun<M> run = estimator.startSharded(shards.get(0).schema(), shards.size(), options);
    for (Optional<byte[]> m = run.nextMessage(); m.isPresent(); m = run.nextMessage()) {
      List<byte[]> answers = new ArrayList<>(workers.size());
      for (ShardWorker w : workers) {
        answers.add(w.answer(m.get()));
      }
      run.absorb(answers);
    }
    return run.model();
  }
}

package dev.sagemill.core.distributed;

import dev.sagemill.core.estimator.Model;
import java.util.List;
import java.util.Optional;

/**
 * The driver's side of one sharded fit: a sequence of rounds, each a message to every shard and their answers.
 * Not thread-safe; one engine drives it from one thread.
 *
 * @param <M> the model type
 */
public interface ShardedRun<M extends Model> {
  /**
   * @return the message every shard answers next, or empty when training is over and {@link #model()} is ready
   */
  Optional<byte[]> nextMessage();

  /**
   * Takes the shards' answers to the last message.
   *
   * @param answers one answer per shard, in shard order (shard 0 first), whatever order the engine received them in,
   *     so that floating-point sums come out the same on every engine
   * @throws dev.sagemill.core.error.InvalidDataException if the data as a whole is unusable (no rows at all, fewer
   *     rows than clusters, ...)
   */
  void absorb(List<byte[]> answers);

  /**
   * @return the trained model
   * @throws IllegalStateException if rounds remain
   */
  M model();
}

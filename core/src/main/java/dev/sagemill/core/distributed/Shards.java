package dev.sagemill.core.distributed;

import dev.sagemill.core.data.Schema;
import java.io.IOException;
import java.util.List;

/**
 * The driver's handle on the shards of a sharded fit, supplied by the engine that holds them ({@link LocalShards} in
 * one process, the Spark module on a cluster): one call sends a message to every shard's {@link ShardWorker} and
 * returns their answers.
 */
public interface Shards {
  /** @return the number of shards */
  int count();

  /** @return the rows' schema, the same in every shard */
  Schema schema();

  /**
   * Sends one message to every shard and waits for their answers.
   *
   * @param message the message, passed to {@link ShardWorker#answer(byte[])} unchanged
   * @return one answer per shard, in shard order (shard 0 first), whatever order they arrived in, so that sums
   *     over shards come out the same on every engine
   * @throws IOException if a shard fails to read its rows
   * @throws dev.sagemill.core.error.InvalidDataException if a shard's rows are unusable, naming the record
   */
  List<byte[]> ask(byte[] message) throws IOException;
}

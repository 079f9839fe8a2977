package dev.sagemill.core.distributed;

import java.io.IOException;

/**
 * One shard's side of a sharded fit: it holds (or reads) the shard's rows and answers the driver's messages.
 *
 * <p>An engine may rebuild a worker between any two messages (a retried task, a lost executor), so an answer must
 * depend only on the shard's rows and the message, never on earlier messages; a worker may keep a cache that it
 * can rebuild from the message. Messages and answers are opaque bytes (see {@link Message}) that only the algorithm reads.
 */
public interface ShardWorker {
  /**
   * Answers one message.
   *
   * @param message the driver's message
   * @return the answer, which the algorithm's driver reads
   * @throws IOException if reading the shard's rows fails
   * @throws dev.sagemill.core.error.InvalidDataException if the shard's rows are unusable, naming the record
   */
  byte[] answer(byte[] message) throws IOException;
}

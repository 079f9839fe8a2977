package dev.sagemill.core.data;

/**
 * Reads a {@link BatchStream} of rows ahead on a background thread ({@link PrefetchingRecordStream}).
 *
 * <p>Not thread-safe: one consumer.
 */
public final class PrefetchingBatchStream extends PrefetchingRecordStream<RowBatch> implements BatchStream {
  /**
   * Starts reading ahead.
   *
   * @param source the stream to read (closed by {@link #close()})
   * @param depth how many batches may wait, at least 1
   * @param name the reader thread's name
   */
  public PrefetchingBatchStream(BatchStream source, int depth, String name) {
    super(source, depth, name);
  }
}

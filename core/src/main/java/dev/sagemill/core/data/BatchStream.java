package dev.sagemill.core.data;

/**
 * One pass over a {@link DataSource}, yielding mini-batches of rows in order. Memory use is bounded by one batch
 * plus the reader's buffers, independent of the file size.
 *
 * <p>Not thread-safe.
 */
public interface BatchStream extends RecordStream<RowBatch> {}

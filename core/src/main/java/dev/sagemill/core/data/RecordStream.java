package dev.sagemill.core.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * One pass over a {@link RecordSource}, yielding batches in order. Memory is bounded by one batch plus the reader's
 * buffers, independent of the data's size.
 *
 * <p>Not thread-safe.
 *
 * @param <B> the batch type
 */
public interface RecordStream<B extends Batch> extends Closeable {
  /**
   * Reads the next batch.
   *
   * @return the next batch of at most the requested number of records, or empty at the end of the data
   * @throws IOException on an I/O failure
   * @throws dev.sagemill.core.error.InvalidDataException on malformed data, naming file and line/record
   */
  Optional<B> next() throws IOException;
}

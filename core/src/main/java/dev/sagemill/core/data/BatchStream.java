package dev.sagemill.core.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * One pass over a {@link DataSource}, yielding mini-batches in order. Memory use is bounded by one batch plus the
 * reader's buffers, independent of the file size.
 *
 * <p>Not thread-safe.
 */
public interface BatchStream extends Closeable {
  /**
   * Reads the next batch.
   *
   * @return the next batch of at most the requested number of rows, or empty at the end of the data
   * @throws IOException on an I/O failure
   * @throws dev.sagemill.core.error.InvalidDataException on malformed data, naming file and line/record
   */
  Optional<RowBatch> next() throws IOException;
}

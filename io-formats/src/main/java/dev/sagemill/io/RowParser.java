package dev.sagemill.io;

import dev.sagemill.core.data.RowBatch;
import java.io.Closeable;
import java.io.IOException;

/**
 * Parses rows of one file into a batch builder. One implementation per format; created by a
 * {@link FileSetSource} for each file of a channel.
 *
 * <p>Not thread-safe.
 */
public interface RowParser extends Closeable {
  /**
   * Appends the next row to {@code into}.
   *
   * @param into the builder; its feature and label dimensions are the channel schema's
   * @return false at the end of the file
   * @throws IOException on an I/O failure
   * @throws dev.sagemill.core.error.InvalidDataException on malformed data, naming file and line/record
   */
  boolean next(RowBatch.Builder into) throws IOException;

  /** @return the 1-based line or record number of the row parsed last */
  long position();
}

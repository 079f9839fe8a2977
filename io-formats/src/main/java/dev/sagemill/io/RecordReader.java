package dev.sagemill.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the records of one file, in order: lines of text, time series, .... Created by a {@link FileRecordSource}
 * for each file of a channel.
 *
 * <p>Not thread-safe.
 *
 * @param <R> the record type
 */
public interface RecordReader<R> extends Closeable {
  /**
   * @return the next record, or empty at the end of the file
   * @throws IOException on an I/O failure
   * @throws dev.sagemill.core.error.InvalidDataException on a malformed record, naming file and line/record
   */
  Optional<R> next() throws IOException;

  /** @return the 1-based line or record number of the record read last */
  long position();
}

package dev.sagemill.io.text;

import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link RecordReader} whose records are lines of a file (gzip allowed): it owns the {@link LineReader}, reports
 * the current line as the position, and makes errors that name the file and line. Subclasses turn lines into
 * records in {@link #next()}.
 *
 * <p>Not thread-safe.
 *
 * @param <R> the record type
 */
public abstract class LineRecordReader<R> implements RecordReader<R> {
  /** The file's lines. */
  protected final LineReader lines;
  /** The file's name, for messages. */
  protected final String name;

  /**
   * @param file the file
   * @param maxLineBytes the longest line accepted
   * @throws IOException if it cannot be opened
   */
  protected LineRecordReader(Path file, int maxLineBytes) throws IOException {
    this.lines = new LineReader(Inputs.open(file), maxLineBytes);
    this.name = file.toString();
  }

  /**
   * @param reason what is wrong with the current line
   * @return an error naming the file and line
   */
  protected final InvalidDataException bad(String reason) {
    return new InvalidDataException(name, "line", lines.lineNumber(), reason);
  }

  @Override
  public final long position() {
    return lines.lineNumber();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}

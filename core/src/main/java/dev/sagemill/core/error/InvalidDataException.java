package dev.sagemill.core.error;

import java.util.Optional;

/**
 * Thrown when input data is malformed: a ragged row, a non-numeric cell, a bad magic number, a truncated record, a
 * label out of range. The message always names where the problem is (file, line or record number) and what was
 * expected versus found.
 *
 * <p>It extends {@link IllegalArgumentException} because bad data is the caller's mistake, not an I/O failure.
 */
public class InvalidDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long position;

  /**
   * Creates an exception for a problem at a known place.
   *
   * @param source the file or stream name, e.g. {@code train/part-0.csv}
   * @param positionKind what {@code position} counts, e.g. {@code "line"} or {@code "record"}
   * @param position the 1-based line or record number
   * @param reason what is wrong, including the expected and the actual value
   */
  public InvalidDataException(String source, String positionKind, long position, String reason) {
    super(source + ", " + positionKind + " " + position + ": " + reason);
    this.source = source;
    this.position = position;
  }

  /**
   * Creates an exception for a problem not tied to one line or record.
   *
   * @param message the full message
   */
  public InvalidDataException(String message) {
    super(message);
    this.source = null;
    this.position = -1;
  }

  /**
   * The file or stream the problem was found in.
   *
   * @return the source name, or empty when the problem is not tied to a place
   */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The 1-based line or record number of the problem.
   *
   * @return the position, or -1 when unknown
   */
  public long position() {
    return position;
  }
}

package dev.sagemill.core.io;

/** The model file is damaged: truncated, a checksum mismatch, a missing or oversized entry, bad JSON. */
public class CorruptModelException extends ModelFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is damaged
   */
  public CorruptModelException(String message) {
    super(message);
  }

  /**
   * @param message what is damaged
   * @param cause the underlying failure
   */
  public CorruptModelException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.sagemill.core.io;

import java.io.IOException;

/** A model file cannot be loaded: not a sagemill model, corrupt, or of an unsupported format version. */
public class ModelFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, with the file and the actual versus expected value
   */
  public ModelFormatException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

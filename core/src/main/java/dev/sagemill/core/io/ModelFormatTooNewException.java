package dev.sagemill.core.io;

/** The model file was written by a newer sagemill with a format version this one does not know. */
public class ModelFormatTooNewException extends ModelFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the file, its version and the supported range
   */
  public ModelFormatTooNewException(String message) {
    super(message);
  }
}

package dev.sagemill.core.io;

/** The model file's format version is older than this sagemill can read. */
public class ModelFormatTooOldException extends ModelFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the file, its version and the supported range
   */
  public ModelFormatTooOldException(String message) {
    super(message);
  }
}

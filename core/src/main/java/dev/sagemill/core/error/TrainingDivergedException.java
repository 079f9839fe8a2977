package dev.sagemill.core.error;

/**
 * Thrown when training produces a non-finite loss or parameter, with the epoch and the offending metric, so the
 * user knows to lower the learning rate or normalise the data rather than receiving a model full of NaN.
 */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what diverged, where, and with which value
   */
  public TrainingDivergedException(String message) {
    super(message);
  }
}

package dev.sagemill.io.libsvm;

/** How libsvm feature indices are numbered. */
public enum IndexBase {
  /** Index 0 is the first feature (XGBoost's convention for training files). */
  ZERO,
  /** Index 1 is the first feature (LIBSVM's convention). */
  ONE,
  /**
   * Decided by a scan of the channel: an index 0 anywhere means {@link #ZERO}; otherwise the data is taken as
   * {@link #ONE}-based, LIBSVM's convention and the shift SageMaker's XGBoost container applies at inference.
   */
  AUTO
}

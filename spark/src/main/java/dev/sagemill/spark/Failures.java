package dev.sagemill.spark;

import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;

/**
 * Brings sagemill's own exceptions back out of Spark's wrapping: a task that fails on bad data reaches the driver
 * as a {@code SparkException} whose cause is the executor's exception; the caller should see the
 * {@link InvalidDataException} that names the partition and row, not the job's stack.
 */
final class Failures {
  private Failures() {}

  /**
   * @param e what a Spark job threw (Scala throws the checked {@code SparkException} undeclared)
   * @return sagemill's exception from its causes when there is one, else {@code e} itself, rethrown unchanged
   */
  static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidDataException || t instanceof InvalidHyperparametersException) {
        return (RuntimeException) t;
      }
    }
    throw Failures.<RuntimeException>sneaky(e);
  }

  @SuppressWarnings("unchecked") // rethrows Spark's undeclared checked exception as it came
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}

package dev.sagemill.core.param;

import java.util.Objects;

/**
 * Base of an algorithm's typed hyperparameters: the {@link Hyperparameters} its {@link ParamSpec} validated, with
 * value equality (two parameter objects of one class are equal when their values are). Subclasses add typed
 * accessors and the algorithm's own resolution of {@code auto}.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class AlgorithmParams {
  /** The validated values. */
  protected final Hyperparameters values;

  /**
   * @param values the validated values
   */
  protected AlgorithmParams(Hyperparameters values) {
    this.values = Objects.requireNonNull(values, "values");
  }

  /** @return the validated values in SageMaker's terms */
  public final Hyperparameters values() {
    return values;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((AlgorithmParams) o).values.equals(values);
  }

  @Override
  public final int hashCode() {
    return values.hashCode();
  }

  @Override
  public final String toString() {
    return values.toString();
  }
}

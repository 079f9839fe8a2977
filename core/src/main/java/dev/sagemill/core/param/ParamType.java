package dev.sagemill.core.param;

/** The value type of a hyperparameter, as it is parsed from SageMaker's string form. */
public enum ParamType {
  /** A 32-bit integer; {@code "10"} and {@code "10.0"} are accepted. */
  INT,
  /** A 64-bit integer, e.g. a seed. */
  LONG,
  /** A double-precision number, e.g. {@code "1e-3"}. */
  DOUBLE,
  /** {@code true}/{@code false} in any letter case (SageMaker uses both {@code true} and {@code True}). */
  BOOLEAN,
  /** One of a fixed set of strings. */
  CHOICE,
  /** Free text, e.g. a JSON list or a comma-separated list. */
  STRING
}

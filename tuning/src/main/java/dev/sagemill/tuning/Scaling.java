package dev.sagemill.tuning;

import java.util.Locale;

/**
 * How a numeric range is searched, as SageMaker's {@code ScalingType}: values are mapped to the unit interval
 * {@code [0, 1]} where the search (and the Bayesian surrogate) works.
 *
 * <p>{@code Auto} is resolved per range ({@link #resolve(double, double)}): logarithmic when the range is positive
 * and spans two decades or more, linear otherwise.
 */
public enum Scaling {
  /** The tuner chooses: see {@link #resolve(double, double)}. */
  AUTO("Auto"),
  /** Uniform in the value. */
  LINEAR("Linear"),
  /** Uniform in {@code log(value)}; the minimum must be above 0. */
  LOGARITHMIC("Logarithmic"),
  /** Uniform in {@code log(1 − value)}, dense near 1; the range must lie in {@code [0, 1)}. */
  REVERSE_LOGARITHMIC("ReverseLogarithmic");

  private final String sageMakerName;

  Scaling(String sageMakerName) {
    this.sageMakerName = sageMakerName;
  }

  /** @return SageMaker's name, e.g. {@code ReverseLogarithmic} */
  public String sageMakerName() {
    return sageMakerName;
  }

  /**
   * @param name SageMaker's name, case-insensitive
   * @return the scaling
   * @throws IllegalArgumentException naming the accepted names
   */
  public static Scaling parse(String name) {
    for (Scaling s : values()) {
      if (s.sageMakerName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("ScalingType \"" + name + "\" is not one of Auto, Linear, Logarithmic, "
        + "ReverseLogarithmic");
  }

  /**
   * @param min the range's minimum
   * @param max the range's maximum
   * @return this scaling, with {@code Auto} replaced by the one used for the range
   */
  public Scaling resolve(double min, double max) {
    if (this != AUTO) {
      return this;
    }
    return min > 0 && max / min >= 100 ? LOGARITHMIC : LINEAR;
  }

  /**
   * Maps a value of {@code [min, max]} to {@code [0, 1]}. Not for {@code Auto}: resolve it first.
   *
   * @param v the value
   * @param min the minimum
   * @param max the maximum
   * @return the unit coordinate
   */
  double toUnit(double v, double min, double max) {
    if (max == min) {
      return 0.5;
    }
    return switch (this) {
      case LOGARITHMIC -> (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min));
      case REVERSE_LOGARITHMIC -> (Math.log1p(-min) - Math.log1p(-v)) / (Math.log1p(-min) - Math.log1p(-max));
      default -> (v - min) / (max - min);
    };
  }

  /**
   * The inverse of {@link #toUnit}, clamped to {@code [min, max]}.
   *
   * @param u the unit coordinate
   * @param min the minimum
   * @param max the maximum
   * @return the value
   */
  double fromUnit(double u, double min, double max) {
    double t = Math.min(1, Math.max(0, u));
    double v = switch (this) {
      case LOGARITHMIC -> Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min)));
      case REVERSE_LOGARITHMIC -> -Math.expm1(Math.log1p(-min) + t * (Math.log1p(-max) - Math.log1p(-min)));
      default -> min + t * (max - min);
    };
    return Math.min(max, Math.max(min, v));
  }
}

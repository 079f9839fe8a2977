package dev.sagemill.tuning;

import dev.sagemill.core.random.RandomStream;
import java.util.List;

/**
 * One searchable hyperparameter, as SageMaker's {@code ParameterRanges} entries. A range is searched in unit
 * coordinates: one coordinate in {@code [0, 1]} for a numeric range (warped by its {@link Scaling}), one per value
 * for a categorical range (one-hot), which is also how the Bayesian surrogate sees it.
 */
public sealed interface ParameterRange permits ParameterRange.Continuous, ParameterRange.Integral,
    ParameterRange.Categorical {
  /** @return the hyperparameter name */
  String name();

  /** @return how many unit coordinates the range takes */
  int dims();

  /**
   * Adds a sentence to {@code problems} for each way the range is malformed.
   *
   * @param problems where to add problems
   */
  void validate(List<String> problems);

  /**
   * Writes a value's unit coordinates.
   *
   * @param value the value as a hyperparameter string
   * @param out the coordinates
   * @param offset where this range's coordinates start
   * @return false if the value is not in the range (nothing written)
   */
  boolean encode(String value, double[] out, int offset);

  /**
   * @param u unit coordinates
   * @param offset where this range's coordinates start
   * @return the value they stand for, as a hyperparameter string
   */
  String decode(double[] u, int offset);

  /**
   * Moves coordinates, in place, to those of the value they decode to: the same as {@code encode(decode(u))}
   * without the strings, which the Bayesian search's thousands of candidates per proposal would spend most of
   * their time formatting and parsing.
   *
   * @param u unit coordinates
   * @param offset where this range's coordinates start
   */
  void snap(double[] u, int offset);

  /**
   * Writes uniformly drawn coordinates (uniform in the scaled space; one category uniformly).
   *
   * @param rng the randomness
   * @param out the coordinates
   * @param offset where this range's coordinates start
   */
  default void sample(RandomStream rng, double[] out, int offset) {
    out[offset] = rng.nextDouble();
  }

  /**
   * A real-valued range, SageMaker's {@code ContinuousParameterRanges}.
   *
   * @param name the hyperparameter
   * @param min the minimum (inclusive)
   * @param max the maximum (inclusive)
   * @param scaling the search scale
   */
  record Continuous(String name, double min, double max, Scaling scaling) implements ParameterRange {
    @Override
    public int dims() {
      return 1;
    }

    @Override
    public void validate(List<String> problems) {
      checkNumeric(name, min, max, scaling, problems);
    }

    @Override
    public boolean encode(String value, double[] out, int offset) {
      double v;
      try {
        v = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        return false;
      }
      if (!(v >= min && v <= max)) {
        return false;
      }
      out[offset] = scaling.resolve(min, max).toUnit(v, min, max);
      return true;
    }

    @Override
    public String decode(double[] u, int offset) {
      return Double.toString(scaling.resolve(min, max).fromUnit(u[offset], min, max));
    }

    @Override
    public void snap(double[] u, int offset) {
      Scaling s = scaling.resolve(min, max);
      // Double.toString round-trips exactly, so this is what encode(decode(u)) gives.
      u[offset] = s.toUnit(s.fromUnit(u[offset], min, max), min, max);
    }
  }

  /**
   * An integer range, SageMaker's {@code IntegerParameterRanges}; both ends included.
   *
   * @param name the hyperparameter
   * @param min the minimum
   * @param max the maximum
   * @param scaling the search scale
   */
  record Integral(String name, long min, long max, Scaling scaling) implements ParameterRange {
    @Override
    public int dims() {
      return 1;
    }

    @Override
    public void validate(List<String> problems) {
      checkNumeric(name, min, max, scaling, problems);
    }

    @Override
    public boolean encode(String value, double[] out, int offset) {
      long v;
      try {
        v = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        return false;
      }
      if (v < min || v > max) {
        return false;
      }
      // Each integer owns the slice of the unit interval that rounds to it; its coordinate is that slice's centre.
      out[offset] = scaling.resolve(lo(), hi()).toUnit(v, lo(), hi());
      return true;
    }

    @Override
    public String decode(double[] u, int offset) {
      return Long.toString(value(u[offset]));
    }

    @Override
    public void snap(double[] u, int offset) {
      u[offset] = scaling.resolve(lo(), hi()).toUnit(value(u[offset]), lo(), hi());
    }

    private long value(double u) {
      double v = scaling.resolve(lo(), hi()).fromUnit(u, lo(), hi());
      return Math.max(min, Math.min(max, Math.round(v)));
    }

    /** The continuous stretch searched: half a unit beyond each end, so the end values are as likely as others. */
    private double lo() {
      return scaling.resolve(min, max) == Scaling.LOGARITHMIC ? Math.max(min - 0.5, min * 0.5) : min - 0.5;
    }

    private double hi() {
      return max + 0.5;
    }
  }

  /**
   * A set of values, SageMaker's {@code CategoricalParameterRanges}.
   *
   * @param name the hyperparameter
   * @param values the values, in the order given
   */
  record Categorical(String name, List<String> values) implements ParameterRange {
    /**
     * Copies the values.
     *
     * @param name the hyperparameter
     * @param values the values
     */
    public Categorical {
      values = List.copyOf(values);
    }

    @Override
    public int dims() {
      return values.size();
    }

    @Override
    public void validate(List<String> problems) {
      if (values.isEmpty()) {
        problems.add("categorical range " + name + " has no values");
      } else if (values.stream().distinct().count() < values.size()) {
        problems.add("categorical range " + name + " repeats a value: " + values);
      }
    }

    @Override
    public boolean encode(String value, double[] out, int offset) {
      int i = values.indexOf(value.trim());
      if (i < 0) {
        return false;
      }
      oneHot(out, offset, i);
      return true;
    }

    @Override
    public String decode(double[] u, int offset) {
      return values.get(chosen(u, offset));
    }

    @Override
    public void snap(double[] u, int offset) {
      oneHot(u, offset, chosen(u, offset));
    }

    /** The category with the largest coordinate (the first of equals). */
    private int chosen(double[] u, int offset) {
      int best = 0;
      for (int j = 1; j < values.size(); j++) {
        if (u[offset + j] > u[offset + best]) {
          best = j;
        }
      }
      return best;
    }

    @Override
    public void sample(RandomStream rng, double[] out, int offset) {
      oneHot(out, offset, rng.nextInt(values.size()));
    }

    private void oneHot(double[] out, int offset, int pick) {
      java.util.Arrays.fill(out, offset, offset + values.size(), 0);
      out[offset + pick] = 1;
    }
  }

  private static void checkNumeric(String name, double min, double max, Scaling scaling, List<String> problems) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      problems.add("range " + name + ": MinValue and MaxValue must be finite numbers, got " + min + " and " + max);
    } else if (min > max) {
      problems.add("range " + name + " is inverted: MinValue " + min + " > MaxValue " + max);
    } else if (scaling == Scaling.LOGARITHMIC && min <= 0) {
      problems.add("range " + name + ": Logarithmic scaling needs MinValue > 0, got " + min);
    } else if (scaling == Scaling.REVERSE_LOGARITHMIC && (min < 0 || max >= 1)) {
      problems.add("range " + name + ": ReverseLogarithmic scaling needs 0 <= MinValue <= MaxValue < 1, got ["
          + min + ", " + max + "]");
    }
  }
}

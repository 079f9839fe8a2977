package dev.sagemill.algo.deepar;

import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import java.time.LocalDateTime;

/**
 * One series checked against the model's shape and ready for feature building: targets with missing values as 0
 * and an observed mask, the parsed start, the categorical values and dynamic features the model uses, and its
 * calendar features, computed once.
 *
 * <p>Not thread-safe (the calendar features are computed on first use).
 */
final class PreparedSeries {
  final String where;
  final float[] target;
  final boolean[] observed;
  final int length;
  final LocalDateTime start;
  final int[] cat;
  final float[][] dynamic;
  private final TimeFrequency frequency;
  private float[] calendar = new float[0];
  private int calendarSteps;

  private PreparedSeries(String where, float[] target, boolean[] observed, LocalDateTime start, int[] cat,
      float[][] dynamic, TimeFrequency frequency) {
    this.where = where;
    this.target = target;
    this.observed = observed;
    this.length = target.length;
    this.start = start;
    this.cat = cat;
    this.dynamic = dynamic;
    this.frequency = frequency;
  }

  /**
   * Checks and converts a series.
   *
   * @param s the series
   * @param where the file and line (or request and instance) for messages
   * @param shape what the model reads
   * @param future time points after the target that dynamic features must cover (the forecast horizon at
   *     inference, 0 in training)
   * @return the prepared series
   * @throws InvalidDataException naming {@code where} and the value
   */
  static PreparedSeries of(TimeSeries s, String where, SeriesShape shape, int future) {
    LocalDateTime start;
    try {
      start = shape.frequency().parseStart(s.start());
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(where + ": " + e.getMessage());
    }
    double[] y = s.target();
    float[] target = new float[y.length];
    boolean[] observed = new boolean[y.length];
    int seen = 0;
    for (int t = 0; t < y.length; t++) {
      if (Double.isNaN(y[t])) {
        continue;
      }
      String why = shape.likelihood().invalid(y[t]);
      if (why != null) {
        throw new InvalidDataException(where + ": target[" + t + "] = " + y[t] + ": " + why);
      }
      target[t] = (float) y[t];
      observed[t] = true;
      seen++;
    }
    if (seen == 0) {
      throw new InvalidDataException(where + ": every target value is missing (NaN or null); a series needs at least "
          + "one observed value");
    }
    int[] cat = s.cat();
    int[] card = shape.cardinality();
    if (card.length > 0) {
      if (cat.length != card.length) {
        throw new InvalidDataException(where + ": \"cat\" has " + cat.length + " values; the model takes "
            + card.length + " categorical features (cardinality " + java.util.Arrays.toString(card) + ")");
      }
      for (int i = 0; i < cat.length; i++) {
        if (cat[i] >= card[i]) {
          throw new InvalidDataException(where + ": \"cat\"[" + i + "] = " + cat[i] + " is outside its cardinality "
              + card[i] + " (values 0 to " + (card[i] - 1) + ")");
        }
      }
    } else {
      cat = new int[0];
    }
    double[][] d = s.dynamicFeat();
    int nd = shape.dynamicFeatures();
    float[][] dyn = new float[nd][];
    if (nd > 0) {
      if (d.length != nd) {
        throw new InvalidDataException(where + ": \"dynamic_feat\" has " + d.length + " features; the model takes "
            + nd);
      }
      for (int i = 0; i < nd; i++) {
        if (d[i].length < y.length + future) {
          throw new InvalidDataException(where + ": \"dynamic_feat\"[" + i + "] has " + d[i].length + " values; it "
              + "needs " + (y.length + future) + " (the target's " + y.length + (future > 0 ? " plus the "
              + future + " forecast" : "") + " time points)");
        }
        dyn[i] = new float[y.length + future];
        for (int t = 0; t < dyn[i].length; t++) {
          dyn[i][t] = (float) d[i][t];
        }
      }
    }
    return new PreparedSeries(where, target, observed, start, cat, dyn, shape.frequency());
  }

  /**
   * The calendar features of time points {@code 0 .. steps − 1}, row-major.
   *
   * @param steps how many time points are needed
   * @return at least {@code steps × timeFeatureCount} values
   */
  float[] calendar(int steps) {
    if (steps > calendarSteps) {
      int k = frequency.timeFeatureCount();
      float[] c = new float[steps * k];
      System.arraycopy(calendar, 0, c, 0, calendar.length);
      for (int t = calendarSteps; t < steps; t++) {
        frequency.timeFeatures(frequency.at(start, t), c, t * k);
      }
      calendar = c;
      calendarSteps = steps;
    }
    return calendar;
  }

  /**
   * The series' scale for a window ending before {@code end}: the mean absolute observed value of the
   * {@code context} points before it, else of every observed point before it, else 1 (a series of zeros).
   *
   * @param end the first time point after the context
   * @param context the context length
   * @return the scale, positive
   */
  float scale(int end, int context) {
    double sum = 0;
    int n = 0;
    for (int t = Math.max(0, end - context); t < Math.min(end, length); t++) {
      if (observed[t]) {
        sum += Math.abs(target[t]);
        n++;
      }
    }
    if (sum == 0) {
      n = 0;
      for (int t = 0; t < Math.min(end, length); t++) {
        if (observed[t]) {
          sum += Math.abs(target[t]);
          n++;
        }
      }
    }
    return sum > 0 ? (float) (sum / n) : 1f;
  }
}

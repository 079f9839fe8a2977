package dev.sagemill.algo.deepar;

/**
 * Builds the per-time-point inputs of DeepAR's network in GluonTS's layout: for time point {@code t} of a series,
 * the scaled targets at {@code t − lag} for every lag (0 before the series starts or where a value is missing), the
 * calendar features of {@code t}, the age {@code log10(2 + t)}, and the dynamic features at {@code t}. Time points
 * before the series' start (a window reaching past it) are all zeros, as GluonTS pads them.
 *
 * <p>Immutable: it keeps the shape's lags and widths so the per-row calls of a forecast step allocate nothing.
 */
final class PointInputs {
  private final int width;
  private final int[] lags;
  private final int calendarWidth;

  /** @param shape what the network reads */
  PointInputs(SeriesShape shape) {
    this.width = shape.pointInputs();
    this.lags = shape.lags();
    this.calendarWidth = shape.frequency().timeFeatureCount();
  }

  /**
   * Fills the inputs of {@code steps} consecutive time points.
   *
   * @param s the series
   * @param past scaled values by time point (0 where missing), valid below {@code pastLength}
   * @param pastLength the time points {@code past} holds
   * @param future scaled values after {@code pastLength} (sampled paths), or null when none are read
   * @param futureOffset where time point {@code pastLength} sits in {@code future}
   * @param first the first time point (may be negative)
   * @param steps the time points
   * @param out the destination, {@code steps × pointInputs} values from {@code offset}
   * @param offset the first index written
   */
  void fill(PreparedSeries s, float[] past, int pastLength, float[] future, int futureOffset, int first, int steps,
      float[] out, int offset) {
    int k = calendarWidth;
    float[] calendar = s.calendar(Math.max(1, first + steps));
    int o = offset;
    for (int j = 0; j < steps; j++, o += width) {
      int t = first + j;
      if (t < 0) {
        java.util.Arrays.fill(out, o, o + width, 0f);
        continue;
      }
      int i = o;
      for (int lag : lags) {
        int at = t - lag;
        out[i++] = at < 0 ? 0f : at < pastLength ? past[at] : future[futureOffset + at - pastLength];
      }
      System.arraycopy(calendar, t * k, out, i, k);
      i += k;
      out[i++] = (float) Math.log10(2.0 + t);
      for (float[] d : s.dynamic) {
        out[i++] = d[t];
      }
    }
  }

  /**
   * A series' observed values divided by a scale, 0 where missing.
   *
   * @param s the series
   * @param scale the scale
   * @param end the time points to fill
   * @param out the destination, at least {@code end} long
   */
  static void scaledPast(PreparedSeries s, float scale, int end, float[] out) {
    for (int t = 0; t < end; t++) {
      out[t] = s.observed[t] ? s.target[t] / scale : 0f;
    }
  }
}

package dev.sagemill.io;

import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The checks every DeepAR series record passes, whichever format it was read from (JSON Lines, Parquet, an inference
 * request): a {@code start} of the form {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM:SS}, a non-empty
 * {@code target}, non-negative {@code cat} values, and {@code dynamic_feat} arrays at least as long as the target
 * with no missing value.
 *
 * <p>Stateless.
 */
public final class SeriesRecords {
  private static final Pattern START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?");

  private SeriesRecords() {}

  /**
   * Checks a record's fields and makes the series.
   *
   * @param start the start timestamp as written
   * @param target the values, NaN where missing
   * @param cat the categorical values
   * @param dynamicFeat the dynamic features, {@code features × length}
   * @param bad makes the exception for a problem, naming where the record came from
   * @return the series
   * @throws InvalidDataException made by {@code bad}
   */
  public static TimeSeries of(String start, double[] target, int[] cat, double[][] dynamicFeat,
      Function<String, InvalidDataException> bad) {
    if (start == null || !START.matcher(start).matches()) {
      throw bad.apply("\"start\" must be a timestamp \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM:SS\", got "
          + (start == null ? "nothing" : "\"" + start + "\""));
    }
    if (target.length == 0) {
      throw bad.apply("\"target\" must be a non-empty array");
    }
    for (int i = 0; i < cat.length; i++) {
      if (cat[i] < 0) {
        throw bad.apply("\"cat\"[" + i + "] must be a non-negative integer, got " + cat[i]);
      }
    }
    for (int i = 0; i < dynamicFeat.length; i++) {
      if (dynamicFeat[i].length < target.length) {
        throw bad.apply("\"dynamic_feat\"[" + i + "] has " + dynamicFeat[i].length + " values, fewer than the "
            + "target's " + target.length);
      }
      for (double v : dynamicFeat[i]) {
        if (Double.isNaN(v)) {
          throw bad.apply("\"dynamic_feat\"[" + i + "] has a missing value; DeepAR needs every dynamic feature "
              + "value");
        }
      }
    }
    return new TimeSeries(start, target, cat, dynamicFeat);
  }
}

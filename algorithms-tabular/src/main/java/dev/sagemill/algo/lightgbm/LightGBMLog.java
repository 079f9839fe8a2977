package dev.sagemill.algo.lightgbm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * LightGBM's per-iteration evaluation line, as its Python package logs it: {@code [10]\tvalidation's
 * binary_logloss: 0.512345\ttrain's binary_logloss: 0.49}, 1-based iteration, values to 6 significant digits in
 * plain notation. Evaluation sets other than {@code train} come first, so SageMaker's LightGBM tuning regexes
 * ({@code "binary_logloss: ([0-9\\.]+)"}, first match) read the validation value.
 */
public final class LightGBMLog {
  private LightGBMLog() {}

  /**
   * Formats one iteration.
   *
   * @param iteration the 1-based iteration
   * @param metrics values keyed {@code validation:auc} (SageMaker) in print order
   * @return the line
   */
  public static String format(int iteration, Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder().append('[').append(iteration).append(']');
    for (boolean trainPass : new boolean[] {false, true}) {
      metrics.forEach((k, val) -> {
        int colon = k.indexOf(':');
        String set = k.substring(0, colon);
        if (set.equals("train") == trainPass) {
          sb.append('\t').append(set).append("'s ").append(k.substring(colon + 1)).append(": ").append(plain(val));
        }
      });
    }
    return sb.toString();
  }

  private static String plain(double v) {
    return significant(v, 6);
  }

  /**
   * A value rounded to significant digits in plain notation, as LightGBM and CatBoost print metrics.
   *
   * @param v the value
   * @param digits significant digits
   * @return e.g. {@code 0.512345}; {@code NaN} and infinities as Java writes them
   */
  public static String significant(double v, int digits) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
  }
}

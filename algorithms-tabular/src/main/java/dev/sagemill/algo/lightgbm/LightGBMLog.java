package dev.sagemill.algo.lightgbm;

import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.listen.SignificantDigits;
import java.util.List;
import java.util.Map;

/**
 * LightGBM's per-iteration evaluation line, as its Python package logs it: {@code [10]\tvalidation's
 * binary_logloss: 0.512345\ttrain's binary_logloss: 0.49}, 1-based iteration, values to 6 significant digits in
 * plain notation. Evaluation sets other than {@code train} come first, so SageMaker's LightGBM tuning regexes
 * ({@code "binary_logloss: ([0-9\\.]+)"}, first match) read the validation value.
 *
 * <p>Stateless and thread-safe.
 */
final class LightGBMLog implements MetricLog {
  @Override
  public List<String> iteration(int iteration, int planned, Map<String, Double> metrics) {
    return List.of(format(iteration, metrics));
  }

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
    return SignificantDigits.format(v, 6);
  }
}

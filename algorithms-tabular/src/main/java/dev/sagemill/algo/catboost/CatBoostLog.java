package dev.sagemill.algo.catboost;

import dev.sagemill.algo.gbdt.internal.MetricDialects;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.listen.SignificantDigits;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CatBoost's console lines: per iteration {@code 12:\ttest: 0.9012345\tbest: 0.9012345 (12)\ttotal: 1.2s\tremaining:
 * 3.4s} (0-based iteration, values to 7 significant digits), and at the end {@code bestTest = 0.9012345} and
 * {@code bestIteration = 12}, the line SageMaker's CatBoost tuning regex ({@code bestTest = ([0-9\\.]+)}) reads.
 * Tracks the best value of the first validation metric. Not thread-safe; one instance per job.
 */
final class CatBoostLog implements MetricLog {
  private final long start = System.nanoTime();
  private double best = Double.NaN;
  private int bestIteration = -1;

  /**
   * Formats one iteration.
   *
   * @param iteration the 1-based iteration
   * @param planned the planned number of iterations
   * @param metrics values keyed {@code validation:AUC}
   * @return the line
   */
  public String line(int iteration, int planned, Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder().append(iteration - 1).append(':');
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      String name = e.getKey().substring(e.getKey().indexOf(':') + 1);
      double value = e.getValue();
      boolean higher = MetricDialects.CATBOOST_NAMES.contains(name) && MetricDialects.catboost(name).higherIsBetter();
      if (bestIteration < 0 || (higher ? value > best : value < best)) {
        best = value;
        bestIteration = iteration - 1;
      }
      sb.append("\ttest: ").append(plain(value)).append("\tbest: ").append(plain(best)).append(" (")
          .append(bestIteration).append(')');
      break;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double remaining = elapsed / iteration * (planned - iteration);
    return sb.append("\ttotal: ").append(seconds(elapsed)).append("\tremaining: ").append(seconds(remaining))
        .toString();
  }

  @Override
  public List<String> iteration(int iteration, int planned, Map<String, Double> metrics) {
    return List.of(line(iteration, planned, metrics));
  }

  /**
   * The end-of-training lines, when some iteration was evaluated.
   *
   * @return {@code bestTest = v} and {@code bestIteration = i}, or none without validation
   */
  @Override
  public List<String> summary() {
    return bestIteration < 0 ? List.of() : List.of("bestTest = " + plain(best), "bestIteration = " + bestIteration);
  }

  private static String seconds(double s) {
    return s < 1 ? String.format(Locale.ROOT, "%dms", Math.round(s * 1000)) : String.format(Locale.ROOT, "%.2fs", s);
  }

  private static String plain(double v) {
    return SignificantDigits.format(v, 7);
  }
}

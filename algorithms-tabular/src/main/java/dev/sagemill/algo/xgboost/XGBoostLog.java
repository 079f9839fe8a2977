package dev.sagemill.algo.xgboost;

import dev.sagemill.core.listen.MetricLog;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * XGBoost's per-round evaluation line as it appears in SageMaker's CloudWatch logs, where the tab between entries
 * shows as {@code #011}: {@code [12]#011train-auc:0.91000#011validation-auc:0.89000}. SageMaker's tuner extracts
 * metrics from it with regexes such as {@code .*\[[0-9]+\].*#011validation-auc:(\S+)}.
 *
 * <p>Stateless and thread-safe.
 */
final class XGBoostLog implements MetricLog {
  @Override
  public List<String> iteration(int iteration, int planned, Map<String, Double> metrics) {
    return List.of(format(iteration - 1, metrics));
  }

  /**
   * Formats one round.
   *
   * @param round the 0-based round
   * @param metrics values keyed {@code train-auc} (XGBoost) or {@code train:auc} (SageMaker), in print order
   * @return the line
   */
  public static String format(int round, Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder().append('[').append(round).append(']');
    metrics.forEach((k, val) -> sb.append("#011").append(k.replaceFirst(":", "-")).append(':')
        .append(String.format(Locale.ROOT, "%.5f", val)));
    return sb.toString();
  }
}

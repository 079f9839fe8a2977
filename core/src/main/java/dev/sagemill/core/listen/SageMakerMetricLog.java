package dev.sagemill.core.listen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metric lines of SageMaker's first-party algorithms: per iteration and metric
 * {@code #quality_metric: host=algo-1, epoch=3, validation objective_loss <loss>=0.61} (0-based epoch; {@code <loss>}
 * for metrics whose name holds "loss", {@code <score>} otherwise).
 *
 * <p>Stateless and thread-safe.
 */
public final class SageMakerMetricLog implements MetricLog {
  @Override
  public List<String> iteration(int iteration, int planned, Map<String, Double> metrics) {
    List<String> lines = new ArrayList<>(metrics.size());
    metrics.forEach((name, value) -> {
      int colon = name.indexOf(':');
      String channel = name.substring(0, colon);
      String metric = name.substring(colon + 1);
      String kind = metric.contains("loss") ? "loss" : "score";
      lines.add(String.format(Locale.ROOT, "#quality_metric: host=algo-1, epoch=%d, %s %s <%s>=%s", iteration - 1,
          channel, metric, kind, value));
    });
    return lines;
  }
}

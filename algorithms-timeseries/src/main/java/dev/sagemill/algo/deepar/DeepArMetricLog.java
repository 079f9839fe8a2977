package dev.sagemill.algo.deepar;

import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.listen.SageMakerMetricLog;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DeepAR's container log: the epoch lines of SageMaker's first-party algorithms
 * ({@code #quality_metric: host=algo-1, epoch=3, train loss <loss>=1.2}) and, at the end, the line SageMaker's
 * {@code train:final_loss} metric definition reads: {@code #quality_metric: host=algo-1, train final_loss
 * <loss>=1.1}, the loss of the epoch whose model is kept (the lowest).
 *
 * <p>Not thread-safe: one per training job.
 */
final class DeepArMetricLog implements MetricLog {
  private final SageMakerMetricLog epochs = new SageMakerMetricLog();
  private double best = Double.NaN;

  @Override
  public List<String> iteration(int iteration, int planned, Map<String, Double> metrics) {
    Double loss = metrics.get("train:loss");
    if (loss != null && !(loss >= best)) {
      best = loss;
    }
    return epochs.iteration(iteration, planned, metrics);
  }

  @Override
  public List<String> summary() {
    return Double.isNaN(best) ? List.of() : List.of(String.format(Locale.ROOT,
        "#quality_metric: host=algo-1, train final_loss <loss>=%s", best));
  }
}

package dev.sagemill.core.listen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingListener} that keeps every epoch's (round's, pass's) metrics, for learning curves: per metric name
 * ({@code train:logloss}, {@code validation:auc}), the epochs that reported it and its values there.
 *
 * <p>Thread-safe: listeners are told from the training thread, readers may look at any time.
 */
public final class MetricHistory implements TrainingListener {
  private final Map<String, List<double[]>> series = new LinkedHashMap<>();

  @Override
  public synchronized void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
    metrics.forEach((name, value) -> series.computeIfAbsent(name, n -> new ArrayList<>()).add(new double[] {epoch,
        value}));
  }

  /**
   * Records a point, as {@link #onEpoch} does (for a history read back from a file).
   *
   * @param metric the metric name
   * @param epoch the 1-based epoch
   * @param value its value
   */
  public synchronized void add(String metric, int epoch, double value) {
    series.computeIfAbsent(metric, n -> new ArrayList<>()).add(new double[] {epoch, value});
  }

  /** @return the metric names, in the order they first appeared */
  public synchronized List<String> metrics() {
    return Collections.unmodifiableList(new ArrayList<>(series.keySet()));
  }

  /**
   * @param metric a metric name
   * @return {epochs, values} of that metric, empty arrays when it never appeared
   */
  public synchronized double[][] series(String metric) {
    List<double[]> points = series.getOrDefault(metric, List.of());
    double[] epochs = new double[points.size()];
    double[] values = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      epochs[i] = points.get(i)[0];
      values[i] = points.get(i)[1];
    }
    return new double[][] {epochs, values};
  }
}

package dev.sagemill.core.listen;

import java.util.List;
import java.util.Map;

/**
 * Writes training progress as the algorithm's SageMaker container logs it, so that metric regexes written for
 * SageMaker (a tuning job's {@code MetricDefinitions}, CloudWatch filters) keep matching: {@code #quality_metric}
 * lines for the first-party algorithms ({@link SageMakerMetricLog}), XGBoost's {@code [3]#011train-auc:0.91},
 * LightGBM's and CatBoost's own lines. An {@link dev.sagemill.core.estimator.AlgorithmProvider} supplies one per job.
 *
 * <p>Not thread-safe: one instance per training job, called on the training thread.
 */
public interface MetricLog {
  /**
   * The lines for one finished iteration.
   *
   * @param iteration the 1-based iteration (epoch or boosting round)
   * @param planned the planned number of iterations
   * @param metrics metric values by SageMaker name ({@code validation:auc}), in the algorithm's order
   * @return the lines, without line separators; may be empty
   */
  List<String> iteration(int iteration, int planned, Map<String, Double> metrics);

  /**
   * The algorithm's own closing lines (CatBoost's {@code bestTest = ...}), written before the
   * {@code #<channel>_score} lines that every algorithm ends with.
   *
   * @return the lines; empty by default
   */
  default List<String> summary() {
    return List.of();
  }
}

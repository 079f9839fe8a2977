package dev.sagemill.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training job of a tuning job and how it went.
 *
 * @param id the job's number, from 0 in launch order
 * @param hyperparameters the searched hyperparameters' values (static ones not repeated)
 * @param status how it ended
 * @param objective the objective metric's final value, NaN when the job failed or emitted none
 * @param curve the objective metric after each iteration (epoch or boosting round), in order
 * @param metrics every final metric the job emitted, by SageMaker name
 * @param resource iterations trained (Hyperband: the last rung it reached)
 * @param seconds wall-clock time spent training it
 * @param failureReason why it failed or was stopped; empty otherwise
 */
public record Trial(int id, Map<String, String> hyperparameters, TrialStatus status, double objective,
    List<Double> curve, Map<String, Double> metrics, int resource, double seconds, String failureReason) {
  /**
   * Copies.
   *
   * @param id number
   * @param hyperparameters values
   * @param status status
   * @param objective final objective
   * @param curve objective per iteration
   * @param metrics final metrics
   * @param resource iterations
   * @param seconds time
   * @param failureReason reason or empty
   */
  public Trial {
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    curve = List.copyOf(curve);
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** @return whether the trial has an objective value to rank by */
  public boolean hasObjective() {
    return status != TrialStatus.FAILED && !Double.isNaN(objective);
  }
}

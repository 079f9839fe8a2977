package dev.sagemill.tuning;

import java.util.Locale;
import java.util.Objects;

/**
 * What a tuning job optimises, SageMaker's {@code HyperParameterTuningJobObjective}: a metric name as the jobs
 * emit it ({@code validation:auc}) and whether to maximise or minimise it.
 *
 * @param maximize true for {@code Maximize}, false for {@code Minimize}
 * @param metricName the metric, e.g. {@code validation:auc}
 */
public record TuningObjective(boolean maximize, String metricName) {
  /**
   * Validates.
   *
   * @param maximize true for {@code Maximize}
   * @param metricName the metric
   */
  public TuningObjective {
    Objects.requireNonNull(metricName, "metricName");
  }

  /**
   * @param type {@code Maximize} or {@code Minimize} (case-insensitive)
   * @param metricName the metric
   * @return the objective
   * @throws IllegalArgumentException for another type
   */
  public static TuningObjective of(String type, String metricName) {
    return switch (type.trim().toLowerCase(Locale.ROOT)) {
      case "maximize" -> new TuningObjective(true, metricName);
      case "minimize" -> new TuningObjective(false, metricName);
      default -> throw new IllegalArgumentException("HyperParameterTuningJobObjective.Type must be Maximize or "
          + "Minimize, got \"" + type + "\"");
    };
  }

  /**
   * The value as a loss: smaller is better whatever the direction.
   *
   * @param value a metric value
   * @return {@code value} when minimising, {@code −value} when maximising
   */
  public double loss(double value) {
    return maximize ? -value : value;
  }

  /**
   * The inverse of {@link #loss(double)}.
   *
   * @param loss a loss
   * @return the metric value it stands for
   */
  public double value(double loss) {
    return maximize ? -loss : loss;
  }

  /** @return SageMaker's {@code Type} */
  public String type() {
    return maximize ? "Maximize" : "Minimize";
  }
}

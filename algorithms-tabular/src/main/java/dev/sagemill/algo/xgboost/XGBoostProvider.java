package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.EvalMetric;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registers {@code xgboost} with {@link dev.sagemill.core.estimator.Algorithms}. As SageMaker's XGBoost container
 * does, a job given {@link #TUNING_OBJECTIVE_METRIC} (set by the tuner) also evaluates that metric.
 */
public final class XGBoostProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return XGBoostParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return XGBoostParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new XGBoostEstimator(XGBoostParams.parse(withTuningObjective(hyperparameters)));
  }

  @Override
  public Set<String> tuningMetrics() {
    Set<String> out = new TreeSet<>();
    for (String m : EvalMetric.XGBOOST_NAMES) {
      out.add("train:" + m);
      out.add("validation:" + m);
    }
    return out;
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("num_round");
  }

  /** Appends the tuner's objective metric to {@code eval_metric} unless it is already there. */
  private static Map<String, String> withTuningObjective(Map<String, String> hyperparameters) {
    String objective = hyperparameters.get(TUNING_OBJECTIVE_METRIC);
    if (objective == null || objective.indexOf(':') < 0) {
      return hyperparameters;
    }
    String metric = objective.substring(objective.indexOf(':') + 1).trim();
    String current = hyperparameters.get("eval_metric");
    if (current != null && Arrays.stream(current.split(",")).map(String::trim).anyMatch(metric::equals)) {
      return hyperparameters;
    }
    Map<String, String> out = new HashMap<>(hyperparameters);
    out.put("eval_metric", current == null || current.isBlank() ? metric : current + "," + metric);
    return out;
  }
}

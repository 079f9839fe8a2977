package dev.sagemill.algo.catboost;

import dev.sagemill.algo.gbdt.internal.MetricDialects;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Registers {@code catboost} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class CatBoostProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return CatBoostParams.ALGORITHM;
  }

  @Override
  public MetricLog metricLog() {
    return new CatBoostLog();
  }

  @Override
  public ParamSpec spec() {
    return CatBoostParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new CatBoostEstimator(CatBoostParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return MetricDialects.CATBOOST_NAMES.stream().map(m -> "validation:" + m).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("iterations");
  }
}

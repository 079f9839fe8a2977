package dev.sagemill.algo.lightgbm;

import dev.sagemill.algo.gbdt.internal.MetricDialects;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Capability;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.param.ParamSpec;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Registers {@code lightgbm} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class LightGBMProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return LightGBMParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return LightGBMParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new LightGBMEstimator(LightGBMParams.parse(hyperparameters));
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.EXPLAINABLE);
  }

  @Override
  public MetricLog metricLog() {
    return new LightGBMLog();
  }

  @Override
  public Set<String> tuningMetrics() {
    return MetricDialects.LIGHTGBM_NAMES.stream().map(m -> "validation:" + m).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("num_boost_round");
  }
}

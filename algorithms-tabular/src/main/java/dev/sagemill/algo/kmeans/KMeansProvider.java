package dev.sagemill.algo.kmeans;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Registers {@code kmeans} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class KMeansProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return KMeansParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return KMeansParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new KMeansEstimator(KMeansParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return Set.of("test:msd", "test:ssd");
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("epochs");
  }
}

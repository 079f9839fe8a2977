package dev.sagemill.algo.kmeans;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.NdArrayArtifactReader;
import dev.sagemill.core.param.ParamSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers {@code kmeans} with {@link dev.sagemill.core.estimator.Algorithms}: SageMaker's {@code train} and
 * {@code test} channels, and the reader of a SageMaker k-means job's {@code model_algo-1}.
 */
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

  @Override
  public List<ChannelSpec> channels() {
    return ChannelSpec.TRAIN_AND_TEST;
  }

  @Override
  public List<ArtifactReader> artifactReaders() {
    // SageMaker saves k-means' centroids as an NDArray list of one (named "0"); PCA's artifact is a dict.
    return List.of(new NdArrayArtifactReader(a -> a.keySet().equals(Set.of("0")), KMeansModel::fromSageMaker));
  }
}

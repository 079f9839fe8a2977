package dev.sagemill.algo.pca;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.NdArrayArtifactReader;
import dev.sagemill.core.param.ParamSpec;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code pca} with {@link dev.sagemill.core.estimator.Algorithms}: SageMaker's {@code train} and
 * {@code test} channels, and the reader of a SageMaker PCA job's {@code model_algo-1}.
 */
public final class PCAProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return PCAParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return PCAParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new PCAEstimator(PCAParams.parse(hyperparameters));
  }

  @Override
  public List<ChannelSpec> channels() {
    return ChannelSpec.TRAIN_AND_TEST;
  }

  @Override
  public List<ArtifactReader> artifactReaders() {
    // SageMaker saves PCA as an NDArray dict holding s, v and optionally mean.
    return List.of(new NdArrayArtifactReader(a -> a.containsKey("s") && a.containsKey("v"), PCAModel::fromSageMaker));
  }
}

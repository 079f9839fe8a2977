package dev.sagemill.algo.fm;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.ArtifactWriter;
import dev.sagemill.core.param.ParamSpec;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code factorization-machines} with {@link dev.sagemill.core.estimator.Algorithms}: SageMaker's
 * {@code train} and {@code test} channels, and the reader of a SageMaker Factorization Machines job's
 * {@code model_algo-1}, which {@code train} also writes beside sagemill's model file.
 */
public final class FactorizationMachinesProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return FactorizationMachinesParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return FactorizationMachinesParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new FactorizationMachinesEstimator(FactorizationMachinesParams.parse(hyperparameters));
  }

  @Override
  public List<ChannelSpec> channels() {
    return ChannelSpec.TRAIN_AND_TEST;
  }

  @Override
  public List<ArtifactReader> artifactReaders() {
    return List.of(new SageMakerFmArtifact.Reader());
  }

  @Override
  public List<ArtifactWriter> artifactWriters() {
    return List.of(new SageMakerFmArtifact.Writer());
  }
}

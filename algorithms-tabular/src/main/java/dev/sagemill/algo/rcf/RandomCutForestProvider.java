package dev.sagemill.algo.rcf;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Capability;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.StreamingModel;
import dev.sagemill.core.param.ParamSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers {@code randomcutforest}: SageMaker's {@code train} channel (rows without labels) and optional labelled
 * {@code test} channel, its {@code test:f1} and sibling metrics, and its JSON answer {@code {"scores": [{"score":
 * ...}]}}, and its streaming forest ({@link Capability#STREAMING}: {@code sagemill stream}).
 */
public final class RandomCutForestProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return RandomCutForestParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return RandomCutForestParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new RandomCutForestEstimator(RandomCutForestParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return Set.of("test:f1");
  }

  @Override
  public List<ChannelSpec> channels() {
    return ChannelSpec.TRAIN_AND_TEST;
  }

  @Override
  public String jsonAnswerField() {
    return "scores";
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.STREAMING);
  }

  @Override
  public Optional<ParamSpec> streamSpec() {
    return Optional.of(RandomCutForestParams.STREAM_SPEC);
  }

  @Override
  public Optional<StreamingModel> stream(Map<String, String> hyperparameters) {
    return Optional.of(RandomCutForestParams.newStream(hyperparameters));
  }
}

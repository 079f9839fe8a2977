package dev.sagemill.algo.knn;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.Capability;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.param.ParamSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registers {@code knn} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class KnnProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return KnnParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return KnnParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new KnnEstimator(KnnParams.parse(hyperparameters));
  }

  @Override
  public List<ChannelSpec> channels() {
    return ChannelSpec.TRAIN_AND_TEST;
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.VERBOSE_ANSWERS);
  }

  /** {@code verbose=true} adds the neighbours' labels and distances, as SageMaker's k-NN answers. */
  @Override
  public Model answering(Model model, AnswerRequest request) {
    boolean verbose = request.verbose();
    Model base = AlgorithmProvider.super.answering(model, new AnswerRequest(request.outputs(), Map.of()));
    return verbose ? ((KnnModel) base).verbose() : base;
  }

  @Override
  public Set<String> tuningMetrics() {
    return Set.of("test:accuracy", "test:mse");
  }
}

package dev.sagemill.algo.lda;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code lda} with {@link dev.sagemill.core.estimator.Algorithms}: SageMaker's {@code train} and
 * {@code test} channels of word-count rows.
 */
public final class LdaProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return LdaParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return LdaParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new LdaEstimator(LdaParams.parse(hyperparameters));
  }

  @Override
  public List<ChannelSpec> channels() {
    return ChannelSpec.TRAIN_AND_TEST;
  }
}

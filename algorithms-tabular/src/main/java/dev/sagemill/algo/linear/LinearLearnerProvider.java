package dev.sagemill.algo.linear;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Registers {@code linear-learner} with {@link dev.sagemill.core.estimator.Algorithms}. */
public final class LinearLearnerProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return LinearLearnerParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return LinearLearnerParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new LinearLearnerEstimator(LinearLearnerParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return Stream.of("validation", "test").flatMap(p -> Stream.of("objective_loss", "binary_classification_accuracy",
        "binary_f_beta", "precision", "recall", "roc_auc_score", "multiclass_accuracy", "multiclass_top_k_accuracy",
        "macro_precision", "macro_recall", "macro_f_beta", "mse", "rmse", "absolute_loss").map(m -> p + ":" + m))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("epochs");
  }
}

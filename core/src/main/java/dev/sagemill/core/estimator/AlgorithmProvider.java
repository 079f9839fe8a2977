package dev.sagemill.core.estimator;

import dev.sagemill.core.param.ParamSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Service-provider interface that makes an algorithm known by its SageMaker name. Implementations are listed in
 * {@code META-INF/services/dev.sagemill.core.estimator.AlgorithmProvider} and found by {@link Algorithms}.
 */
public interface AlgorithmProvider {
  /** The hyperparameter SageMaker's tuner adds to every job: the objective metric, e.g. {@code validation:auc}. */
  String TUNING_OBJECTIVE_METRIC = "_tuning_objective_metric";

  /** @return the SageMaker algorithm name, lowercase with hyphens, e.g. {@code linear-learner} */
  String algorithmName();

  /** @return the hyperparameter specification */
  ParamSpec spec();

  /**
   * Creates an estimator from SageMaker-style string hyperparameters.
   *
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the estimator
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  Estimator<?> create(Map<String, String> hyperparameters);

  /**
   * The metrics a tuner may optimise for this algorithm, under SageMaker's names ({@code validation:auc},
   * {@code test:msd}). A name written with an argument ({@code validation:ndcg@5}) matches the part before the
   * {@code @}. A tuner passes its objective to every job as SageMaker's {@link #TUNING_OBJECTIVE_METRIC}
   * hyperparameter, which algorithms with selectable metrics (XGBoost's {@code eval_metric}) honour.
   *
   * @return the tuning metrics; empty when the algorithm has none (SageMaker's PCA)
   */
  default Set<String> tuningMetrics() {
    return Set.of();
  }

  /**
   * The hyperparameter that counts training iterations (XGBoost's {@code num_round}, Linear Learner's
   * {@code epochs}): the resource Hyperband allots.
   *
   * @return its name, or empty when the algorithm does not train in iterations
   */
  default Optional<String> resourceHyperparameter() {
    return Optional.empty();
  }
}

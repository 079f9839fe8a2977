package dev.sagemill.core.estimator;

import dev.sagemill.core.param.ParamSpec;
import java.util.Map;

/**
 * Service-provider interface that makes an algorithm known by its SageMaker name. Implementations are listed in
 * {@code META-INF/services/dev.sagemill.core.estimator.AlgorithmProvider} and found by {@link Algorithms}.
 */
public interface AlgorithmProvider {
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
}

package dev.sagemill.core.estimator;

/**
 * What an algorithm can do beyond fit and predict, declared by its {@link AlgorithmProvider#capabilities()} so that
 * callers (the CLI, the tuner, notebooks) ask instead of trying and catching.
 */
public enum Capability {
  /** Its estimator is a {@link ContinuableEstimator}: training continues from a model it produced. */
  CONTINUABLE,
  /** Its models are {@link Explainable}: per-feature contributions (SHAP values) of an answer. */
  EXPLAINABLE,
  /** Its models answer a selection of outputs ({@link AnswerRequest#outputs()}), as SageMaker's XGBoost does. */
  SELECTABLE_OUTPUTS,
  /** Its models answer more with {@code verbose=true} in the Accept type, as SageMaker's k-NN does. */
  VERBOSE_ANSWERS,
  /** It has a {@link StreamingModel} ({@link AlgorithmProvider#stream}) that learns a stream as it answers it. */
  STREAMING
}

/**
 * The estimator/model API: an {@link dev.sagemill.core.estimator.Estimator} holds validated hyperparameters and
 * fits an immutable, thread-safe {@link dev.sagemill.core.estimator.Model}; algorithms are found by SageMaker name
 * through {@link dev.sagemill.core.estimator.Algorithms}.
 */
package dev.sagemill.core.estimator;

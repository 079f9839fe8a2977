/**
 * Hyperparameters in SageMaker's terms: each algorithm declares its parameters once in a
 * {@link dev.sagemill.core.param.ParamSpec} (wire name, type, range, default, {@code auto}), which parses the
 * string map of {@code hyperparameters.json} into validated {@link dev.sagemill.core.param.Hyperparameters}.
 */
package dev.sagemill.core.param;

/**
 * Automatic model tuning as SageMaker's: a {@link dev.sagemill.tuning.TuningJobConfig} (read from SageMaker's JSON
 * or built in Java) run by a {@link dev.sagemill.tuning.Tuner} with Grid, Random, Bayesian (Gaussian process) or
 * Hyperband search, median early stopping and warm start, over any {@link dev.sagemill.tuning.TrainingFunction};
 * {@link dev.sagemill.tuning.AlgorithmTraining} trains a registered algorithm found by name.
 */
package dev.sagemill.tuning;

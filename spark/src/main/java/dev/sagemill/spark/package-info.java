/**
 * sagemill's algorithms as Spark ML stages: {@link dev.sagemill.spark.SagemillEstimator} finds an algorithm by its
 * SageMaker name and takes its hyperparameters as Spark params of the same names; the
 * {@link dev.sagemill.spark.SagemillModel} it fits writes SageMaker's answer fields as columns. Algorithms with a
 * multi-host scheme ({@link dev.sagemill.core.distributed.ShardedEstimator}) train across the DataFrame's partitions
 * without moving rows; others train on the driver from the collected rows, which the log says. Both stages save and
 * load with Spark ML's writers, so a fitted {@code Pipeline} holding them does too.
 */
package dev.sagemill.spark;

/**
 * SageMaker's Factorization Machines ({@code factorization-machines}): Rendle's model on sparse rows, trained by
 * streamed mini-batches with MXNet's per-group AdaGrad, answering and reading/writing SageMaker's artifact.
 */
package dev.sagemill.algo.fm;

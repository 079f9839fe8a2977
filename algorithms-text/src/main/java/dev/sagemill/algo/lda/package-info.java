/**
 * SageMaker's LDA ({@code lda}): the spectral (tensor decomposition) estimator of topics and the Dirichlet
 * parameter from streamed word counts. Work in progress (issue 26): the estimator only, not yet an algorithm.
 */
package dev.sagemill.algo.lda;

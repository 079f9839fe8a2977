/**
 * SageMaker's LDA ({@code lda}): the spectral (tensor decomposition) estimator of topics and the Dirichlet
 * parameter from streamed word counts, and the topic mixtures of documents by variational inference.
 */
package dev.sagemill.algo.lda;

/** SageMaker's PCA: exact (streamed scatter matrix) and randomized (streamed range finder) principal components. */
package dev.sagemill.algo.pca;

/** Tests of the PCA algorithm. */
package dev.sagemill.algo.pca;

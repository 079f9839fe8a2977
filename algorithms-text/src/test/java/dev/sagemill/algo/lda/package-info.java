/** Tests of the spectral LDA estimator. */
package dev.sagemill.algo.lda;

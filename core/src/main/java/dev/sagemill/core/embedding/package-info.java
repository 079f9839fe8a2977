/**
 * Pieces shared by the embedding learners (BlazingText's word2vec and classifier; later Factorization Machines, IP
 * Insights, Object2Vec): the unigram table that draws negative samples, tabulated sigmoid and logarithm, and the
 * unrolled dot product and axpy over rows of a flat {@code float[]} matrix.
 */
package dev.sagemill.core.embedding;

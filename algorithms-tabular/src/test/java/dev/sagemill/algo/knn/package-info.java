/** Tests of the k-NN algorithm. */
package dev.sagemill.algo.knn;

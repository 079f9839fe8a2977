/** Tests of the k-means algorithm. */
package dev.sagemill.algo.kmeans;

/** SageMaker's k-means: streaming mini-batch k-means over extra centers, reduced to k by a local Lloyd's. */
package dev.sagemill.algo.kmeans;

package dev.sagemill.algo.rcf;

/**
 * A sample point near a query, as AWS's Random Cut Forest library answers {@code getNearNeighborsInSample}: each
 * tree proposes the point at the leaf the query reaches, and a point proposed by more trees is a more reliable
 * neighbour.
 *
 * @param point the sample point, {@code feature_dim} values
 * @param distance its Euclidean distance to the query
 * @param share the fraction of trees that proposed it, in (0, 1]
 */
public record Neighbor(float[] point, double distance, double share) {}

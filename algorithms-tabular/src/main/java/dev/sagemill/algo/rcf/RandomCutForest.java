package dev.sagemill.algo.rcf;

import java.util.List;

/**
 * The trees and their scoring: a point's anomaly score is the mean of its per-tree scores
 * ({@link RandomCutTree#score}), on the scale of AWS's Random Cut Forest library (around 1 and below for points like
 * the sample, growing as a point stands apart).
 *
 * <p>Immutable after training; scoring is thread-safe.
 */
final class RandomCutForest {
  private final List<RandomCutTree> trees;
  private final int dim;
  private final int capacity;

  RandomCutForest(List<RandomCutTree> trees, int dim, int capacity) {
    this.trees = List.copyOf(trees);
    this.dim = dim;
    this.capacity = capacity;
  }

  List<RandomCutTree> trees() {
    return trees;
  }

  int dim() {
    return dim;
  }

  int capacity() {
    return capacity;
  }

  /**
   * @param x the point, {@code dim} values
   * @param scratch at least {@link #capacity()} ints, the caller's own
   * @return its anomaly score
   */
  Attribution attribution(float[] x, int[] scratch) {
    return attribution(trees, x, scratch);
  }

  /** The mean attribution of the trees' (each one's parts add up to its score, so these add up to the forest's). */
  static Attribution attribution(List<RandomCutTree> trees, float[] x, int[] scratch) {
    double[] high = new double[x.length];
    double[] low = new double[x.length];
    for (RandomCutTree t : trees) {
      t.attribution(x, high, low, scratch);
    }
    for (int i = 0; i < x.length; i++) {
      high[i] /= trees.size();
      low[i] /= trees.size();
    }
    return new Attribution(high, low);
  }

  double score(float[] x, int[] scratch) {
    double sum = 0;
    for (RandomCutTree t : trees) {
      sum += t.score(x, scratch);
    }
    return sum / trees.size();
  }
}

package dev.sagemill.algo.gbdt.internal;

import java.util.Arrays;

/**
 * XGBoost's adaptive leaves for quantile-type losses ({@code reg:absoluteerror}): after a tree is grown on
 * sign gradients, each leaf's output becomes the (weighted) median of the residuals {@code label − margin} of the
 * rows in it, times the learning rate.
 */
final class LeafRefresh {
  private LeafRefresh() {}

  /**
   * Weighted quantile of {@code values[idx[b..e)]}: linear interpolation between order statistics when unweighted
   * (numpy's default, as XGBoost's {@code Quantile}), else the first value whose cumulative weight reaches
   * {@code alpha} of the total (XGBoost's {@code WeightedQuantile}).
   *
   * @param values the values, indexed by row
   * @param weights row weights or null
   * @param idx row indices
   * @param b first index into idx
   * @param e end index into idx
   * @param alpha the quantile in [0, 1]
   * @return the quantile; 0 for an empty range
   */
  static double weightedQuantile(double[] values, float[] weights, int[] idx, int b, int e, double alpha) {
    int n = e - b;
    if (n == 0) {
      return 0;
    }
    if (weights == null) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = values[idx[b + i]];
      }
      Arrays.sort(v);
      double pos = alpha * (n - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(n - 1, lo + 1);
      return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = idx[b + i];
    }
    Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    double total = 0;
    for (int r : order) {
      total += weights[r];
    }
    double cum = 0;
    for (int r : order) {
      cum += weights[r];
      if (cum >= alpha * total) {
        return values[r];
      }
    }
    return values[order[n - 1]];
  }
}

package dev.sagemill.core.metrics;

/**
 * Orders rows by a score without boxing: a stable merge sort of primitive indices, for the ranking metrics (AUC,
 * precision-recall) and threshold searches that run over millions of scores. Thread-safe: stateless.
 */
public final class Ranking {
  private Ranking() {}

  /**
   * The indices {@code 0..n-1} ordered by decreasing {@code score}; equal scores keep their index order.
   *
   * @param score the scores (NaN sorts last)
   * @param n how many leading scores to order
   * @return the order
   */
  public static int[] descending(double[] score, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] tmp = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // "b before a" only when b's score is strictly greater: stable, NaN (never greater) goes last
          tmp[k++] = greater(score[a[j]], score[a[i]]) ? a[j++] : a[i++];
        }
        while (i < mid) {
          tmp[k++] = a[i++];
        }
        while (j < hi) {
          tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
      }
    }
    return a;
  }

  private static boolean greater(double x, double y) {
    return x > y || (Double.isNaN(y) && !Double.isNaN(x));
  }
}

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
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
      v[i] = score[i];
    }
    // Sorted runs of 32 by insertion, then bottom-up merges that carry the scores beside the indices, so every
    // pass reads memory sequentially instead of looking scores up at random.
    final int run = 32;
    for (int lo = 0; lo < n; lo += run) {
      int hi = Math.min(n, lo + run);
      for (int i = lo + 1; i < hi; i++) {
        int ai = a[i];
        double vi = v[i];
        int j = i - 1;
        while (j >= lo && greater(vi, v[j])) {
          a[j + 1] = a[j];
          v[j + 1] = v[j];
          j--;
        }
        a[j + 1] = ai;
        v[j + 1] = vi;
      }
    }
    int[] ta = new int[n];
    double[] tv = new double[n];
    for (int width = run; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          // "b before a" only when b's score is strictly greater: stable, NaN (never greater) goes last
          if (greater(v[j], v[i])) {
            ta[k] = a[j];
            tv[k++] = v[j++];
          } else {
            ta[k] = a[i];
            tv[k++] = v[i++];
          }
        }
        while (i < mid) {
          ta[k] = a[i];
          tv[k++] = v[i++];
        }
        while (j < hi) {
          ta[k] = a[j];
          tv[k++] = v[j++];
        }
      }
      int[] sa = a;
      a = ta;
      ta = sa;
      double[] sv = v;
      v = tv;
      tv = sv;
    }
    return a;
  }

  private static boolean greater(double x, double y) {
    return x > y || (Double.isNaN(y) && !Double.isNaN(x));
  }
}

package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.metrics.RocArea;
import java.util.concurrent.ForkJoinPool;

/**
 * The binary AUC as XGBoost computes it: on float32 predictions, rows ordered by a linear-time radix sort of the
 * scores' bits, ties counted half, summed by core's {@link RocArea}; unweighted probabilities take a one-int-per-row
 * path whose sweep runs in parallel chunks cut between tied scores. Stateless.
 */
final class BinaryAuc {
  private BinaryAuc() {}

  /**
   * Binary AUC on float32 predictions, as XGBoost scores them: rows ordered by a radix sort of the scores' bits
   * (linear time), ties between equal scores counted half.
   */
  static double auc(double[] y, double[] score, double[] weights) {
    return auc(y, score, weights, null);
  }

  /**
   * The binary AUC of a single-output set. Unweighted, it is computed from the margins block by block, so no
   * prediction or label is copied per row (one int per row for the sort, and its scratch array).
   */
  static double auc(EvalData d) {
    if (d.weights == null) {
      double auc = nonNegativeAuc(d.labels.length, d.pool, (from, to, keys) ->
          d.forPredictionBlocks(from, to, (b, e, preds) -> {
            for (int i = b; i < e; i++) {
              if (!nonNegativeKey(preds[i - b], d.labels[i] > 0.5f, keys, i)) {
                return false;
              }
            }
            return true;
          }));
      if (!Double.isInfinite(auc)) {
        return auc;
      }
    }
    return auc(d.labelsAsDouble(), d.preds(), d.weightsAsDouble(), d.pool);
  }

  /** {@link #auc(double[], double[], double[])}, its sort's passes split over {@code pool} (null: here). */
  static double auc(double[] y, double[] score, double[] weights, ForkJoinPool pool) {
    if (weights == null) {
      double auc = nonNegativeAuc(y.length, pool, (from, to, keys) -> {
        for (int i = from; i < to; i++) {
          if (!nonNegativeKey(score[i], y[i] > 0.5, keys, i)) {
            return false;
          }
        }
        return true;
      });
      if (!Double.isInfinite(auc)) {
        return auc;
      }
    }
    int n = y.length;
    // Each row becomes one long: its score's order key above, and below either its label (unweighted) or its index
    // (weighted), so the sort carries what the sweep needs and the sweep reads memory in order.
    long[] rows = new long[n];
    EvalMetric.forChunks(pool, n, (from, to) -> {
      for (int i = from; i < to; i++) {
        float f = (float) score[i];
        int key = RadixSort.orderKey(f != f ? Float.NEGATIVE_INFINITY : f);
        long payload = weights == null ? (y[i] > 0.5 ? 1 : 0) : i;
        rows[i] = (long) key << 32 | payload;
      }
    });
    radixSortByHighHalf(rows, pool);
    RocArea roc = new RocArea();
    int i = n - 1;
    while (i >= 0) {
      long group = rows[i] >>> 32;
      double gtp = 0;
      double gfp = 0;
      for (; i >= 0 && rows[i] >>> 32 == group; i--) {
        if (weights == null) {
          int positive = (int) rows[i] & 1;
          gtp += positive;
          gfp += 1 - positive;
        } else {
          int r = (int) rows[i];
          double w = weights[r];
          if (y[r] > 0.5) {
            gtp += w;
          } else {
            gfp += w;
          }
        }
      }
      roc.addGroup(gtp, gfp);
    }
    return roc.auc();
  }

  /**
   * The unweighted AUC when every score is a non-negative float (probabilities), in half the memory of the general
   * path: a non-negative float's bits fit 31 bits and keep its order, so each row is one int, its score's bits above
   * its label. Returns infinity, having looked at nothing else, when some score is negative or NaN.
   */
  private static double nonNegativeAuc(int n, ForkJoinPool pool, SortKeys fill) {
    int[] keys = new int[n];
    boolean[] negative = new boolean[1];
    EvalMetric.forChunks(pool, n, (from, to) -> {
      if (!fill.fill(from, to, keys)) {
        negative[0] = true;
      }
    });
    if (negative[0]) {
      return Double.POSITIVE_INFINITY;
    }
    int[] scratch = new int[n];
    int chunks = EvalMetric.chunksFor(pool, n);
    RadixSort.pass(keys, scratch, n, 0, chunks, pool);
    RadixSort.pass(scratch, keys, n, 16, chunks, pool);
    // The sweep runs in chunks cut between groups of tied scores, each counted from zero and then shifted by the
    // positives above it. Counts and areas are whole or half numbers far below 2^53, so every sum is exact and the
    // result is the single sweep's to the bit.
    int[] cut = new int[chunks + 1];
    cut[chunks] = n;
    for (int c = 1; c < chunks; c++) {
      int b = Math.max(cut[c - 1], PoolTasks.chunkStart(n, c, chunks));
      while (b > 0 && b < n && keys[b] >>> 1 == keys[b - 1] >>> 1) {
        b++;
      }
      cut[c] = b;
    }
    RocArea[] part = new RocArea[chunks];
    PoolTasks.run(pool, chunks, c -> {
      RocArea roc = new RocArea();
      int i = cut[c + 1] - 1;
      while (i >= cut[c]) {
        int group = keys[i] >>> 1;
        double gtp = 0;
        double gfp = 0;
        for (; i >= cut[c] && keys[i] >>> 1 == group; i--) {
          int positive = keys[i] & 1;
          gtp += positive;
          gfp += 1 - positive;
        }
        roc.addGroup(gtp, gfp);
      }
      part[c] = roc;
    });
    RocArea roc = new RocArea();
    for (int c = chunks - 1; c >= 0; c--) {
      roc.addBelow(part[c]);
    }
    return roc.auc();
  }

  /** Writes the sort keys of rows {@code [from, to)}; false when some score is negative or NaN. */
  @FunctionalInterface
  private interface SortKeys {
    boolean fill(int from, int to, int[] keys);
  }

  /**
   * Stores row {@code i}'s key, its float32 score's bits above its label; false, storing nothing, when the score is
   * negative or NaN.
   */
  private static boolean nonNegativeKey(double score, boolean positive, int[] keys, int i) {
    // + 0f turns -0 into +0.
    float f = (float) score + 0f;
    if (!(f >= 0)) {
      return false;
    }
    keys[i] = Float.floatToIntBits(f) << 1 | (positive ? 1 : 0);
    return true;
  }

  /**
   * Sorts by the unsigned high 32 bits: LSD radix sort, two 16-bit passes, stable.
   *
   * @param a the values, sorted in place
   * @param pool threads for each pass, or null for this thread
   */
  static void radixSortByHighHalf(long[] a, ForkJoinPool pool) {
    long[] low = new long[a.length];
    int chunks = EvalMetric.chunksFor(pool, a.length);
    RadixSort.pass(a, low, a.length, 32, chunks, pool);
    RadixSort.pass(low, a, a.length, 48, chunks, pool);
  }
}

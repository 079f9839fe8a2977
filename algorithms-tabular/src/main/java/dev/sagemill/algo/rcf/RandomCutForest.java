package dev.sagemill.algo.rcf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The trees' near-neighbour candidates within a distance, nearest first.
   *
   * @param trees the trees
   * @param x the query
   * @param maxDistance the largest Euclidean distance kept
   * @return the distinct candidates with the share of trees proposing each
   */
  static List<Neighbor> neighbors(List<RandomCutTree> trees, float[] x, double maxDistance) {
    Map<List<Float>, int[]> votes = new LinkedHashMap<>();
    Map<List<Float>, float[]> points = new HashMap<>();
    for (RandomCutTree t : trees) {
      float[] p = t.leafPoint(x);
      if (p == null) {
        continue;
      }
      List<Float> key = new ArrayList<>(p.length);
      for (float v : p) {
        key.add(v);
      }
      votes.computeIfAbsent(key, k -> new int[1])[0]++;
      points.putIfAbsent(key, p);
    }
    List<Neighbor> out = new ArrayList<>();
    for (var e : votes.entrySet()) {
      float[] p = points.get(e.getKey());
      double d = 0;
      for (int i = 0; i < p.length; i++) {
        d += (p[i] - (double) x[i]) * (p[i] - (double) x[i]);
      }
      d = Math.sqrt(d);
      if (d <= maxDistance) {
        out.add(new Neighbor(p, d, (double) e.getValue()[0] / trees.size()));
      }
    }
    out.sort(Comparator.comparingDouble(Neighbor::distance));
    return out;
  }

  /**
   * Fills a point's missing coordinates with the median over trees of each tree's imputed values
   * ({@link RandomCutTree#impute}).
   *
   * @param trees the trees
   * @param x the point (missing coordinates' values are ignored)
   * @param missing which coordinates are missing
   * @param scratch at least the trees' capacity ints
   * @return the completed point
   */
  static float[] impute(List<RandomCutTree> trees, float[] x, boolean[] missing, int[] scratch) {
    List<float[]> candidates = new ArrayList<>();
    for (RandomCutTree t : trees) {
      float[] c = t.impute(x, missing, scratch);
      if (c != null) {
        candidates.add(c);
      }
    }
    float[] out = x.clone();
    float[] column = new float[candidates.size()];
    for (int k = 0; k < x.length; k++) {
      if (!missing[k] || candidates.isEmpty()) {
        continue;
      }
      for (int i = 0; i < column.length; i++) {
        column[i] = candidates.get(i)[k];
      }
      Arrays.sort(column);
      int n = column.length;
      out[k] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
    }
    return out;
  }

  double score(float[] x, int[] scratch) {
    double sum = 0;
    for (RandomCutTree t : trees) {
      sum += t.score(x, scratch);
    }
    return sum / trees.size();
  }
}

package dev.sagemill.algo.gbdt.internal;

import java.util.Arrays;

/**
 * The trees of an ensemble flattened into primitive arrays for fast dense prediction. Children are allocated in pairs
 * (XGBoost's layout), so a node needs only its left child; a leaf points to itself and never moves right, so a row
 * walks exactly {@code depth(tree)} steps with no branch on "is this a leaf".
 *
 * <p>Batches are predicted on codes rather than floats. Every threshold of feature {@code f} is one of the ensemble's
 * sorted distinct thresholds of {@code f}, so a block of rows is first reduced to one 16-bit code per used feature and
 * row (1 + the number of thresholds at or below the value), and a node becomes one {@code long}: its left child, where
 * its feature's codes lie, and the code of its threshold, so that a row goes right exactly when its code exceeds the
 * node's. A step is then two loads (node, code) and a few integer operations, where comparing floats takes five loads
 * and a NaN test. Missing values need no test either: each code is stored twice, once with missing as 0 (below every
 * threshold) and once as 65535 (above every one), and a node reads the copy of its default direction. Binning costs
 * one binary search per used feature and row, against {@code trees × depth} steps.
 *
 * <p>Immutable and thread-safe.
 */
final class FlatForest {
  /** Rows per block of {@link #addBlock}. */
  static final int BLOCK = 64;
  private static final int CODE_OFFSET_MASK = (1 << 24) - 1;
  private static final int NO_RIGHT = 0xFFFF;
  /** Rows wider than this predict by walking the trees: the flat form's per-feature tables follow the width. */
  private static final int MAX_FEATURES = 1 << 22;

  private final int[] feature;
  private final float[] threshold;
  private final boolean[] defaultLeft;
  /** left child (high 24 bits), offset of the node's codes in a block's bins (24 bits), threshold code (16 bits). */
  private final long[] code;
  /** Each leaf's value times its tree's weight. */
  private final double[] leaf;
  private final int[] root;
  private final int[] depth;
  private final int[] usedFeatures;
  /** Per used feature, its distinct thresholds ascending, padded with NaN to a power of two above their count. */
  private final float[][] paddedCuts;

  private FlatForest(int[] feature, float[] threshold, boolean[] defaultLeft, long[] code, double[] leaf, int[] root,
      int[] depth, int[] usedFeatures, float[][] paddedCuts) {
    this.feature = feature;
    this.threshold = threshold;
    this.defaultLeft = defaultLeft;
    this.code = code;
    this.leaf = leaf;
    this.root = root;
    this.depth = depth;
    this.usedFeatures = usedFeatures;
    this.paddedCuts = paddedCuts;
  }

  /**
   * Flattens trees, or returns null if some tree's right children do not follow their left siblings, some tree
   * splits on categories, or the forest is too large for the packed node codes (2^24 nodes, 2^17 features split on
   * or 65,534 distinct thresholds of one feature), or rows are wider than 2^22 features; those forests predict by
   * walking their trees.
   *
   * @param trees the trees
   * @param weight each tree's weight
   * @param featureDim features per row
   * @return the flat forest, or null
   */
  static FlatForest of(Tree[] trees, float[] weight, int featureDim) {
    if (featureDim > MAX_FEATURES) {
      return null;
    }
    int total = 0;
    for (Tree t : trees) {
      if (t.hasCategoricalSplits()) {
        return null;
      }
      for (int i = 0; i < t.nodes(); i++) {
        if (t.left[i] >= 0 && t.right[i] != t.left[i] + 1) {
          return null;
        }
      }
      total += t.nodes();
    }
    float[][] cuts = distinctThresholds(trees, featureDim);
    if (cuts == null || total >= 1 << 24) {
      return null;
    }
    int[] slot = new int[featureDim];
    int u = 0;
    for (int f = 0; f < featureDim; f++) {
      slot[f] = cuts[f].length > 0 ? u++ : -1;
    }
    if (2L * u * BLOCK > CODE_OFFSET_MASK) {
      return null;
    }
    int[] usedFeatures = new int[u];
    float[][] paddedCuts = new float[u][];
    for (int f = 0; f < featureDim; f++) {
      if (slot[f] >= 0) {
        usedFeatures[slot[f]] = f;
        float[] padded = new float[Integer.highestOneBit(cuts[f].length) << 1];
        Arrays.fill(padded, Float.NaN);
        System.arraycopy(cuts[f], 0, padded, 0, cuts[f].length);
        paddedCuts[slot[f]] = padded;
      }
    }
    int[] feature = new int[total];
    float[] threshold = new float[total];
    boolean[] dl = new boolean[total];
    long[] code = new long[total];
    double[] leaf = new double[total];
    int[] root = new int[trees.length];
    int[] depth = new int[trees.length];
    int off = 0;
    for (int t = 0; t < trees.length; t++) {
      Tree tree = trees[t];
      root[t] = off;
      depth[t] = tree.depth();
      for (int i = 0; i < tree.nodes(); i++) {
        int n = off + i;
        if (tree.left[i] < 0) {
          threshold[n] = Float.NaN;
          dl[n] = true;
          code[n] = pack(n, 0, NO_RIGHT);
          leaf[n] = (double) weight[t] * tree.leafValue[i];
        } else {
          int f = tree.feature[i];
          feature[n] = f;
          threshold[n] = tree.splitValue[i];
          dl[n] = tree.defaultLeft[i];
          // Present codes are 1 + the number of cuts at or below x, so x >= threshold exactly when x's code exceeds
          // 1 + the number of cuts below the threshold; missing codes are 0 or 65535 by the half the node reads.
          int bins = (dl[n] ? slot[f] : u + slot[f]) * BLOCK;
          code[n] = pack(off + tree.left[i], bins, 1 + countBelow(cuts[f], tree.splitValue[i]));
        }
      }
      off += tree.nodes();
    }
    return new FlatForest(feature, threshold, dl, code, leaf, root, depth, usedFeatures, paddedCuts);
  }

  private static long pack(int left, int binsOffset, int thresholdCode) {
    return (long) left << 40 | (long) binsOffset << 16 | thresholdCode;
  }

  /** Each feature's sorted distinct split thresholds, or null when one has more than a 16-bit code can tell apart. */
  private static float[][] distinctThresholds(Tree[] trees, int featureDim) {
    int[] count = new int[featureDim];
    for (Tree t : trees) {
      for (int i = 0; i < t.nodes(); i++) {
        if (t.left[i] >= 0) {
          count[t.feature[i]]++;
        }
      }
    }
    float[][] cuts = new float[featureDim][];
    for (int f = 0; f < featureDim; f++) {
      cuts[f] = new float[count[f]];
      count[f] = 0;
    }
    for (Tree t : trees) {
      for (int i = 0; i < t.nodes(); i++) {
        if (t.left[i] >= 0) {
          int f = t.feature[i];
          cuts[f][count[f]++] = t.splitValue[i];
        }
      }
    }
    for (int f = 0; f < featureDim; f++) {
      float[] c = cuts[f];
      Arrays.sort(c);
      int m = 0;
      for (int i = 0; i < c.length; i++) {
        // Primitive comparison: -0.0 and 0.0 split rows identically, so they share a code.
        if (m == 0 || c[i] != c[m - 1]) {
          c[m++] = c[i];
        }
      }
      if (m > NO_RIGHT - 1) {
        return null;
      }
      cuts[f] = Arrays.copyOf(c, m);
    }
    return cuts;
  }

  /** The number of cuts strictly below {@code v}. */
  private static int countBelow(float[] c, float v) {
    int lo = 0;
    int hi = c.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (c[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The weighted leaf value one dense row reaches in one tree, comparing floats (one row does not repay binning).
   *
   * @param t the tree
   * @param x features
   * @param offset index of feature 0 in x
   * @return the tree's weight times the leaf value
   */
  double value(int t, float[] x, int offset) {
    int n = root[t];
    for (int s = depth[t]; s > 0; s--) {
      float v = x[offset + feature[n]];
      n = (int) (code[n] >>> 40) + (v >= threshold[n] | (v != v & !defaultLeft[n]) ? 1 : 0);
    }
    return leaf[n];
  }

  /**
   * Adds the weighted leaf values of trees {@code [from, to)} for the dense rows {@code [r0, r1)} (at most
   * {@link #BLOCK}): the rows are coded once, then walk each tree eight at a time, their independent walks kept in
   * local variables so that the steps overlap (four lanes are a third slower, twelve no faster).
   *
   * @param x row-major features
   * @param d features per row
   * @param r0 first row
   * @param r1 end row
   * @param from first tree
   * @param to end tree
   * @param group output of each tree
   * @param k outputs per row
   * @param out margins to add to
   */
  void addBlock(float[] x, int d, int r0, int r1, int from, int to, int[] group, int k, double[] out) {
    int m = r1 - r0;
    char[] bins = new char[Integer.highestOneBit(2 * usedFeatures.length * BLOCK - 1) << 1];
    code(x, d, r0, m, bins);
    long[] nodes = code;
    for (int t = from; t < to; t++) {
      int r = root[t];
      int steps = depth[t];
      int g = group[t];
      for (int j = 0; j < m; j += 8) {
        int n0 = r;
        int n1 = r;
        int n2 = r;
        int n3 = r;
        int n4 = r;
        int n5 = r;
        int n6 = r;
        int n7 = r;
        for (int s = steps; s > 0; s--) {
          n0 = step(nodes, n0, bins, j);
          n1 = step(nodes, n1, bins, j + 1);
          n2 = step(nodes, n2, bins, j + 2);
          n3 = step(nodes, n3, bins, j + 3);
          n4 = step(nodes, n4, bins, j + 4);
          n5 = step(nodes, n5, bins, j + 5);
          n6 = step(nodes, n6, bins, j + 6);
          n7 = step(nodes, n7, bins, j + 7);
        }
        int o = (r0 + j) * k + g;
        int left = m - j;
        out[o] += leaf[n0];
        if (left >= 8) {
          out[o + k] += leaf[n1];
          out[o + 2 * k] += leaf[n2];
          out[o + 3 * k] += leaf[n3];
          out[o + 4 * k] += leaf[n4];
          out[o + 5 * k] += leaf[n5];
          out[o + 6 * k] += leaf[n6];
          out[o + 7 * k] += leaf[n7];
        } else {
          int[] tail = {n1, n2, n3, n4, n5, n6};
          for (int i = 1; i < left; i++) {
            out[o + i * k] += leaf[tail[i - 1]];
          }
        }
      }
    }
  }

  /**
   * Writes the codes of {@code m} rows from {@code r0} into {@code bins}, lane-major per used feature: the first half
   * has missing values as 0, the second as 65535; lanes past {@code m} stay 0 and are never added. The caller
   * allocates {@code bins} (a power of two long, so that {@link #step} masks its index instead of checking it): an
   * array allocated in the walking method lets the compiler drop that mask too, a quarter of the walk's time.
   */
  private void code(float[] x, int d, int r0, int m, char[] bins) {
    int u = usedFeatures.length;
    for (int s = 0; s < u; s++) {
      int f = usedFeatures[s];
      float[] c = paddedCuts[s];
      int half = c.length >>> 1;
      int lo = s * BLOCK;
      int hi = (u + s) * BLOCK;
      int j = 0;
      // Eight searches at once: each is a chain of dependent loads, and interleaving them hides the latency.
      for (; j + 8 <= m; j += 8) {
        int base = (r0 + j) * d + f;
        float v0 = x[base];
        float v1 = x[base + d];
        float v2 = x[base + 2 * d];
        float v3 = x[base + 3 * d];
        float v4 = x[base + 4 * d];
        float v5 = x[base + 5 * d];
        float v6 = x[base + 6 * d];
        float v7 = x[base + 7 * d];
        int i0 = 0;
        int i1 = 0;
        int i2 = 0;
        int i3 = 0;
        int i4 = 0;
        int i5 = 0;
        int i6 = 0;
        int i7 = 0;
        for (int step = half; step > 0; step >>>= 1) {
          i0 += c[i0 + step - 1] <= v0 ? step : 0;
          i1 += c[i1 + step - 1] <= v1 ? step : 0;
          i2 += c[i2 + step - 1] <= v2 ? step : 0;
          i3 += c[i3 + step - 1] <= v3 ? step : 0;
          i4 += c[i4 + step - 1] <= v4 ? step : 0;
          i5 += c[i5 + step - 1] <= v5 ? step : 0;
          i6 += c[i6 + step - 1] <= v6 ? step : 0;
          i7 += c[i7 + step - 1] <= v7 ? step : 0;
        }
        setCode(bins, lo + j, hi + j, v0, i0);
        setCode(bins, lo + j + 1, hi + j + 1, v1, i1);
        setCode(bins, lo + j + 2, hi + j + 2, v2, i2);
        setCode(bins, lo + j + 3, hi + j + 3, v3, i3);
        setCode(bins, lo + j + 4, hi + j + 4, v4, i4);
        setCode(bins, lo + j + 5, hi + j + 5, v5, i5);
        setCode(bins, lo + j + 6, hi + j + 6, v6, i6);
        setCode(bins, lo + j + 7, hi + j + 7, v7, i7);
      }
      for (; j < m; j++) {
        float v = x[(r0 + j) * d + f];
        int i = 0;
        for (int step = half; step > 0; step >>>= 1) {
          i += c[i + step - 1] <= v ? step : 0;
        }
        setCode(bins, lo + j, hi + j, v, i);
      }
    }
  }

  /** Stores a row's codes in both halves: 0 or 65535 when missing, else 1 + the number of cuts at or below it. */
  private static void setCode(char[] bins, int missingLeft, int missingRight, float v, int cutsAtOrBelow) {
    boolean missing = v != v;
    bins[missingLeft] = missing ? 0 : (char) (cutsAtOrBelow + 1);
    bins[missingRight] = missing ? (char) NO_RIGHT : (char) (cutsAtOrBelow + 1);
  }

  /** One step of one lane: the left child, plus one when the lane's code exceeds the node's threshold code. */
  private static int step(long[] nodes, int n, char[] bins, int lane) {
    long c = nodes[n];
    int v = bins[((int) (c >>> 16) + lane) & (bins.length - 1)];
    return (int) (c >>> 40) + (((int) c & 0xFFFF) - v >>> 31);
  }
}

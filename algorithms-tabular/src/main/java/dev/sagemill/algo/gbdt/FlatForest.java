package dev.sagemill.algo.gbdt;

/**
 * The trees of an ensemble flattened into a few primitive arrays for fast dense prediction. Every node holds its
 * feature, threshold, default direction and the index of its left child, the right child being the next node (XGBoost
 * allocates children in pairs). A leaf points to itself with a NaN threshold, so a row walks exactly
 * {@code depth(tree)} steps with no branch on "is this a leaf": the step is
 * {@code node = left + (x >= threshold | (x is NaN & !defaultLeft) ? 1 : 0)} (non-short-circuit, so the JIT
 * emits flag arithmetic instead of branches), and the rows of a block advance level by level so their independent walks overlap.
 *
 * <p>Immutable and thread-safe.
 */
final class FlatForest {
  private final int[] feature;
  private final float[] threshold;
  private final boolean[] defaultLeft;
  private final int[] left;
  private final float[] leaf;
  private final int[] root;
  private final int[] depth;

  private FlatForest(int[] feature, float[] threshold, boolean[] defaultLeft, int[] left, float[] leaf, int[] root,
      int[] depth) {
    this.feature = feature;
    this.threshold = threshold;
    this.defaultLeft = defaultLeft;
    this.left = left;
    this.leaf = leaf;
    this.root = root;
    this.depth = depth;
  }

  /**
   * Flattens trees, or returns null if some tree's right children do not follow their left siblings or some tree
   * splits on categories (those trees predict by walking their nodes).
   *
   * @param trees the trees
   * @return the flat forest, or null
   */
  static FlatForest of(Tree[] trees) {
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
    int[] feature = new int[total];
    float[] threshold = new float[total];
    boolean[] dl = new boolean[total];
    int[] left = new int[total];
    float[] leaf = new float[total];
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
          feature[n] = 0;
          threshold[n] = Float.NaN;
          dl[n] = true;
          left[n] = n;
          leaf[n] = tree.leafValue[i];
        } else {
          feature[n] = tree.feature[i];
          threshold[n] = tree.splitValue[i];
          dl[n] = tree.defaultLeft[i];
          left[n] = off + tree.left[i];
        }
      }
      off += tree.nodes();
    }
    return new FlatForest(feature, threshold, dl, left, leaf, root, depth);
  }

  /**
   * The leaf value one dense row reaches in one tree.
   *
   * @param t the tree
   * @param x features
   * @param offset index of feature 0 in x
   * @return the leaf value
   */
  float value(int t, float[] x, int offset) {
    int n = root[t];
    for (int s = depth[t]; s > 0; s--) {
      float v = x[offset + feature[n]];
      n = left[n] + (v >= threshold[n] | (v != v & !defaultLeft[n]) ? 1 : 0);
    }
    return leaf[n];
  }

  /**
   * Adds weighted leaf values of trees {@code [from, to)} for the dense rows {@code [r0, r1)} (at most 64), level
   * by level across the rows.
   *
   * @param x row-major features
   * @param d features per row
   * @param r0 first row
   * @param r1 end row
   * @param from first tree
   * @param to end tree
   * @param group output of each tree
   * @param weight weight of each tree
   * @param k outputs per row
   * @param out margins to add to
   */
  void addBlock(float[] x, int d, int r0, int r1, int from, int to, int[] group, float[] weight, int k,
      double[] out) {
    int m = r1 - r0;
    int[] pos = new int[m];
    for (int t = from; t < to; t++) {
      int start = root[t];
      for (int j = 0; j < m; j++) {
        pos[j] = start;
      }
      for (int s = depth[t]; s > 0; s--) {
        for (int j = 0; j < m; j++) {
          int n = pos[j];
          float v = x[(r0 + j) * d + feature[n]];
          pos[j] = left[n] + (v >= threshold[n] | (v != v & !defaultLeft[n]) ? 1 : 0);
        }
      }
      double w = weight[t];
      int g = group[t];
      for (int j = 0; j < m; j++) {
        out[(r0 + j) * k + g] += w * leaf[pos[j]];
      }
    }
  }
}

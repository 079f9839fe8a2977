package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.FeatureVector;
import java.util.Arrays;

/**
 * One regression tree in XGBoost's node layout: node 0 is the root, children are allocated in pairs when a node
 * splits, {@code left == -1} marks a leaf. An internal node sends a row left when its feature value is below
 * {@code splitValue}, and missing values (NaN, or absent from a sparse row) to its default side. Leaves hold the
 * (already shrunk) output added to the margin. Per-node statistics (loss change, hessian sum "cover", unshrunk
 * weight) serve feature importance and TreeSHAP.
 *
 * <p>A categorical split (LightGBM's many-vs-many) instead holds the set of categories sent left: a value goes left
 * iff it is a non-negative number whose integer part is in the set; missing values, negative values and categories
 * not in the set go right.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tree {
  final int[] left;
  final int[] right;
  final int[] parent;
  final int[] feature;
  final float[] splitValue;
  final boolean[] defaultLeft;
  final float[] leafValue;
  final float[] lossChange;
  final float[] cover;
  final float[] baseWeight;
  /** Training-only: the bin threshold of each split (left iff bin ≤ it); null for trees read from files. */
  final int[] splitBin;
  /** Per node, the bitset of categories sent left by a categorical split (null for numeric nodes); null if none. */
  final long[][] leftCategories;

  Tree(int[] left, int[] right, int[] parent, int[] feature, float[] splitValue, boolean[] defaultLeft,
      float[] leafValue, float[] lossChange, float[] cover, float[] baseWeight, int[] splitBin) {
    this(left, right, parent, feature, splitValue, defaultLeft, leafValue, lossChange, cover, baseWeight, splitBin,
        null);
  }

  Tree(int[] left, int[] right, int[] parent, int[] feature, float[] splitValue, boolean[] defaultLeft,
      float[] leafValue, float[] lossChange, float[] cover, float[] baseWeight, int[] splitBin,
      long[][] leftCategories) {
    int n = left.length;
    if (right.length != n || parent.length != n || feature.length != n || splitValue.length != n
        || defaultLeft.length != n || leafValue.length != n || lossChange.length != n || cover.length != n
        || baseWeight.length != n || (splitBin != null && splitBin.length != n)
        || (leftCategories != null && leftCategories.length != n)) {
      throw new IllegalArgumentException("tree arrays differ in length");
    }
    this.left = left;
    this.right = right;
    this.parent = parent;
    this.feature = feature;
    this.splitValue = splitValue;
    this.defaultLeft = defaultLeft;
    this.leafValue = leafValue;
    this.lossChange = lossChange;
    this.cover = cover;
    this.baseWeight = baseWeight;
    this.splitBin = splitBin;
    this.leftCategories = leftCategories;
  }

  /**
   * The same tree with its split features renumbered.
   *
   * @param featureOf the new number of each feature
   * @return the renumbered tree; leaves keep their feature entry
   */
  Tree withFeatures(int[] featureOf) {
    int[] f = feature.clone();
    for (int i = 0; i < f.length; i++) {
      if (left[i] >= 0) {
        f[i] = featureOf[f[i]];
      }
    }
    return new Tree(left, right, parent, f, splitValue, defaultLeft, leafValue, lossChange, cover, baseWeight,
        splitBin, leftCategories);
  }

  /** @return whether some node splits on categories */
  public boolean hasCategoricalSplits() {
    return leftCategories != null;
  }

  /**
   * @param node a node
   * @return the categories a categorical split sends left, ascending; null for a numeric split or a leaf
   */
  public int[] leftCategories(int node) {
    long[] bits = leftCategories == null ? null : leftCategories[node];
    return bits == null ? null : java.util.BitSet.valueOf(bits).stream().toArray();
  }

  /**
   * Whether a value of the node's feature goes left.
   *
   * @param node an internal node
   * @param v the value (NaN = missing)
   * @return true for the left child
   */
  boolean goesLeft(int node, float v) {
    long[] bits = leftCategories == null ? null : leftCategories[node];
    if (bits != null) {
      return inCategories(bits, v);
    }
    return v != v ? defaultLeft[node] : v < splitValue[node];
  }

  /** Whether a value's category is in a bitset; NaN, negative and out-of-range values are not. */
  static boolean inCategories(long[] bits, float v) {
    if (!(v >= 0 && v < (long) bits.length << 6)) {
      return false;
    }
    int c = (int) v;
    return (bits[c >>> 6] & 1L << c) != 0;
  }
  /** @return the number of nodes */
  public int nodes() {
    return left.length;
  }

  /**
   * @param node a node id
   * @return true if it is a leaf
   */
  public boolean isLeaf(int node) {
    return left[node] < 0;
  }

  /** @return the number of leaves */
  public int leaves() {
    int c = 0;
    for (int l : left) {
      if (l < 0) {
        c++;
      }
    }
    return c;
  }

  /** @return the depth of the deepest leaf (a single leaf has depth 0) */
  public int depth() {
    int[] d = new int[nodes()];
    int max = 0;
    for (int i = 1; i < nodes(); i++) {
      d[i] = d[parent[i]] + 1;
      max = Math.max(max, d[i]);
    }
    return max;
  }

  /**
   * @param node a node
   * @return its parent, or -1 for the root
   */
  public int parent(int node) {
    return parent[node];
  }

  /**
   * @param node an internal node
   * @return its left child ({@code x < splitValue}), or -1 for a leaf
   */
  public int left(int node) {
    return left[node];
  }

  /**
   * @param node an internal node
   * @return its right child, or -1 for a leaf
   */
  public int right(int node) {
    return right[node];
  }

  /**
   * @param node a node
   * @return the feature it splits on, or -1 for a leaf
   */
  public int splitFeature(int node) {
    return isLeaf(node) ? -1 : feature[node];
  }

  /**
   * @param node an internal node
   * @return its threshold: values below go left
   */
  public float splitValue(int node) {
    return splitValue[node];
  }

  /**
   * @param node a leaf
   * @return its output
   */
  public float leafValue(int node) {
    return leafValue[node];
  }

  /**
   * @param node a node
   * @return the sum of training hessians that reached it
   */
  public float cover(int node) {
    return cover[node];
  }

  /**
   * The leaf a dense row reaches.
   *
   * @param x dense features (NaN = missing)
   * @param offset the index of feature 0 in {@code x}
   * @return the leaf node id
   */
  public int leafOf(float[] x, int offset) {
    int node = 0;
    if (leftCategories != null) {
      while (left[node] >= 0) {
        node = goesLeft(node, x[offset + feature[node]]) ? left[node] : right[node];
      }
      return node;
    }
    while (left[node] >= 0) {
      float v = x[offset + feature[node]];
      if (v != v) {
        node = defaultLeft[node] ? left[node] : right[node];
      } else {
        node = v < splitValue[node] ? left[node] : right[node];
      }
    }
    return node;
  }

  /**
   * The leaf a row reaches; absent sparse entries are missing.
   *
   * @param x the row
   * @return the leaf node id
   */
  public int leafOf(FeatureVector x) {
    if (leftCategories != null) {
      int node = 0;
      while (left[node] >= 0) {
        float v = x.isSparse() ? sparseGet(x, feature[node]) : x.get(feature[node]);
        node = goesLeft(node, v) ? left[node] : right[node];
      }
      return node;
    }
    if (!x.isSparse()) {
      int node = 0;
      while (left[node] >= 0) {
        float v = x.get(feature[node]);
        node = v != v ? (defaultLeft[node] ? left[node] : right[node])
            : (v < splitValue[node] ? left[node] : right[node]);
      }
      return node;
    }
    int node = 0;
    while (left[node] >= 0) {
      float v = sparseGet(x, feature[node]);
      node = v != v ? (defaultLeft[node] ? left[node] : right[node])
          : (v < splitValue[node] ? left[node] : right[node]);
    }
    return node;
  }

  /**
   * The leaf a CSR row reaches; absent entries are missing.
   *
   * @param idx column indices, ascending within the row
   * @param val values
   * @param from first entry of the row
   * @param to end of the row's entries
   * @return the leaf node id
   */
  public int leafOf(int[] idx, float[] val, int from, int to) {
    int node = 0;
    while (left[node] >= 0) {
      int k = java.util.Arrays.binarySearch(idx, from, to, feature[node]);
      float v = k >= 0 ? val[k] : Float.NaN;
      node = goesLeft(node, v) ? left[node] : right[node];
    }
    return node;
  }

  /** A sparse row's value of a feature; NaN when absent (missing, in XGBoost's sparse semantics). */
  static float sparseGet(FeatureVector x, int f) {
    int lo = 0;
    int hi = x.storedCount() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int idx = x.storedIndex(mid);
      if (idx < f) {
        lo = mid + 1;
      } else if (idx > f) {
        hi = mid - 1;
      } else {
        return x.storedValue(mid);
      }
    }
    return Float.NaN;
  }

  /**
   * The leaf a binned training row reaches (uses the training-time bin thresholds).
   *
   * @param data the binned data
   * @param position the row's position in {@code data}
   * @return the leaf node id
   */
  int leafOfBinned(BinnedData data, int position) {
    int node = 0;
    while (left[node] >= 0) {
      int f = feature[node];
      int b = data.bin(position, f);
      long[] cats = leftCategories == null ? null : leftCategories[node];
      if (cats != null) {
        node = b >= 0 && inCategories(cats, data.cuts.category(f, b)) ? left[node] : right[node];
      } else {
        node = b < 0 ? (defaultLeft[node] ? left[node] : right[node])
            : (b <= splitBin[node] ? left[node] : right[node]);
      }
    }
    return node;
  }

  /** @return this tree without its training-only bin thresholds */
  Tree withoutBins() {
    return splitBin == null ? this : new Tree(left, right, parent, feature, splitValue, defaultLeft, leafValue,
        lossChange, cover, baseWeight, null, leftCategories);
  }

  /**
   * This tree with every leaf multiplied by a factor (DART's tree weights).
   *
   * @param factor the factor
   * @return the scaled tree
   */
  Tree scaled(double factor) {
    float[] v = leafValue.clone();
    for (int i = 0; i < v.length; i++) {
      if (left[i] < 0) {
        v[i] = (float) (v[i] * factor);
      }
    }
    return withLeaves(v);
  }

  /**
   * This tree with other leaf outputs.
   *
   * @param leaves the new outputs, one per node (internal nodes' entries are ignored)
   * @return the tree
   */
  Tree withLeaves(float[] leaves) {
    return new Tree(left, right, parent, feature, splitValue, defaultLeft, leaves, lossChange, cover, baseWeight,
        splitBin, leftCategories);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tree t && Arrays.equals(left, t.left) && Arrays.equals(right, t.right)
        && Arrays.equals(feature, t.feature) && Arrays.equals(splitValue, t.splitValue)
        && Arrays.equals(defaultLeft, t.defaultLeft) && Arrays.equals(leafValue, t.leafValue)
        && Arrays.equals(cover, t.cover) && Arrays.equals(lossChange, t.lossChange)
        && Arrays.equals(baseWeight, t.baseWeight) && Arrays.deepEquals(leftCategories, t.leftCategories);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(leafValue) * 31 + Arrays.hashCode(feature);
  }
}

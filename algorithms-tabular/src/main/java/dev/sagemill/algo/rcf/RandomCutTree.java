package dev.sagemill.algo.rcf;

import dev.sagemill.core.random.RandomStream;
import java.util.Arrays;

/**
 * One random cut tree over at most {@code capacity} points, in flat arrays (no object per node). Points live in
 * slots of a {@code capacity × dim} float store; a leaf is a slot (several copies of one point share a leaf and add
 * to its mass). Internal nodes hold a cut (dimension, value: {@code x[dim] <= value} goes left), their mass and the
 * bounding box of their points. Children are encoded as {@code >= 0} for internal nodes and {@code ~slot} for leaves.
 *
 * <p>Points are inserted one at a time as in the paper: at each node a cut is drawn in the box of the node's points
 * and the new point, choosing a dimension with probability proportional to its range and a uniform value in it; if
 * the cut separates the new point from the node's box a new internal node is made there, otherwise the point goes
 * down the node's own cut. Building a tree by inserting a sample in any order gives the same distribution as
 * cutting the whole sample top-down.
 *
 * <p>{@link #score} is the anomaly score of AWS's Random Cut Forest library: at the leaf the query reaches, 1/(depth
 * + 1), or for a point already in the tree (1 − mass/(2·treeMass)) / (depth + log2(mass + 1)); then up the path each
 * node mixes in 1/(depth + 1) with the probability that a random cut of the node's box extended by the query
 * separates the query; the result is scaled by log2(treeMass + 1). Scoring is thread-safe; inserting is not.
 */
final class RandomCutTree {
  private static final double LOG2 = Math.log(2);

  private final int dim;
  private final int capacity;
  private final float[] points;
  private final int[] leafMass;
  private int slots;
  private final int[] left;
  private final int[] right;
  private final int[] cutDim;
  private final double[] cutValue;
  private final int[] mass;
  private final double[] min;
  private final double[] max;
  private int nodes;
  private int root = NONE;
  private int totalMass;
  /** Internal-node path of the current insertion. */
  private final int[] path;

  private static final int NONE = Integer.MIN_VALUE;

  RandomCutTree(int dim, int capacity) {
    this.dim = dim;
    this.capacity = capacity;
    this.points = new float[capacity * dim];
    this.leafMass = new int[capacity];
    int inner = Math.max(1, capacity - 1);
    this.left = new int[inner];
    this.right = new int[inner];
    this.cutDim = new int[inner];
    this.cutValue = new double[inner];
    this.mass = new int[inner];
    this.min = new double[inner * dim];
    this.max = new double[inner * dim];
    this.path = new int[capacity];
  }

  /** @return the points inserted, copies included */
  int mass() {
    return totalMass;
  }

  /**
   * Inserts a point.
   *
   * @param p the point, {@code dim} values
   * @param rng the tree's random numbers
   * @throws IllegalStateException if the tree already holds {@code capacity} distinct points
   */
  void insert(float[] p, RandomStream rng) {
    totalMass++;
    if (root == NONE) {
      root = ~newLeaf(p);
      return;
    }
    int depth = 0;
    int parent = NONE;
    boolean parentLeft = false;
    int node = root;
    double[] boxMin = new double[dim];
    double[] boxMax = new double[dim];
    while (true) {
      if (node < 0 && equals(~node, p)) {
        leafMass[~node]++;
        for (int i = 0; i < depth; i++) {
          mass[path[i]]++;
        }
        return;
      }
      box(node, boxMin, boxMax);
      double range = 0;
      for (int d = 0; d < dim; d++) {
        range += Math.max(boxMax[d], p[d]) - Math.min(boxMin[d], p[d]);
      }
      double r = rng.nextDouble() * range;
      int d = -1;
      int lastWithRange = -1;
      for (int k = 0; k < dim; k++) {
        double width = Math.max(boxMax[k], p[k]) - Math.min(boxMin[k], p[k]);
        if (width <= 0) {
          continue;
        }
        lastWithRange = k;
        if (r < width) {
          d = k;
          break;
        }
        r -= width;
      }
      if (d < 0) {
        // Rounding left r past the last range: cut at the top of the last dimension that has one.
        d = lastWithRange;
        r = Double.POSITIVE_INFINITY;
      }
      double lo = Math.min(boxMin[d], p[d]);
      double hi = Math.max(boxMax[d], p[d]);
      double value = Math.min(lo + r, Math.nextDown(hi));
      boolean separates = value < boxMin[d] || value >= boxMax[d];
      if (separates) {
        int slot = newLeaf(p);
        int n = nodes++;
        cutDim[n] = d;
        cutValue[n] = value;
        boolean pointLeft = p[d] <= value;
        left[n] = pointLeft ? ~slot : node;
        right[n] = pointLeft ? node : ~slot;
        mass[n] = massOf(node) + 1;
        for (int k = 0; k < dim; k++) {
          min[n * dim + k] = Math.min(boxMin[k], p[k]);
          max[n * dim + k] = Math.max(boxMax[k], p[k]);
        }
        if (parent == NONE) {
          root = n;
        } else if (parentLeft) {
          left[parent] = n;
        } else {
          right[parent] = n;
        }
        for (int i = 0; i < depth; i++) {
          int a = path[i];
          mass[a]++;
          for (int k = 0; k < dim; k++) {
            min[a * dim + k] = Math.min(min[a * dim + k], p[k]);
            max[a * dim + k] = Math.max(max[a * dim + k], p[k]);
          }
        }
        return;
      }
      // The cut falls inside the node's box: only an internal node has a box with range, so descend its cut.
      path[depth++] = node;
      parent = node;
      parentLeft = p[cutDim[node]] <= cutValue[node];
      node = parentLeft ? left[node] : right[node];
    }
  }

  private int massOf(int node) {
    return node < 0 ? leafMass[~node] : mass[node];
  }

  private void box(int node, double[] boxMin, double[] boxMax) {
    if (node < 0) {
      int o = ~node * dim;
      for (int k = 0; k < dim; k++) {
        boxMin[k] = points[o + k];
        boxMax[k] = points[o + k];
      }
    } else {
      System.arraycopy(min, node * dim, boxMin, 0, dim);
      System.arraycopy(max, node * dim, boxMax, 0, dim);
    }
  }

  private int newLeaf(float[] p) {
    if (slots == capacity) {
      throw new IllegalStateException("the tree holds its capacity of " + capacity + " distinct points");
    }
    int s = slots++;
    System.arraycopy(p, 0, points, s * dim, dim);
    leafMass[s] = 1;
    return s;
  }

  private boolean equals(int slot, float[] p) {
    int o = slot * dim;
    for (int k = 0; k < dim; k++) {
      if (points[o + k] != p[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The anomaly score of a point under this tree (see the class comment).
   *
   * @param q the point
   * @param pathScratch at least {@code capacity} ints, the caller's own
   * @return the score; 0 for an empty tree
   */
  double score(float[] q, int[] pathScratch) {
    if (root == NONE) {
      return 0;
    }
    int depth = 0;
    int node = root;
    while (node >= 0) {
      pathScratch[depth++] = node;
      node = q[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
    }
    int leaf = ~node;
    double score;
    if (equals(leaf, q)) {
      int m = leafMass[leaf];
      double damp = 1.0 - m / (2.0 * totalMass);
      return damp / (depth + Math.log(m + 1.0) / LOG2) * Math.log(totalMass + 1.0) / LOG2;
    }
    score = 1.0 / (depth + 1);
    for (int i = depth - 1; i >= 0; i--) {
      int n = pathScratch[i];
      double newRange = 0;
      double grown = 0;
      int o = n * dim;
      for (int k = 0; k < dim; k++) {
        double lo = min[o + k];
        double hi = max[o + k];
        double old = hi - lo;
        if (q[k] > hi) {
          hi = q[k];
        } else if (q[k] < lo) {
          lo = q[k];
        }
        newRange += hi - lo;
        grown += (hi - lo) - old;
      }
      if (grown <= 0) {
        break; // the query is inside this box, and so inside every box above it
      }
      double prob = grown / newRange;
      score = prob * (1.0 / (i + 1)) + (1 - prob) * score;
    }
    return score * Math.log(totalMass + 1.0) / LOG2;
  }

  /** @return the internal nodes in use */
  int nodes() {
    return nodes;
  }

  /** @return the distinct points */
  int slots() {
    return slots;
  }

  /** The arrays a codec saves, trimmed to what is in use. */
  Parts parts() {
    return new Parts(Arrays.copyOf(points, slots * dim), Arrays.copyOf(leafMass, slots),
        Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(cutDim, nodes),
        Arrays.copyOf(cutValue, nodes), Arrays.copyOf(mass, nodes), Arrays.copyOf(min, nodes * dim),
        Arrays.copyOf(max, nodes * dim), root == NONE ? Integer.MIN_VALUE : root, totalMass);
  }

  /**
   * Rebuilds a tree from saved parts.
   *
   * @throws IllegalArgumentException if the parts are inconsistent
   */
  static RandomCutTree of(int dim, int capacity, Parts p) {
    RandomCutTree t = new RandomCutTree(dim, capacity);
    int slots = p.leafMass.length;
    int nodes = p.left.length;
    if (slots > capacity || p.points.length != slots * dim || nodes > Math.max(0, slots - 1)
        || p.right.length != nodes || p.cutDim.length != nodes || p.cutValue.length != nodes
        || p.mass.length != nodes || p.min.length != nodes * dim || p.max.length != nodes * dim) {
      throw new IllegalArgumentException("tree parts of " + slots + " points and " + nodes + " nodes do not fit "
          + "dimension " + dim + " and capacity " + capacity);
    }
    System.arraycopy(p.points, 0, t.points, 0, p.points.length);
    System.arraycopy(p.leafMass, 0, t.leafMass, 0, slots);
    System.arraycopy(p.left, 0, t.left, 0, nodes);
    System.arraycopy(p.right, 0, t.right, 0, nodes);
    System.arraycopy(p.cutDim, 0, t.cutDim, 0, nodes);
    System.arraycopy(p.cutValue, 0, t.cutValue, 0, nodes);
    System.arraycopy(p.mass, 0, t.mass, 0, nodes);
    System.arraycopy(p.min, 0, t.min, 0, p.min.length);
    System.arraycopy(p.max, 0, t.max, 0, p.max.length);
    for (int n = 0; n < nodes; n++) {
      for (int c : new int[] {p.left[n], p.right[n]}) {
        if (c >= nodes || (c < 0 && ~c >= slots) || p.cutDim[n] < 0 || p.cutDim[n] >= dim) {
          throw new IllegalArgumentException("tree node " + n + " points outside the tree");
        }
      }
    }
    t.slots = slots;
    t.nodes = nodes;
    t.root = p.root;
    t.totalMass = p.totalMass;
    return t;
  }

  /**
   * A tree's arrays.
   *
   * @param points the distinct points, slot-major
   * @param leafMass copies of each point
   * @param left left child per internal node
   * @param right right child per internal node
   * @param cutDim cut dimension per internal node
   * @param cutValue cut value per internal node
   * @param mass points under each internal node
   * @param min box minima, node-major
   * @param max box maxima, node-major
   * @param root the root (an internal node, {@code ~slot} for a one-point tree, or {@link Integer#MIN_VALUE})
   * @param totalMass the points inserted
   */
  record Parts(float[] points, int[] leafMass, int[] left, int[] right, int[] cutDim, double[] cutValue, int[] mass,
      double[] min, double[] max, int root, int totalMass) {}
}

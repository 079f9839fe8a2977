package dev.sagemill.algo.rcf;

import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.random.SplitMix64;
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
  // Slots and nodes freed by deletions, reused before the high-water marks grow.
  private final int[] freeSlots;
  private int freeSlotCount;
  private final int[] freeNodes;
  private int freeNodeCount;
  private int root = NONE;
  private int totalMass;
  /** Internal-node path of the current insertion. */
  private final int[] path;
  /** Box scratch of insert and delete (which are single-threaded), so a streamed update allocates nothing. */
  private final double[] scratchLo;
  private final double[] scratchHi;
  private final double[] scratchLo2;
  private final double[] scratchHi2;

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
    this.scratchLo = new double[dim];
    this.scratchHi = new double[dim];
    this.scratchLo2 = new double[dim];
    this.scratchHi2 = new double[dim];
    this.freeSlots = new int[capacity];
    this.freeNodes = new int[inner];
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
   * @return the slot that holds it (an existing one when it equals a point of the tree)
   * @throws IllegalStateException if the tree already holds {@code capacity} distinct points
   */
  int insert(float[] p, RandomStream rng) {
    return insert(p, rng::nextDouble);
  }

  /**
   * Inserts a point, drawing its cuts from a saveable stream (the streaming forest's).
   *
   * @param p the point
   * @param rng the tree's random numbers
   * @return the slot that holds it
   */
  int insert(float[] p, SplitMix64 rng) {
    return insert(p, rng::nextDouble);
  }

  private int insert(float[] p, java.util.function.DoubleSupplier uniform) {
    totalMass++;
    if (root == NONE) {
      int slot = newLeaf(p);
      root = ~slot;
      return slot;
    }
    int depth = 0;
    int parent = NONE;
    boolean parentLeft = false;
    int node = root;
    double[] boxMin = scratchLo;
    double[] boxMax = scratchHi;
    while (true) {
      if (node < 0 && equals(~node, p)) {
        leafMass[~node]++;
        for (int i = 0; i < depth; i++) {
          mass[path[i]]++;
        }
        return ~node;
      }
      box(node, boxMin, boxMax);
      double range = 0;
      for (int d = 0; d < dim; d++) {
        range += Math.max(boxMax[d], p[d]) - Math.min(boxMin[d], p[d]);
      }
      double r = uniform.getAsDouble() * range;
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
        int n = freeNodeCount > 0 ? freeNodes[--freeNodeCount] : nodes++;
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
        return slot;
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
    if (slots - freeSlotCount == capacity) {
      throw new IllegalStateException("the tree holds its capacity of " + capacity + " distinct points");
    }
    int s = freeSlotCount > 0 ? freeSlots[--freeSlotCount] : slots++;
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
   * Removes one copy of the point in a slot (the streaming sampler's eviction): its leaf's mass drops, and a leaf
   * left empty is removed with its parent, whose other child takes its place; the ancestors' masses drop and their
   * boxes shrink to their children's.
   *
   * @param slot a slot {@link #insert} returned and not yet emptied
   * @throws IllegalStateException if the slot's point does not lead to its own leaf (a corrupt tree)
   */
  void delete(int slot) {
    int depth = 0;
    int node = root;
    int o = slot * dim;
    while (node >= 0) {
      path[depth++] = node;
      node = points[o + cutDim[node]] <= cutValue[node] ? left[node] : right[node];
    }
    if (~node != slot) {
      throw new IllegalStateException("slot " + slot + " is not where its point leads (slot " + ~node + ")");
    }
    totalMass--;
    if (--leafMass[slot] > 0) {
      for (int i = 0; i < depth; i++) {
        mass[path[i]]--;
      }
      return;
    }
    freeSlots[freeSlotCount++] = slot;
    if (depth == 0) {
      root = NONE;
      return;
    }
    int parent = path[depth - 1];
    int sibling = left[parent] == node ? right[parent] : left[parent];
    if (depth == 1) {
      root = sibling;
    } else {
      int grand = path[depth - 2];
      if (left[grand] == parent) {
        left[grand] = sibling;
      } else {
        right[grand] = sibling;
      }
    }
    freeNodes[freeNodeCount++] = parent;
    double[] lo = scratchLo;
    double[] hi = scratchHi;
    double[] lo2 = scratchLo2;
    double[] hi2 = scratchHi2;
    for (int i = depth - 2; i >= 0; i--) {
      int a = path[i];
      mass[a]--;
      box(left[a], lo, hi);
      box(right[a], lo2, hi2);
      for (int k = 0; k < dim; k++) {
        min[a * dim + k] = Math.min(lo[k], lo2[k]);
        max[a * dim + k] = Math.max(hi[k], hi2[k]);
      }
    }
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

  /**
   * Checks the tree's invariants: every point leads to its own leaf, every internal node's mass and box are its
   * children's, and the masses add up to the tree's. For tests and for a loaded streaming state.
   *
   * @throws IllegalStateException naming the first broken invariant
   */
  void validate() {
    if (root == NONE) {
      if (totalMass != 0) {
        throw new IllegalStateException("an empty tree has mass " + totalMass);
      }
      return;
    }
    int m = validate(root, new double[dim], new double[dim]);
    if (m != totalMass) {
      throw new IllegalStateException("the leaves hold " + m + " points, the tree " + totalMass);
    }
    for (int s = 0; s < slots; s++) {
      boolean free = false;
      for (int f = 0; f < freeSlotCount; f++) {
        free |= freeSlots[f] == s;
      }
      if (free) {
        continue;
      }
      float[] p = Arrays.copyOfRange(points, s * dim, (s + 1) * dim);
      int node = root;
      while (node >= 0) {
        node = p[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
      }
      if (~node != s) {
        throw new IllegalStateException("the point of slot " + s + " leads to slot " + ~node);
      }
    }
  }

  private int validate(int node, double[] lo, double[] hi) {
    if (node < 0) {
      box(node, lo, hi);
      return leafMass[~node];
    }
    double[] lo2 = new double[dim];
    double[] hi2 = new double[dim];
    int m = validate(left[node], lo, hi) + validate(right[node], lo2, hi2);
    for (int k = 0; k < dim; k++) {
      lo[k] = Math.min(lo[k], lo2[k]);
      hi[k] = Math.max(hi[k], hi2[k]);
      if (lo[k] != min[node * dim + k] || hi[k] != max[node * dim + k]) {
        throw new IllegalStateException("node " + node + " has box [" + min[node * dim + k] + ", "
            + max[node * dim + k] + "] in dimension " + k + ", its children [" + lo[k] + ", " + hi[k] + "]");
      }
    }
    if (m != mass[node]) {
      throw new IllegalStateException("node " + node + " has mass " + mass[node] + ", its children " + m);
    }
    return m;
  }

  /**
   * Adds this tree's attribution of its score of {@code q} to each dimension and direction, as AWS's library's
   * attribution visitor computes it: the score's recurrence up the path is split by the share of each dimension's
   * growth of the box above ({@code high}) or below ({@code low}) it; for a point of the tree the leaf's score is split
   * evenly and the sibling boxes stand in for the boxes (what the tree would look like without the point), then the
   * parts are rescaled to the score. {@code Σ high + Σ low} is {@link #score}.
   *
   * @param q the point
   * @param high where each dimension's share for q lying above the boxes is added
   * @param low where each dimension's share for q lying below is added
   * @param pathScratch at least {@code capacity} ints
   */
  void attribution(float[] q, double[] high, double[] low, int[] pathScratch) {
    if (root == NONE) {
      return;
    }
    int depth = 0;
    int node = root;
    while (node >= 0) {
      pathScratch[depth++] = node;
      node = q[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
    }
    int leaf = ~node;
    double[] h = new double[dim];
    double[] l = new double[dim];
    double[] lo = new double[dim];
    double[] hi = new double[dim];
    double[] slo = null;
    double[] shi = null;
    boolean duplicate = equals(leaf, q);
    double saved;
    if (duplicate) {
      int m = leafMass[leaf];
      saved = (1.0 - m / (2.0 * totalMass)) / (depth + Math.log(m + 1.0) / LOG2);
      Arrays.fill(h, saved / (2 * dim));
      Arrays.fill(l, saved / (2 * dim));
    } else {
      saved = 1.0 / (depth + 1);
      box(node, lo, hi);
      double sum = 0;
      for (int k = 0; k < dim; k++) {
        sum += Math.abs(q[k] - lo[k]);
      }
      for (int k = 0; k < dim; k++) {
        h[k] = saved * Math.max(q[k] - hi[k], 0) / sum;
        l[k] = saved * Math.max(lo[k] - q[k], 0) / sum;
      }
    }
    int child = node;
    for (int i = depth - 1; i >= 0; i--) {
      int n = pathScratch[i];
      if (duplicate) {
        // The box the node would have without the point: its children other than the path's, merged up the path.
        int sibling = left[n] == child ? right[n] : left[n];
        if (slo == null) {
          slo = new double[dim];
          shi = new double[dim];
          box(sibling, slo, shi);
        } else {
          box(sibling, lo, hi);
          for (int k = 0; k < dim; k++) {
            slo[k] = Math.min(slo[k], lo[k]);
            shi[k] = Math.max(shi[k], hi[k]);
          }
        }
        System.arraycopy(slo, 0, lo, 0, dim);
        System.arraycopy(shi, 0, hi, 0, dim);
      } else {
        box(n, lo, hi);
      }
      double newRange = 0;
      double grown = 0;
      for (int k = 0; k < dim; k++) {
        newRange += Math.max(hi[k], q[k]) - Math.min(lo[k], q[k]);
        grown += Math.max(q[k] - hi[k], 0) + Math.max(lo[k] - q[k], 0);
      }
      child = n;
      if (grown <= 0 || newRange <= 0) {
        break;
      }
      double prob = grown / newRange;
      double unseen = 1.0 / (i + 1);
      for (int k = 0; k < dim; k++) {
        h[k] = Math.max(q[k] - hi[k], 0) / newRange * unseen + (1 - prob) * h[k];
        l[k] = Math.max(lo[k] - q[k], 0) / newRange * unseen + (1 - prob) * l[k];
      }
    }
    double scale = Math.log(totalMass + 1.0) / LOG2;
    if (duplicate) {
      double total = 0;
      for (int k = 0; k < dim; k++) {
        total += h[k] + l[k];
      }
      scale *= total > 0 ? saved / total : 0;
    }
    for (int k = 0; k < dim; k++) {
      high[k] += h[k] * scale;
      low[k] += l[k] * scale;
    }
  }

  /**
   * The sample point at the leaf a query reaches: the tree's near-neighbour candidate, as AWS's library's
   * near-neighbour visitor takes it.
   *
   * @param q the query
   * @return the leaf's point (a copy), or null for an empty tree
   */
  float[] leafPoint(float[] q) {
    if (root == NONE) {
      return null;
    }
    int node = root;
    while (node >= 0) {
      node = q[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
    }
    return Arrays.copyOfRange(points, ~node * dim, (~node + 1) * dim);
  }

  /**
   * This tree's expected values of a point's missing coordinates, as AWS's library's impute visitor finds them: every
   * leaf reachable when the cuts on missing coordinates go both ways offers its values for them, and the candidate
   * (the point completed with a leaf's values) that scores least anomalous wins.
   *
   * @param q the point; its missing coordinates are ignored
   * @param missing which coordinates are missing
   * @param pathScratch at least {@code capacity} ints
   * @return the winning completed point, or null for an empty tree
   */
  float[] impute(float[] q, boolean[] missing, int[] pathScratch) {
    if (root == NONE) {
      return null;
    }
    float[] best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    int[] stack = new int[2 * capacity];
    int top = 0;
    stack[top++] = root;
    while (top > 0) {
      int node = stack[--top];
      if (node >= 0) {
        if (missing[cutDim[node]]) {
          stack[top++] = left[node];
          stack[top++] = right[node];
        } else {
          stack[top++] = q[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
        }
        continue;
      }
      float[] candidate = q.clone();
      for (int k = 0; k < dim; k++) {
        if (missing[k]) {
          candidate[k] = points[~node * dim + k];
        }
      }
      double sc = score(candidate, pathScratch);
      if (sc < bestScore) {
        bestScore = sc;
        best = candidate;
      }
    }
    return best;
  }

  /** @return the internal nodes in use */
  int nodes() {
    return nodes;
  }

  /** @return the distinct points held */
  int slots() {
    return slots - freeSlotCount;
  }

  /** @return whether deletions have left free slots or nodes (only a streaming tree's) */
  boolean hasFreeEntries() {
    return freeSlotCount > 0 || freeNodeCount > 0;
  }

  /** @return the slots and nodes freed by deletions, for a streaming checkpoint */
  int[][] freeLists() {
    return new int[][] {Arrays.copyOf(freeSlots, freeSlotCount), Arrays.copyOf(freeNodes, freeNodeCount)};
  }

  /**
   * Restores free lists saved with {@link #freeLists()}.
   *
   * @param slots free slots
   * @param freed free nodes
   */
  void restoreFreeLists(int[] slots, int[] freed) {
    System.arraycopy(slots, 0, freeSlots, 0, slots.length);
    freeSlotCount = slots.length;
    System.arraycopy(freed, 0, freeNodes, 0, freed.length);
    freeNodeCount = freed.length;
  }

  /** The arrays a codec saves, up to the high-water marks (free entries included, see {@link #freeLists()}). */
  Parts parts() {
    return new Parts(Arrays.copyOf(points, slots * dim), Arrays.copyOf(leafMass, slots),
        Arrays.copyOf(left, nodes), Arrays.copyOf(right, nodes), Arrays.copyOf(cutDim, nodes),
        Arrays.copyOf(cutValue, nodes), Arrays.copyOf(mass, nodes), Arrays.copyOf(min, nodes * dim),
        Arrays.copyOf(max, nodes * dim), root == NONE ? Integer.MIN_VALUE : root, totalMass, hasFreeEntries());
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
    if (slots > capacity || p.points.length != slots * dim || nodes > Math.max(1, capacity - 1)
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
          // A freed node keeps stale values; the streaming codec restores the free lists, and the checks of the
          // live tree are the scores' own bounds.
          if (!p.lenient()) {
            throw new IllegalArgumentException("tree node " + n + " points outside the tree");
          }
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
   * @param lenient whether stale values in freed entries are allowed (a streaming tree's parts)
   */
  record Parts(float[] points, int[] leafMass, int[] left, int[] right, int[] cutDim, double[] cutValue, int[] mass,
      double[] min, double[] max, int root, int totalMass, boolean lenient) {}
}

package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ForkJoinPool;

/**
 * Grows one regression tree on binned data by XGBoost's histogram method: gradient/hessian histograms per node
 * (the smaller child built, the larger one derived by subtracting it from the parent), every bin boundary of every
 * sampled feature scanned in both directions so missing values learn their default side, regularised gain
 * {@code G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)} (with L1, max_delta_step and monotone bounds as XGBoost applies
 * them), and level-wise ({@code depthwise}) or best-first ({@code lossguide}) expansion.
 *
 * <p>A node's rows are a contiguous run of positions. Dense rows are moved within the binned matrix itself when a
 * node splits, so histogram building and partitioning read memory sequentially at every depth instead of chasing
 * scattered row ids, and no working copy of the matrix is needed; the data's position-to-row map moves with them,
 * so leaf outputs are added to the margins without walking the tree. A tree starts from the order the previous one
 * left. The split is an in-place exchange: each right-going row in the left part is swapped with a left-going row in
 * the right part, the k-th with the k-th, which touches only the misplaced rows (a quarter of a balanced node's rows
 * in each part). The deepest level's rows are only marked, not moved: its children are leaves. Sparse rows stay
 * in place and are reached through their ids, partitioned stably into a second id array. Histograms, partitioning
 * and split search run on the given pool.
 *
 * <p>Histograms hold gradient and hessian sums in 64-bit fixed point: each row's float gradient is scaled by a power
 * of two chosen per tree (so that no sum can overflow: the largest magnitude times the row count stays below 2^62)
 * and truncated, and integer sums do not depend on the order of the rows or on how they are cut between threads. The
 * tree is therefore the same whichever order earlier trees left the rows in, and a run resumed from a checkpoint,
 * whose rows start in input order, continues exactly as the uninterrupted run. The resolution is about 2^-62 of the
 * row count times the largest gradient magnitude (2e-13 for a million rows of logistic loss); gradients below that
 * count as zero.
 *
 * <p>Not thread-safe; one grower per training run (it reuses its buffers from tree to tree).
 */
final class TreeGrower {
  /** Rows per histogram work item below which a node is not split across threads. */
  private static final int MIN_CHUNK = 16_384;
  /** Features per split-search work item. */
  private static final int FEATURE_BLOCK = 64;
  /** XGBoost's kRtEps: a split must reduce the loss by more than this. */
  private static final double RT_EPS = 1e-6;

  private final BinnedData data;
  private final TreeParams p;
  private final ForkJoinPool pool;
  private final int threads;
  private final boolean constrained;
  // Row ids by position, the dense rows' bins and gradients moved along, and which way each row goes.
  private final RowPartition rowsAt;
  // Fixed-point scales of this tree's gradients and hessians (powers of two) and their inverses.
  private double scaleG;
  private double scaleH;
  private double unitG;
  private double unitH;
  private final Histograms histograms;
  private final SplitSearch search;
  /** Combines shard-local sums in a sharded run; {@link Allreduce#LOCAL} on one machine. */
  private final Allreduce allreduce;

  // Per-node state of the tree being grown (indexed by node id).
  private int size;
  private int[] begin;
  private int[] end;
  // Rows under each node over every shard (end - begin on one machine): split search and the choice of the child
  // whose histogram is built use it, so every shard decides alike.
  private long[] rowsUnder;
  private double[] sumG;
  private double[] sumH;
  private int[] depth;
  private double[] lower;
  private double[] upper;
  private long[][] hist;
  // Sparse data: which features occur among a node's rows (a superset for derived histograms), so split search
  // skips the many absent features without reading their bins.
  private long[][] present;
  private int[][] path;
  private Split[] best;
  private int[] left;
  private int[] right;
  private int[] parent;
  private int[] createdAt;
  // Leaves whose parent's rows were marked but not moved (the children of the deepest level): a leaf shares its
  // parent's position range with its sibling, and goesLeft tells their rows apart.
  private boolean[] unmoved;

  TreeGrower(BinnedData data, TreeParams p, ForkJoinPool pool) {
    this(data, p, pool, Allreduce.LOCAL);
  }

  /**
   * A grower of one shard of a sharded run: the root sums, scales, row counts and histograms of its rows are
   * combined with every other shard's through {@code allreduce}, so all shards grow the same tree.
   */
  TreeGrower(BinnedData data, TreeParams p, ForkJoinPool pool, Allreduce allreduce) {
    if (!allreduce.isLocal() && data.isSparse()) {
      throw new IllegalArgumentException("sharded growth takes dense rows");
    }
    this.allreduce = allreduce;
    this.data = data;
    this.p = p;
    this.pool = pool;
    this.threads = pool.getParallelism();
    this.constrained = p.hasMonotone();
    int[] slotFeature = data.isSparse() ? new int[data.totalSlots] : null;
    if (slotFeature != null) {
      for (int f = 0; f < data.features; f++) {
        Arrays.fill(slotFeature, data.slotOffsets[f], data.slotOffsets[f + 1], f);
      }
    }
    this.rowsAt = new RowPartition(data, pool, p.lossguide());
    this.search = new SplitSearch(data, p);
    this.histograms = new Histograms(data, pool, slotFeature, data.bins8, data.bins16, rowsAt.gradients());
  }

  /**
   * A grown tree and where its leaves' rows lie: positions {@code [begin[leaf], end[leaf])} of {@code rows}, except
   * that a leaf marked {@code unmoved} shares that range with its sibling and holds only the positions whose
   * {@code goesLeft} entry is 1 when it is a left child, 0 when a right one. Valid until the next tree is grown.
   */
  record Result(Tree tree, int[] rows, int[] begin, int[] end, boolean[] unmoved, byte[] goesLeft) {
    /** @return the row ids of a leaf, in position order */
    int[] leafRows(int leaf) {
      int b = begin[leaf];
      int e = end[leaf];
      if (!unmoved[leaf]) {
        return Arrays.copyOfRange(rows, b, e);
      }
      int want = tree.left[tree.parent[leaf]] == leaf ? 1 : 0;
      int n = 0;
      for (int i = b; i < e; i++) {
        n += goesLeft[i] == want ? 1 : 0;
      }
      int[] out = new int[n];
      n = 0;
      for (int i = b; i < e; i++) {
        if (goesLeft[i] == want) {
          out[n++] = rows[i];
        }
      }
      return out;
    }
  }

  /**
   * Writes gradients in a given row order: for {@code i} in {@code [from, to)}, the gradient and hessian of row
   * {@code rowAt[i]} at {@code out[2i]} and {@code out[2i + 1]}. Called from several threads on disjoint ranges.
   */
  @FunctionalInterface
  interface GradientFill {
    void fill(int[] rowAt, float[] out, int from, int to);
  }

  /** @return whether {@link #grow(GradientFill, int[], int, int[], RandomStream)} may be used (dense data) */
  boolean fillsGradients() {
    return rowsAt.gradients() != null;
  }

  /**
   * Grows a tree on dense data from gradients written straight into position order, so the caller keeps no copy by
   * row.
   *
   * @param fill writes the gradients of the rows at given positions
   * @param rowIndex the rows to train on, ascending (not modified), or null for every row
   * @param rowCount how many leading entries of {@code rowIndex} are used
   * @param treeFeatures the features sampled for this tree (colsample_bytree), ascending
   * @param rng randomness of per-level and per-node column sampling
   * @return as {@link #grow(float[], int[], int, int[], RandomStream)}
   */
  Result grow(GradientFill fill, int[] rowIndex, int rowCount, int[] treeFeatures, RandomStream rng) {
    if (!fillsGradients()) {
      throw new IllegalStateException("sparse data needs gradients by row");
    }
    return grow(null, fill, rowIndex, rowCount, treeFeatures, rng);
  }

  /**
   * Grows a tree.
   *
   * @param gh interleaved gradient and hessian per row ({@code gh[2r]}, {@code gh[2r+1]}); not modified
   * @param rowIndex the rows to train on, ascending (not modified), or null for every row
   * @param rowCount how many leading entries of {@code rowIndex} are used
   * @param treeFeatures the features sampled for this tree (colsample_bytree), ascending
   * @param rng randomness of per-level and per-node column sampling
   * @return the tree and its leaves' position ranges; {@code rows} maps positions to rows (for dense data, the data's
   *     own map, whose positions from {@code rowCount} on hold the rows left out; valid until the next tree)
   */
  Result grow(float[] gh, int[] rowIndex, int rowCount, int[] treeFeatures, RandomStream rng) {
    GradientFill gather = (rowAt, out, from, to) -> {
      for (int i = from; i < to; i++) {
        int r = rowAt[i];
        out[2 * i] = gh[2 * r];
        out[2 * i + 1] = gh[2 * r + 1];
      }
    };
    return grow(gh, fillsGradients() ? gather : null, rowIndex, rowCount, treeFeatures, rng);
  }

  private Result grow(float[] gh, GradientFill fill, int[] rowIndex, int rowCount, int[] treeFeatures,
      RandomStream rng) {
    int[] rows = rowsAt.rows();
    if (data.isSparse()) {
      for (int i = 0; i < rowCount; i++) {
        rows[i] = rowIndex == null ? i : rowIndex[i];
      }
    } else {
      if (rowCount < data.rows) {
        rowsAt.moveSampledFirst(rowIndex, rowCount);
      }
      float[] curGh = rowsAt.gradients();
      PoolTasks.run(pool, (rowCount + 4095) / 4096, c -> fill.fill(rows, curGh, c * 4096,
          Math.min(rowCount, c * 4096 + 4096)));
    }
    setScales(gh, rowCount);
    reset(16);
    int root = newNode(0, rowCount, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, new int[0]);
    long[] sums = rootSums(gh, rowCount);
    histograms.build(new int[] {root}, begin, end, hist, present, gh, rowsAt.rows());
    if (!allreduce.isLocal()) {
      long[] local = Arrays.copyOf(sums, 3 + hist[root].length);
      System.arraycopy(hist[root], 0, local, 3, hist[root].length);
      long[] total = allreduce.sum(local);
      System.arraycopy(total, 0, sums, 0, 3);
      System.arraycopy(total, 3, hist[root], 0, hist[root].length);
    }
    rowsUnder[root] = sums[2];
    sumG[root] = sums[0] * unitG;
    sumH[root] = sums[1] * unitH;
    List<int[]> levelFeatures = new ArrayList<>();
    evaluate(new int[] {root}, featureSets(new int[] {root}, treeFeatures, levelFeatures, rng));
    if (p.lossguide()) {
      growLossguide(gh, treeFeatures, levelFeatures, rng);
    } else {
      growDepthwise(gh, treeFeatures, levelFeatures, rng);
    }
    // Histograms are recycled within a tree only: between trees the memory is free for the round's metrics (the
    // AUC's sort), so the peak is the larger of the two rather than their sum.
    Arrays.fill(hist, 0, size, null);
    histograms.clear();
    rowsAt.collectLeafRows(size, left, createdAt, begin, end);
    return new Result(toTree(), rowsAt.rows(), Arrays.copyOf(begin, size), Arrays.copyOf(end, size),
        Arrays.copyOf(unmoved, size), rowsAt.goesLeft());
  }

  /**
   * Chooses this tree's fixed-point scales: the largest power of two that keeps {@code count × max|g| × scale} below
   * 2^62, so no histogram sum can overflow; likewise for hessians.
   */
  private void setScales(float[] gh, int count) {
    float[] curGh = rowsAt.gradients();
    int[] rows = rowsAt.rows();
    boolean positional = curGh != null;
    float[] src = positional ? curGh : gh;
    int chunks = Math.max(1, Math.min(threads * 4, count / MIN_CHUNK));
    float[][] part = new float[chunks][2];
    PoolTasks.run(pool, chunks, c -> {
      int b = PoolTasks.chunkStart(count, c, chunks);
      int e = PoolTasks.chunkStart(count, c + 1, chunks);
      float g = 0;
      float h = 0;
      for (int i = b; i < e; i++) {
        int r = positional ? i : rows[i];
        // Written so that NaN propagates into the maximum.
        g = Math.max(g, Math.abs(src[2 * r]));
        h = Math.max(h, Math.abs(src[2 * r + 1]));
      }
      part[c][0] = g;
      part[c][1] = h;
    });
    float maxG = 0;
    float maxH = 0;
    for (float[] m : part) {
      maxG = Math.max(maxG, m[0]);
      maxH = Math.max(maxH, m[1]);
    }
    long total = count;
    if (!allreduce.isLocal()) {
      // One exchange: the maxima as the bits of non-negative floats (ordered as their values, NaN above all) and
      // the row count.
      long[] m = allreduce.sumAndMax(new long[] {count}, new long[] {Float.floatToIntBits(maxG),
          Float.floatToIntBits(maxH)});
      total = m[0];
      maxG = Float.intBitsToFloat((int) m[1]);
      maxH = Float.intBitsToFloat((int) m[2]);
    }
    if (!Float.isFinite(maxG) || !Float.isFinite(maxH)) {
      throw new IllegalStateException("the objective's gradients are not finite (largest |gradient| " + maxG
          + ", largest |hessian| " + maxH + "): training diverged; lower eta, or set max_delta_step");
    }
    scaleG = fixedPointScale(maxG, total);
    scaleH = fixedPointScale(maxH, total);
    unitG = 1 / scaleG;
    unitH = 1 / scaleH;
    histograms.setScales(scaleG, scaleH);
    search.setUnits(unitG, unitH);
  }

  /** The largest power of two {@code s} with {@code count × max × s < 2^62} (1 when max is 0). */
  static double fixedPointScale(float max, long count) {
    if (max == 0) {
      return 1;
    }
    int exponent = Math.getExponent((double) max * Math.max(1, count));
    return Math.scalb(1.0, Math.min(1000, 61 - exponent));
  }

  private boolean valid(int nid, int leaves) {
    Split s = best[nid];
    if (s == null || s.feature < 0 || !(s.lossChange > RT_EPS) || s.hl == 0 || s.hr == 0) {
      return false;
    }
    if (s.lossChange < p.gamma()) {
      return false;
    }
    if (p.maxDepth() > 0 && depth[nid] >= p.maxDepth()) {
      return false;
    }
    return p.maxLeaves() <= 0 || leaves < p.maxLeaves();
  }

  private void growDepthwise(float[] gh, int[] treeFeatures, List<int[]> levelFeatures, RandomStream rng) {
    int[] level = {0};
    int leaves = 1;
    while (level.length > 0) {
      int[] toSplit = new int[level.length];
      int count = 0;
      for (int nid : level) {
        if (valid(nid, leaves)) {
          toSplit[count++] = nid;
          leaves++;
        } else {
          release(nid);
        }
      }
      if (count == 0) {
        return;
      }
      toSplit = Arrays.copyOf(toSplit, count);
      int[] children = applySplits(toSplit);
      if (p.maxDepth() > 0 && depth[children[0]] >= p.maxDepth()) {
        // Children at the depth limit are leaves: no histograms, no split search.
        for (int nid : toSplit) {
          release(nid);
        }
        return;
      }
      int[][] features = featureSets(children, treeFeatures, levelFeatures, rng);
      if (p.maxDepth() > 0 && depth[children[0]] + 1 >= p.maxDepth() && allreduce.isLocal()) {
        // The children's own children will be leaves, so their histograms are dropped once searched: a batch of
        // parents at a time, whose memory the next batch reuses, instead of the whole level's at once. (A sharded
        // run combines the whole level in one exchange instead.)
        int batch = 4 * threads;
        for (int from = 0; from < toSplit.length; from += batch) {
          int to = Math.min(toSplit.length, from + batch);
          derive(Arrays.copyOfRange(toSplit, from, to), gh);
          int[] searched = Arrays.copyOfRange(children, 2 * from, 2 * to);
          evaluate(searched, Arrays.copyOfRange(features, 2 * from, 2 * to));
          for (int nid : searched) {
            release(nid);
          }
        }
      } else {
        derive(toSplit, gh);
        evaluate(children, features);
      }
      level = children;
    }
  }

  private void growLossguide(float[] gh, int[] treeFeatures, List<int[]> levelFeatures, RandomStream rng) {
    PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> {
      int c = Double.compare(best[b].lossChange, best[a].lossChange);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int leaves = 1;
    if (best[0] != null && best[0].feature >= 0) {
      queue.add(0);
    }
    while (!queue.isEmpty()) {
      int nid = queue.poll();
      if (!valid(nid, leaves)) {
        release(nid);
        continue;
      }
      leaves++;
      int[] children = applySplits(new int[] {nid});
      if (p.maxDepth() > 0 && depth[children[0]] >= p.maxDepth()) {
        release(nid);
        continue;
      }
      derive(new int[] {nid}, gh);
      evaluate(children, featureSets(children, treeFeatures, levelFeatures, rng));
      for (int c : children) {
        if (best[c].feature >= 0) {
          queue.add(c);
        } else {
          release(c);
        }
      }
    }
  }

  // ---- node bookkeeping -------------------------------------------------------------------------------------

  private void reset(int capacity) {
    size = 0;
    begin = new int[capacity];
    end = new int[capacity];
    rowsUnder = new long[capacity];
    sumG = new double[capacity];
    sumH = new double[capacity];
    depth = new int[capacity];
    lower = new double[capacity];
    upper = new double[capacity];
    hist = new long[capacity][];
    present = new long[capacity][];
    path = new int[capacity][];
    best = new Split[capacity];
    left = new int[capacity];
    right = new int[capacity];
    parent = new int[capacity];
    createdAt = new int[capacity];
    unmoved = new boolean[capacity];
    rowsAt.resetPartitions();
  }

  private int newNode(int b, int e, int d, double lo, double hi, int par, int[] pathFeatures) {
    if (size == begin.length) {
      int cap = size * 2;
      begin = Arrays.copyOf(begin, cap);
      end = Arrays.copyOf(end, cap);
      rowsUnder = Arrays.copyOf(rowsUnder, cap);
      sumG = Arrays.copyOf(sumG, cap);
      sumH = Arrays.copyOf(sumH, cap);
      depth = Arrays.copyOf(depth, cap);
      lower = Arrays.copyOf(lower, cap);
      upper = Arrays.copyOf(upper, cap);
      hist = Arrays.copyOf(hist, cap);
      present = Arrays.copyOf(present, cap);
      path = Arrays.copyOf(path, cap);
      best = Arrays.copyOf(best, cap);
      left = Arrays.copyOf(left, cap);
      right = Arrays.copyOf(right, cap);
      parent = Arrays.copyOf(parent, cap);
      createdAt = Arrays.copyOf(createdAt, cap);
      unmoved = Arrays.copyOf(unmoved, cap);
    }
    int id = size++;
    begin[id] = b;
    end[id] = e;
    rowsUnder[id] = e - b;
    depth[id] = d;
    lower[id] = lo;
    upper[id] = hi;
    parent[id] = par;
    createdAt[id] = par < 0 ? 0 : rowsAt.partitions() + 1;
    unmoved[id] = false;
    left[id] = -1;
    right[id] = -1;
    path[id] = pathFeatures;
    hist[id] = null;
    present[id] = null;
    best[id] = null;
    return id;
  }

  private void release(int nid) {
    if (hist[nid] != null) {
      histograms.recycle(hist[nid]);
      hist[nid] = null;
    }
  }

  /** The tree's gradient and hessian totals in fixed point. */
  private long[] rootSums(float[] gh, int count) {
    float[] curGh = rowsAt.gradients();
    int[] rows = rowsAt.rows();
    boolean positional = curGh != null;
    float[] src = positional ? curGh : gh;
    double sg = scaleG;
    double sh = scaleH;
    int chunks = Math.max(1, Math.min(threads * 4, count / MIN_CHUNK));
    long[][] part = new long[chunks][2];
    PoolTasks.run(pool, chunks, c -> {
      int b = PoolTasks.chunkStart(count, c, chunks);
      int e = PoolTasks.chunkStart(count, c + 1, chunks);
      long g = 0;
      long h = 0;
      for (int i = b; i < e; i++) {
        int r = positional ? i : rows[i];
        g += (long) (src[2 * r] * sg);
        h += (long) (src[2 * r + 1] * sh);
      }
      part[c][0] = g;
      part[c][1] = h;
    });
    long g = 0;
    long h = 0;
    for (long[] t : part) {
      g += t[0];
      h += t[1];
    }
    return new long[] {g, h, count};
  }

  // ---- splitting --------------------------------------------------------------------------------------------

  /** Allocates the children of each node (XGBoost order: left then right) and partitions their rows. */
  private int[] applySplits(int[] nodes) {
    int[] children = new int[2 * nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      int nid = nodes[i];
      Split s = best[nid];
      double wl = p.weight(s.gl, s.hl, lower[nid], upper[nid]);
      double wr = p.weight(s.gr, s.hr, lower[nid], upper[nid]);
      double loL = lower[nid];
      double hiL = upper[nid];
      double loR = lower[nid];
      double hiR = upper[nid];
      int c = p.monotone(s.feature);
      if (c != 0) {
        double mid = (wl + wr) / 2;
        if (c > 0) {
          hiL = mid;
          loR = mid;
        } else {
          loL = mid;
          hiR = mid;
        }
      }
      int[] childPath = path[nid];
      if (!p.interactions().isEmpty() && Arrays.binarySearch(childPath, s.feature) < 0) {
        childPath = Arrays.copyOf(childPath, childPath.length + 1);
        childPath[childPath.length - 1] = s.feature;
        Arrays.sort(childPath);
      }
      int l = newNode(begin[nid], begin[nid], depth[nid] + 1, loL, hiL, nid, childPath);
      int r = newNode(begin[nid], end[nid], depth[nid] + 1, loR, hiR, nid, childPath);
      left[nid] = l;
      right[nid] = r;
      sumG[l] = s.gl;
      sumH[l] = s.hl;
      sumG[r] = s.gr;
      sumH[r] = s.hr;
      children[2 * i] = l;
      children[2 * i + 1] = r;
    }
    partitionAll(nodes);
    return children;
  }

  /**
   * Partitions every split node's rows, left rows first ({@link RowPartition}). Children at the depth limit are
   * leaves: their rows are only marked (the leaves share the parent's range, see {@link Result}), which saves moving
   * a whole level of rows.
   */
  private void partitionAll(int[] nodes) {
    List<int[]> items = rowsAt.mark(nodes, best, begin, end);
    if (p.maxDepth() > 0 && depth[nodes[0]] + 1 >= p.maxDepth()) {
      for (int nid : nodes) {
        for (int c : new int[] {left[nid], right[nid]}) {
          begin[c] = begin[nid];
          end[c] = end[nid];
          createdAt[c] = createdAt[nid];
          unmoved[c] = true;
        }
      }
      return;
    }
    rowsAt.move(nodes, items, begin, end, left, right);
    for (int nid : nodes) {
      rowsUnder[left[nid]] = end[left[nid]] - begin[left[nid]];
      rowsUnder[right[nid]] = end[right[nid]] - begin[right[nid]];
    }
  }

  /**
   * The split nodes' children's histograms: the smaller child built and its sibling derived from the parent by
   * subtraction. In a sharded run the children's row counts and the built histograms are combined across shards in
   * one exchange, and "smaller" is by the split's hessian sums, which every shard knows before it counts.
   */
  private void derive(int[] splitNodes, float[] gh) {
    int[] small = new int[splitNodes.length];
    for (int i = 0; i < splitNodes.length; i++) {
      int nid = splitNodes[i];
      int l = left[nid];
      int r = right[nid];
      small[i] = allreduce.isLocal() ? (rowsUnder[l] <= rowsUnder[r] ? l : r) : (best[nid].hl <= best[nid].hr ? l : r);
    }
    histograms.derive(splitNodes, small, left, right, begin, end, hist, present, gh, rowsAt.rows(),
        allreduce.isLocal() ? null : built -> combine(splitNodes, built));
  }

  /** Replaces the children's shard-local row counts and built histograms by their sums over every shard. */
  private void combine(int[] splitNodes, int[] built) {
    int len = 2 * data.totalSlots;
    int k = 2 * splitNodes.length;
    long[] local = new long[k + built.length * len];
    for (int i = 0; i < splitNodes.length; i++) {
      local[2 * i] = rowsUnder[left[splitNodes[i]]];
      local[2 * i + 1] = rowsUnder[right[splitNodes[i]]];
    }
    for (int i = 0; i < built.length; i++) {
      System.arraycopy(hist[built[i]], 0, local, k + i * len, len);
    }
    long[] total = allreduce.sum(local);
    for (int i = 0; i < splitNodes.length; i++) {
      rowsUnder[left[splitNodes[i]]] = total[2 * i];
      rowsUnder[right[splitNodes[i]]] = total[2 * i + 1];
    }
    for (int i = 0; i < built.length; i++) {
      System.arraycopy(total, k + i * len, hist[built[i]], 0, len);
    }
  }

  // ---- split search -----------------------------------------------------------------------------------------

  /**
   * The features each node may split on: the tree's sample, sampled again per level and per node, restricted by
   * interaction constraints. Drawn sequentially so the random stream does not depend on thread timing.
   */
  private int[][] featureSets(int[] nodes, int[] treeFeatures, List<int[]> levelFeatures, RandomStream rng) {
    int[][] out = new int[nodes.length][];
    for (int i = 0; i < nodes.length; i++) {
      int d = depth[nodes[i]];
      while (levelFeatures.size() <= d) {
        levelFeatures.add(FeatureSampling.sample(treeFeatures, p.colsampleBylevel(), rng));
      }
      int[] set = FeatureSampling.sample(levelFeatures.get(d), p.colsampleBynode(), rng);
      out[i] = FeatureSampling.allowedByInteractions(set, path[nodes[i]], p.interactions(), data.features);
    }
    return out;
  }

  private void evaluate(int[] nodes, int[][] sampled) {
    // Sparse nodes search only the features present among their rows: with 10^5 columns most are absent deeper down.
    int[][] features = new int[nodes.length][];
    List<int[]> items = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      features[i] = present[nodes[i]] == null ? sampled[i] : presentAmong(sampled[i], present[nodes[i]]);
      for (int b = 0; b < features[i].length; b += FEATURE_BLOCK) {
        items.add(new int[] {i, b, Math.min(features[i].length, b + FEATURE_BLOCK)});
      }
    }
    Split[] found = new Split[items.size()];
    PoolTasks.run(pool, items.size(), k -> {
      int[] it = items.get(k);
      int nid = nodes[it[0]];
      Split s = new Split();
      double rootGain = p.gain(sumG[nid], sumH[nid], p.weight(sumG[nid], sumH[nid], lower[nid], upper[nid]),
          constrained);
      for (int j = it[1]; j < it[2]; j++) {
        int f = features[it[0]][j];
        int n = (int) Math.min(Integer.MAX_VALUE, rowsUnder[nid]);
        if (data.cuts.isCategorical(f)) {
          search.categorical(hist[nid], sumG[nid], sumH[nid], n, f, rootGain, s);
        } else {
          search.numerical(hist[nid], sumG[nid], sumH[nid], lower[nid], upper[nid], n, f, rootGain, s);
        }
      }
      found[k] = s;
    });
    for (int nid : nodes) {
      best[nid] = new Split();
    }
    for (int k = 0; k < items.size(); k++) {
      best[nodes[items.get(k)[0]]].merge(found[k]);
    }
  }

  /** The features of an ascending list whose bit is set, in order; every feature's set bits when the list is all. */
  private int[] presentAmong(int[] features, long[] bits) {
    int count = 0;
    if (features.length == data.features) {
      for (long w : bits) {
        count += Long.bitCount(w);
      }
      int[] out = new int[count];
      int k = 0;
      for (int word = 0; word < bits.length; word++) {
        for (long w = bits[word]; w != 0; w &= w - 1) {
          out[k++] = word << 6 | Long.numberOfTrailingZeros(w);
        }
      }
      return out;
    }
    int[] out = new int[features.length];
    for (int f : features) {
      if ((bits[f >>> 6] & 1L << f) != 0) {
        out[count++] = f;
      }
    }
    return Arrays.copyOf(out, count);
  }

  // ---- output -----------------------------------------------------------------------------------------------

  private Tree toTree() {
    int n = size;
    int[] feat = new int[n];
    float[] value = new float[n];
    boolean[] dl = new boolean[n];
    float[] leaf = new float[n];
    float[] loss = new float[n];
    float[] cover = new float[n];
    float[] bw = new float[n];
    int[] bin = new int[n];
    long[][] cats = null;
    for (int i = 0; i < n; i++) {
      double w = p.weight(sumG[i], sumH[i], lower[i], upper[i]);
      bw[i] = (float) w;
      cover[i] = (float) sumH[i];
      if (left[i] >= 0) {
        Split s = best[i];
        feat[i] = s.feature;
        value[i] = s.value;
        dl[i] = s.defaultLeft;
        loss[i] = (float) s.lossChange;
        bin[i] = s.bin;
        if (s.leftBins != null) {
          value[i] = 0;
          java.util.BitSet set = new java.util.BitSet();
          for (int b = 0; b < s.leftBins.length - 1; b++) {
            if (s.leftBins[b]) {
              set.set(data.cuts.category(s.feature, b));
            }
          }
          cats = cats == null ? new long[n][] : cats;
          cats[i] = set.toLongArray();
        }
      } else {
        leaf[i] = (float) (w * p.eta());
      }
    }
    return new Tree(Arrays.copyOf(left, n), Arrays.copyOf(right, n), Arrays.copyOf(parent, n), feat, value, dl,
        leaf, loss, cover, bw, bin, cats);
  }
}

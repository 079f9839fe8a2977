package dev.sagemill.algo.gbdt.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * A tree's gradient histograms: per node, per feature bin, the fixed-point sums of its rows' gradients and hessians
 * (two longs a bin), built from the rows in parallel work items added in a fixed order (so sums depend neither on
 * scheduling nor on the thread count), derived for the larger child by subtraction from the parent, and recycled
 * within a tree. Dense rows read the binned matrix and the gradients by position; sparse rows their stored slots.
 *
 * <p>Not thread-safe: one grower's.
 */
final class Histograms {
  /** Rows per histogram work item below which a node is not split across threads. */
  private static final int MIN_CHUNK = 16_384;

  private final BinnedData data;
  private final ForkJoinPool pool;
  private final int threads;
  private final int[] slotFeature;
  private final byte[] cur8;
  private final char[] cur16;
  private final float[] curGh;
  private final ArrayDeque<long[]> free = new ArrayDeque<>();
  private double scaleG;
  private double scaleH;

  /**
   * @param data the binned rows
   * @param pool threads
   * @param slotFeature (sparse data) the feature of each histogram slot, else null
   * @param cur8 (dense data) one-byte bins by position, else null
   * @param cur16 (dense data) two-byte bins by position, else null
   * @param curGh (dense data) the tree's gradient pairs by position, else null
   */
  Histograms(BinnedData data, ForkJoinPool pool, int[] slotFeature, byte[] cur8, char[] cur16, float[] curGh) {
    this.data = data;
    this.pool = pool;
    this.threads = pool.getParallelism();
    this.slotFeature = slotFeature;
    this.cur8 = cur8;
    this.cur16 = cur16;
    this.curGh = curGh;
  }

  /**
   * The tree's fixed-point scales (powers of two): a gradient times its scale is the long that is summed.
   *
   * @param scaleG the gradients' scale
   * @param scaleH the hessians' scale
   */
  void setScales(double scaleG, double scaleH) {
    this.scaleG = scaleG;
    this.scaleH = scaleH;
  }

  /** @return a zeroed histogram, recycled when one is free */
  long[] take() {
    long[] h = free.poll();
    if (h == null) {
      return new long[2 * data.totalSlots];
    }
    java.util.Arrays.fill(h, 0);
    return h;
  }

  /** @param h a histogram no node uses any more */
  void recycle(long[] h) {
    free.push(h);
  }

  /** Drops the recycled histograms (between trees, so a tree's peak memory is its own). */
  void clear() {
    free.clear();
  }

  /**
   * Builds one child of each split node (the smaller, as the caller chose) and derives its sibling by subtraction
   * from the parent, whose histogram the sibling takes over.
   *
   * @param splitNodes the nodes just split
   * @param small the child of each whose histogram is built from its rows
   * @param left each node's left child
   * @param right each node's right child
   * @param begin each node's first position
   * @param end each node's end position (exclusive)
   * @param hist each node's histogram, written
   * @param present (sparse data) each node's present features, written
   * @param gh gradient pairs by row (sparse data)
   * @param rows row ids by position
   * @param combine in a sharded run, replaces the built children's histograms by their sums over every shard;
   *     null on one machine
   */
  void derive(int[] splitNodes, int[] small, int[] left, int[] right, int[] begin, int[] end, long[][] hist,
      long[][] present, float[] gh, int[] rows, java.util.function.Consumer<int[]> combine) {
    build(small, begin, end, hist, present, gh, rows);
    if (combine != null) {
      combine.accept(small);
    }
    PoolTasks.run(pool, splitNodes.length, i -> {
      int nid = splitNodes[i];
      int s = small[i];
      int big = s == left[nid] ? right[nid] : left[nid];
      long[] ph = hist[nid];
      long[] sh = hist[s];
      for (int k = 0; k < ph.length; k++) {
        ph[k] -= sh[k];
      }
      hist[big] = ph;
      hist[nid] = null;
      present[big] = present[nid];
    });
  }

  /**
   * Builds the nodes' histograms from their rows, in parallel work items whose partial sums are added in a fixed
   * order.
   *
   * @param nodes the nodes
   * @param begin each node's first position
   * @param end each node's end position (exclusive)
   * @param hist each node's histogram, written
   * @param present (sparse data) each node's present features, written
   * @param gh gradient pairs by row (sparse data)
   * @param rows row ids by position
   */
  void build(int[] nodes, int[] begin, int[] end, long[][] hist, long[][] present, float[] gh, int[] rows) {
    // Work items: (node, row chunk, feature range). Chunk 0 accumulates into the node's histogram, others into
    // temporaries that are added afterwards in chunk order, so sums do not depend on scheduling. A dense node too
    // small to cut into row chunks is cut into feature ranges instead, which write disjoint parts of its histogram:
    // best-first growth splits one node at a time, and its deep nodes would otherwise keep one thread busy.
    List<int[]> items = new ArrayList<>();
    List<long[]> targets = new ArrayList<>();
    List<long[]> seen = new ArrayList<>();
    boolean sparse = data.isSparse();
    int words = (data.features + 63) >>> 6;
    int[] firstItem = new int[nodes.length + 1];
    for (int i = 0; i < nodes.length; i++) {
      int nid = nodes[i];
      hist[nid] = take();
      int n = end[nid] - begin[nid];
      int chunks = Math.max(1, Math.min(threads, n / MIN_CHUNK));
      firstItem[i] = items.size();
      int d = data.features;
      int ranges = chunks == 1 && !sparse && nodes.length < threads && n >= MIN_CHUNK / 4 ? Math.min(threads, d) : 1;
      for (int c = 0; c < chunks; c++) {
        int b = begin[nid] + PoolTasks.chunkStart(n, c, chunks);
        int e = begin[nid] + PoolTasks.chunkStart(n, c + 1, chunks);
        for (int q = 0; q < ranges; q++) {
          items.add(new int[] {b, e, d * q / ranges, d * (q + 1) / ranges});
          targets.add(c == 0 ? hist[nid] : take());
          seen.add(sparse ? new long[words] : null);
        }
      }
    }
    firstItem[nodes.length] = items.size();
    PoolTasks.run(pool, items.size(), k -> {
      int[] it = items.get(k);
      accumulate(it[0], it[1], it[2], it[3], gh, rows, targets.get(k), seen.get(k));
    });
    for (int i = 0; i < nodes.length; i++) {
      if (sparse) {
        long[] bits = seen.get(firstItem[i]);
        for (int k = firstItem[i] + 1; k < firstItem[i + 1]; k++) {
          long[] more = seen.get(k);
          for (int w = 0; w < words; w++) {
            bits[w] |= more[w];
          }
        }
        present[nodes[i]] = bits;
      }
      long[] h = hist[nodes[i]];
      for (int k = firstItem[i] + 1; k < firstItem[i + 1]; k++) {
        long[] t = targets.get(k);
        if (t != h) {
          for (int j = 0; j < h.length; j++) {
            h[j] += t[j];
          }
          free.push(t);
        }
      }
    }
  }

  /** Adds rows [b, e) to a histogram; dense rows only their features [f0, f1), sparse rows all of theirs. */
  private void accumulate(int b, int e, int f0, int f1, float[] gh, int[] rows, long[] h, long[] seen) {
    int[] off = data.slotOffsets;
    int d = data.features;
    double sg = scaleG;
    double sh = scaleH;
    if (cur8 != null) {
      byte[] bins = cur8;
      float[] g2 = curGh;
      for (int i = b; i < e; i++) {
        long g = (long) (g2[2 * i] * sg);
        long hs = (long) (g2[2 * i + 1] * sh);
        int base = i * d;
        for (int f = f0; f < f1; f++) {
          int s = (off[f] + (bins[base + f] & 0xFF)) << 1;
          h[s] += g;
          h[s + 1] += hs;
        }
      }
    } else if (cur16 != null) {
      char[] bins = cur16;
      float[] g2 = curGh;
      for (int i = b; i < e; i++) {
        long g = (long) (g2[2 * i] * sg);
        long hs = (long) (g2[2 * i + 1] * sh);
        int base = i * d;
        for (int f = f0; f < f1; f++) {
          int s = (off[f] + bins[base + f]) << 1;
          h[s] += g;
          h[s + 1] += hs;
        }
      }
    } else {
      int[] idx = rows;
      int[] ptr = data.rowPtr;
      int[] slots = data.sparseSlots;
      for (int i = b; i < e; i++) {
        int r = idx[i];
        long g = (long) (gh[2 * r] * sg);
        long hs = (long) (gh[2 * r + 1] * sh);
        for (int j = ptr[r]; j < ptr[r + 1]; j++) {
          int s = slots[j] << 1;
          h[s] += g;
          h[s + 1] += hs;
          int f = slotFeature[slots[j]];
          seen[f >>> 6] |= 1L << f;
        }
      }
    }
  }
}

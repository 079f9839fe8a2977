package dev.sagemill.algo.gbdt.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Where a tree's rows are: row ids by position (each node a contiguous run), and for dense data the binned matrix's
 * rows and the tree's gradients moved along with them, so a node's rows are read in order. Splitting marks which way
 * each row goes ({@code goesLeft}) and moves them: dense rows in place, exchanging the k-th misplaced row of each side
 * with the k-th of the other (only the misplaced rows are touched), sparse row ids stably into a second id array that
 * is swapped in after every level. Work is cut into chunks and runs that do not depend on the thread count.
 *
 * <p>Not thread-safe: one grower's.
 */
final class RowPartition {
  /** Rows per work item below which a node is not split across threads. */
  private static final int MIN_CHUNK = 16_384;

  private final BinnedData data;
  private final ForkJoinPool pool;
  private final int threads;
  private final boolean lossguide;
  private final byte[] goesLeft;
  // Row ids by position: for dense data the data's own map, for sparse data the tree's rows and the partition's
  // target, swapped after every level.
  private int[] rows;
  private int[] nextRows;
  // Dense data: the bins (one or two bytes per cell, the data's arrays) and the tree's gradients by position.
  private final byte[] cur8;
  private final char[] cur16;
  private final float[] curGh;
  private int partitions;

  /**
   * @param data the binned rows
   * @param pool threads
   * @param lossguide whether the tree grows best-first (one node split at a time)
   */
  RowPartition(BinnedData data, ForkJoinPool pool, boolean lossguide) {
    this.data = data;
    this.pool = pool;
    this.threads = pool.getParallelism();
    this.lossguide = lossguide;
    this.goesLeft = new byte[data.rows];
    boolean dense = !data.isSparse();
    this.rows = dense ? data.positionsToRows() : new int[data.rows];
    this.nextRows = dense ? null : new int[data.rows];
    this.cur8 = data.bins8;
    this.cur16 = data.bins16;
    this.curGh = dense ? new float[2 * data.rows] : null;
  }

  /** @return row ids by position (the current array; valid until the next partition) */
  int[] rows() {
    return rows;
  }

  /** @return per position, 1 when the row goes left at the last split that marked it */
  byte[] goesLeft() {
    return goesLeft;
  }

  /** @return (dense data) the tree's gradient pairs by position, else null */
  float[] gradients() {
    return curGh;
  }

  /** @return how many sparse partitions swapped the id arrays in this tree */
  int partitions() {
    return partitions;
  }

  /** Starts a tree's count of partitions. */
  void resetPartitions() {
    partitions = 0;
  }

  /**
   * Dense data with a row sample: moves the sampled rows (bins and position map) to the leading positions, swapping
   * each unsampled row among them with a sampled one from behind.
   *
   * @param rowIndex the sampled rows, ascending
   * @param count how many
   */
  void moveSampledFirst(int[] rowIndex, int count) {
    long[] sampled = new long[(data.rows + 63) >>> 6];
    for (int i = 0; i < count; i++) {
      sampled[rowIndex[i] >>> 6] |= 1L << rowIndex[i];
    }
    int d = data.features;
    int i = 0;
    int j = data.rows - 1;
    while (true) {
      while (i < j && (sampled[rows[i] >>> 6] & 1L << rows[i]) != 0) {
        i++;
      }
      while (i < j && (sampled[rows[j] >>> 6] & 1L << rows[j]) == 0) {
        j--;
      }
      if (i >= j) {
        return;
      }
      exchange(i, j, d, false);
    }
  }

  /**
   * Marks which way every row of the split nodes goes, in chunks so that one large node still uses every thread.
   *
   * @param nodes the split nodes
   * @param best each node's split
   * @param begin each node's first position
   * @param end each node's end position (exclusive)
   * @return the marked chunks in node order: node index, first position, end position, left-going rows
   */
  List<int[]> mark(int[] nodes, Split[] best, int[] begin, int[] end) {
    List<int[]> items = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      int nid = nodes[i];
      int n = end[nid] - begin[nid];
      int chunks = Math.max(1, Math.min(threads * 2, n / MIN_CHUNK));
      for (int c = 0; c < chunks; c++) {
        items.add(new int[] {i, begin[nid] + PoolTasks.chunkStart(n, c, chunks),
            begin[nid] + PoolTasks.chunkStart(n, c + 1, chunks), 0});
      }
    }
    PoolTasks.run(pool, items.size(), k -> {
      int[] it = items.get(k);
      it[3] = mark(it[1], it[2], best[nodes[it[0]]]);
    });
    return items;
  }

  /**
   * Moves the marked nodes' rows, left rows first, and sets where each node's children meet: dense rows are
   * exchanged in place ({@link #exchangeMisplaced}), sparse row ids moved stably into the second id array.
   *
   * @param nodes the split nodes
   * @param items their marked chunks, from {@link #mark(int[], Split[], int[], int[])}
   * @param begin each node's first position; the right children's are set
   * @param end each node's end position (exclusive); the left children's are set
   * @param left each node's left child
   * @param right each node's right child
   */
  void move(int[] nodes, List<int[]> items, int[] begin, int[] end, int[] left, int[] right) {
    // Items are in node order: node i's are first[i] to first[i + 1].
    int[] first = new int[nodes.length + 1];
    for (int k = 0; k < items.size(); k++) {
      first[items.get(k)[0] + 1] = k + 1;
    }
    if (curGh != null) {
      exchangeMisplaced(nodes, items, first, begin, end, left, right);
      return;
    }
    // Sparse: offsets per node, left runs in chunk order, then right runs in chunk order.
    int[] leftAt = new int[items.size()];
    int[] rightAt = new int[items.size()];
    for (int i = 0; i < nodes.length; i++) {
      int l = begin[nodes[i]];
      int r = splitChildren(nodes[i], items, first[i], first[i + 1], begin, end, left, right);
      for (int k = first[i]; k < first[i + 1]; k++) {
        int[] it = items.get(k);
        leftAt[k] = l;
        rightAt[k] = r;
        l += it[3];
        r += it[2] - it[1] - it[3];
      }
    }
    PoolTasks.run(pool, items.size(), k -> {
      int[] it = items.get(k);
      int l = leftAt[k];
      int r = rightAt[k];
      for (int i = it[1]; i < it[2]; i++) {
        nextRows[goesLeft[i] != 0 ? l++ : r++] = rows[i];
      }
    });
    if (lossguide) {
      // Best-first growth splits one node at a time while other open nodes keep their rows where they are: copy
      // the split range back instead of swapping the arrays.
      for (int nid : nodes) {
        System.arraycopy(nextRows, begin[nid], rows, begin[nid], end[nid] - begin[nid]);
      }
      return;
    }
    partitions++;
    int[] t = rows;
    rows = nextRows;
    nextRows = t;
  }

  /**
   * Dense in-place partition of marked nodes: in a node whose left-going rows number {@code L}, the k-th right-going
   * row among its first {@code L} positions swaps with the k-th left-going row after them. The pairing does not
   * depend on the thread count; each node's pairs are cut into runs that threads exchange independently, each run
   * starting from positions found through the chunks' counts. Rows take their bins, gradients and position-map
   * entries along (the next tree starts from this order).
   *
   * @param nodes the split nodes
   * @param items marked chunks: node index, first position, end position, left-going rows
   * @param first node i's chunks are {@code first[i]} to {@code first[i + 1]}
   * @param begin each node's first position
   * @param end each node's end position
   * @param left each node's left child
   * @param right each node's right child
   */
  private void exchangeMisplaced(int[] nodes, List<int[]> items, int[] first, int[] begin, int[] end, int[] left,
      int[] right) {
    // A run: node index, index of its first misplaced pair, pair count. Runs find their start in the worker.
    List<int[]> runs = new ArrayList<>();
    int[][] toRightOf = new int[nodes.length][];
    int[][] toLeftOf = new int[nodes.length][];
    int[] midOf = new int[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      int k0 = first[i];
      int k1 = first[i + 1];
      int mid = splitChildren(nodes[i], items, k0, k1, begin, end, left, right);
      // Per chunk: right-going rows before mid (to move right) and left-going rows from mid (to move left).
      int[] toRight = new int[k1 - k0];
      int[] toLeft = new int[k1 - k0];
      int misplaced = 0;
      for (int k = k0; k < k1; k++) {
        int[] it = items.get(k);
        int leftsBefore = it[2] <= mid ? it[3] : it[1] >= mid ? 0 : countLeft(it[1], mid);
        toRight[k - k0] = Math.max(0, Math.min(it[2], mid) - it[1]) - leftsBefore;
        toLeft[k - k0] = it[3] - leftsBefore;
        misplaced += toRight[k - k0];
      }
      toRightOf[i] = toRight;
      toLeftOf[i] = toLeft;
      midOf[i] = mid;
      int parts = Math.max(1, Math.min(threads * 2, misplaced / (MIN_CHUNK / 4)));
      for (int q = 0; q < parts; q++) {
        int from = (int) ((long) misplaced * q / parts);
        int to = (int) ((long) misplaced * (q + 1) / parts);
        if (to > from) {
          runs.add(new int[] {i, from, to - from});
        }
      }
    }
    int d = data.features;
    PoolTasks.run(pool, runs.size(), k -> {
      int[] run = runs.get(k);
      int node = run[0];
      int i = nthMarked(items, first[node], toRightOf[node], run[1], false, midOf[node]);
      int j = nthMarked(items, first[node], toLeftOf[node], run[1], true, midOf[node]);
      // Positions are collected in batches without a branch per row (which way a row goes is a coin flip for
      // the branch predictor), then the batch is swapped.
      int[] from = new int[256];
      int[] to = new int[256];
      for (int remaining = run[2]; remaining > 0; ) {
        int batch = Math.min(from.length, remaining);
        for (int c = 0; c < batch; i++) {
          from[c] = i;
          c += 1 - goesLeft[i];
        }
        for (int c = 0; c < batch; j++) {
          to[c] = j;
          c += goesLeft[j];
        }
        for (int c = 0; c < batch; c++) {
          exchange(from[c], to[c], d, true);
        }
        remaining -= batch;
      }
    });
  }

  /** Swaps the dense rows at two positions: their ids and bins, and with {@code moveGh} their gradients. */
  private void exchange(int a, int b, int d, boolean moveGh) {
    int t = rows[a];
    rows[a] = rows[b];
    rows[b] = t;
    if (moveGh) {
      float g = curGh[2 * a];
      float h = curGh[2 * a + 1];
      curGh[2 * a] = curGh[2 * b];
      curGh[2 * a + 1] = curGh[2 * b + 1];
      curGh[2 * b] = g;
      curGh[2 * b + 1] = h;
    }
    if (cur8 != null) {
      swapBins(cur8, a * d, b * d, d);
    } else {
      for (int f = 0; f < d; f++) {
        char c = cur16[a * d + f];
        cur16[a * d + f] = cur16[b * d + f];
        cur16[b * d + f] = c;
      }
    }
  }

  /**
   * Sets where a split node's children meet from the left-going counts of its marked chunks.
   *
   * @return the first position of the right child
   */
  private static int splitChildren(int nid, List<int[]> items, int k0, int k1, int[] begin, int[] end, int[] left,
      int[] right) {
    int mid = begin[nid];
    for (int k = k0; k < k1; k++) {
      mid += items.get(k)[3];
    }
    end[left[nid]] = mid;
    begin[right[nid]] = mid;
    return mid;
  }

  /** How many of positions [b, e) are marked left. */
  private int countLeft(int b, int e) {
    int n = 0;
    int i = b;
    for (; i + 8 <= e; i += 8) {
      n += marksIn(i);
    }
    for (; i < e; i++) {
      n += goesLeft[i];
    }
    return n;
  }

  /** How many of positions [i, i + 8) are marked left: each holds 0 or 1, so the word's byte sum. */
  private int marksIn(int i) {
    return (int) (((long) LONGS.get(goesLeft, i) * 0x0101010101010101L) >>> 56);
  }

  /**
   * The position of the {@code n}-th (from 0) misplaced row of a node: right-going before {@code mid} when
   * {@code wantLeft} is false, left-going from {@code mid} when true. Whole chunks are skipped by their counts.
   */
  private int nthMarked(List<int[]> items, int k0, int[] counts, int n, boolean wantLeft, int mid) {
    int k = 0;
    while (n >= counts[k]) {
      n -= counts[k];
      k++;
    }
    int[] it = items.get(k0 + k);
    int i = wantLeft ? Math.max(it[1], mid) : it[1];
    int flip = wantLeft ? 0 : 1;
    // Eight positions at a time while the wanted one lies beyond them. A word reaching past the chunk is only
    // skipped when it holds no more matches than remain, which cannot happen if the wanted position is inside it.
    for (; i + 8 <= goesLeft.length; i += 8) {
      int c = wantLeft ? marksIn(i) : 8 - marksIn(i);
      if (c > n) {
        break;
      }
      n -= c;
    }
    for (; ; i++) {
      int match = goesLeft[i] ^ flip;
      if (match != 0 & n == 0) {
        return i;
      }
      n -= match;
    }
  }

  /**
   * A node's row ids sit in the id array that was current right after its creation, and later levels never write its
   * range; sparse leaves created an odd number of partitions ago are therefore in the other array and are copied
   * over once, when the tree is done. Dense partitions and best-first ones work in place.
   *
   * @param size the tree's node count
   * @param left each node's left child, negative for a leaf
   * @param createdAt the partition count at each node's creation
   * @param begin each node's first position
   * @param end each node's end position
   */
  void collectLeafRows(int size, int[] left, int[] createdAt, int[] begin, int[] end) {
    if (curGh != null || lossguide) {
      return;
    }
    for (int nid = 0; nid < size; nid++) {
      if (left[nid] < 0 && (partitions - createdAt[nid]) % 2 != 0) {
        System.arraycopy(nextRows, begin[nid], rows, begin[nid], end[nid] - begin[nid]);
      }
    }
  }

  private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final java.lang.invoke.VarHandle INTS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
      int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Swaps two rows' bins eight bytes at a time (plain unaligned access), then four, then the rest byte by byte (the
   * four-byte step makes 28 features 15% faster to swap than a byte loop for the tail).
   */
  private static void swapBins(byte[] bins, int a, int b, int d) {
    int f = 0;
    for (; f + 8 <= d; f += 8) {
      long t = (long) LONGS.get(bins, a + f);
      LONGS.set(bins, a + f, (long) LONGS.get(bins, b + f));
      LONGS.set(bins, b + f, t);
    }
    if (f + 4 <= d) {
      int t = (int) INTS.get(bins, a + f);
      INTS.set(bins, a + f, (int) INTS.get(bins, b + f));
      INTS.set(bins, b + f, t);
      f += 4;
    }
    for (; f < d; f++) {
      byte t = bins[a + f];
      bins[a + f] = bins[b + f];
      bins[b + f] = t;
    }
  }

  /** Marks in {@code goesLeft} which of rows[b, e) go left; returns how many. */
  private int mark(int b, int e, Split s) {
    if (s.leftBins != null) {
      return markCategorical(b, e, s);
    }
    int f = s.feature;
    int t = s.bin;
    boolean dl = s.defaultLeft;
    int count = 0;
    if (cur8 != null) {
      byte[] bins = cur8;
      int d = data.features;
      int missing = data.cuts.bins(f);
      for (int i = b; i < e; i++) {
        int code = bins[i * d + f] & 0xFF;
        boolean l = code == missing ? dl : code <= t;
        goesLeft[i] = (byte) (l ? 1 : 0);
        count += l ? 1 : 0;
      }
    } else if (cur16 != null) {
      char[] bins = cur16;
      int d = data.features;
      int missing = data.cuts.bins(f);
      for (int i = b; i < e; i++) {
        int code = bins[i * d + f];
        boolean l = code == missing ? dl : code <= t;
        goesLeft[i] = (byte) (l ? 1 : 0);
        count += l ? 1 : 0;
      }
    } else {
      int lo = data.slotOffsets[f];
      int hi = data.slotOffsets[f + 1];
      int[] ptr = data.rowPtr;
      int[] slots = data.sparseSlots;
      for (int i = b; i < e; i++) {
        int r = rows[i];
        int k = Arrays.binarySearch(slots, ptr[r], ptr[r + 1], lo);
        int pos = k >= 0 ? k : -k - 1;
        boolean l = pos >= ptr[r + 1] || slots[pos] >= hi ? dl : slots[pos] - lo <= t;
        goesLeft[i] = (byte) (l ? 1 : 0);
        count += l ? 1 : 0;
      }
    }
    return count;
  }

  /** {@link #mark} for a categorical split: a row goes left iff its bin is one of the split's left bins. */
  private int markCategorical(int b, int e, Split s) {
    int f = s.feature;
    boolean[] lb = s.leftBins;
    int d = data.features;
    int count = 0;
    for (int i = b; i < e; i++) {
      int code;
      if (cur8 != null) {
        code = cur8[i * d + f] & 0xFF;
      } else if (cur16 != null) {
        code = cur16[i * d + f];
      } else {
        code = data.bin(rows[i], f);
        code = code < 0 ? lb.length - 1 : code;
      }
      boolean l = lb[code];
      goesLeft[i] = (byte) (l ? 1 : 0);
      count += l ? 1 : 0;
    }
    return count;
  }
}

package dev.sagemill.algo.knn;

/**
 * Vectors laid out for scanning: grouped into lists (one for a flat index, one per inverted list for IVF), each list
 * starting on a block boundary, every block of {@link #BLOCK} vectors stored transposed, one array of {@code BLOCK}
 * values per dimension, so the kernel's inner loop runs over contiguous vectors and the JIT vectorises it. (The
 * separate arrays matter: HotSpot 17 does not vectorise a loop whose arrays are read at different offsets, since it
 * cannot rule out that they overlap; every array of the kernel is indexed from 0.) The scan accumulates the dot
 * products of up to four queries at once (each stored value is loaded once for four multiply-adds), turns them into
 * scores ({@code ‖x‖² − 2q·x} for L2, {@code −q·x} otherwise; the query's own norm is a constant per query and left
 * out) and offers those under the heap's threshold; a batch of queries is scored block by block, so each block is
 * read from memory once per batch. No allocation per vector or per query.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class VectorBlocks {
  /** Vectors per block. */
  static final int BLOCK = 256;

  final int dim;
  final int count;
  /** Block b's values of dimension p, one per slot of the block, at {@code rows[b * dim + p]}. */
  private final float[][] rows;
  /** Block b's squared norms, one per slot, at {@code norms[b]}. */
  private final float[][] norms;
  /** The id stored at each position, -1 for padding. */
  final int[] ids;
  private final int[] posOf;
  private final int[] listStart;
  private final int[] listEnd;

  /**
   * @param vectors {@code count × dim}, row-major, indexed by id
   * @param count vectors
   * @param dim values per vector
   * @param listOf the list of each vector (all 0 for one list)
   * @param lists the number of lists
   */
  VectorBlocks(float[] vectors, int count, int dim, int[] listOf, int lists) {
    this.dim = dim;
    this.count = count;
    int[] sizes = new int[lists];
    for (int i = 0; i < count; i++) {
      sizes[listOf[i]]++;
    }
    listStart = new int[lists];
    listEnd = new int[lists];
    int pos = 0;
    for (int l = 0; l < lists; l++) {
      listStart[l] = pos;
      listEnd[l] = pos + sizes[l];
      pos += (sizes[l] + BLOCK - 1) / BLOCK * BLOCK;
    }
    int slots = Math.max(pos, BLOCK);
    rows = new float[Math.multiplyExact(slots / BLOCK, dim)][BLOCK];
    norms = new float[slots / BLOCK][BLOCK];
    ids = new int[slots];
    java.util.Arrays.fill(ids, -1);
    posOf = new int[count];
    int[] fill = listStart.clone();
    for (int i = 0; i < count; i++) {
      int p = fill[listOf[i]]++;
      posOf[i] = p;
      ids[p] = i;
      int first = p / BLOCK * dim;
      double n = 0;
      for (int q = 0; q < dim; q++) {
        float v = vectors[i * dim + q];
        rows[first + q][p % BLOCK] = v;
        n += (double) v * v;
      }
      norms[p / BLOCK][p % BLOCK] = (float) n;
    }
  }

  /** @return the number of lists */
  int lists() {
    return listStart.length;
  }

  /** @return the number of vectors in a list */
  int listSize(int list) {
    return listEnd[list] - listStart[list];
  }

  /** @return the storage position of vector id (a list's vectors are at consecutive positions) */
  int position(int id) {
    return posOf[id];
  }

  /** @return the first storage position of a list */
  int listStart(int list) {
    return listStart[list];
  }

  /**
   * Copies a stored vector out.
   *
   * @param id the vector's id
   * @param out receives {@code dim} values
   */
  void copy(int id, float[] out) {
    int p = posOf[id];
    int first = p / BLOCK * dim;
    for (int q = 0; q < dim; q++) {
      out[q] = rows[first + q][p % BLOCK];
    }
  }

  /**
   * Scans a list for a batch of queries. Each block of stored vectors is scored against every query of the batch
   * while it is in cache, four queries at a time, so a batch of many queries reads the stored vectors from memory
   * once instead of once per four queries; each query's candidates and their order are those of scanning it alone.
   *
   * @param queries query values, row-major, {@code dim} per query, starting at query {@code q0}
   * @param q0 the first query's row in {@code queries}
   * @param nq the number of queries (at least 1)
   * @param euclidean rank by ‖x‖² − 2q·x, else by −q·x
   * @param list the list to scan
   * @param tops the heaps of the queries (index i for query {@code q0 + i})
   * @param dots scratch from {@link #scratch()}
   */
  void scan(float[] queries, int q0, int nq, boolean euclidean, int list, TopK[] tops, float[][] dots) {
    for (int start = listStart[list]; start < listEnd[list]; start += BLOCK) {
      int n = Math.min(BLOCK, listEnd[list] - start);
      for (int i = 0; i < nq; i += 4) {
        scanBlock(queries, q0 + i, Math.min(4, nq - i), euclidean, start, n, tops, i, dots);
      }
    }
  }

  /** Scores the block at {@code start} ({@code n} vectors) for up to four queries and offers the scores. */
  private void scanBlock(float[] queries, int q0, int nq, boolean euclidean, int start, int n, TopK[] tops,
      int firstTop, float[][] dots) {
    int first = start / BLOCK * dim;
    if (nq == 4) {
      float[] d0 = dots[0];
      float[] d1 = dots[1];
      float[] d2 = dots[2];
      float[] d3 = dots[3];
      java.util.Arrays.fill(d0, 0, n, 0f);
      java.util.Arrays.fill(d1, 0, n, 0f);
      java.util.Arrays.fill(d2, 0, n, 0f);
      java.util.Arrays.fill(d3, 0, n, 0f);
      int a = q0 * dim;
      for (int p = 0; p < dim; p++) {
        float x0 = queries[a + p];
        float x1 = queries[a + dim + p];
        float x2 = queries[a + 2 * dim + p];
        float x3 = queries[a + 3 * dim + p];
        float[] row = rows[first + p];
        for (int j = 0; j < n; j++) {
          float v = row[j];
          d0[j] += x0 * v;
          d1[j] += x1 * v;
          d2[j] += x2 * v;
          d3[j] += x3 * v;
        }
      }
    } else {
      for (int i = 0; i < nq; i++) {
        float[] d = dots[i];
        java.util.Arrays.fill(d, 0, n, 0f);
        int a = (q0 + i) * dim;
        for (int p = 0; p < dim; p++) {
          float x = queries[a + p];
          if (x == 0f) {
            continue;
          }
          float[] row = rows[first + p];
          for (int j = 0; j < n; j++) {
            d[j] += x * row[j];
          }
        }
      }
    }
    float[] blockNorms = norms[start / BLOCK];
    for (int i = 0; i < nq; i++) {
      TopK top = tops[firstTop + i];
      float[] d = dots[i];
      if (euclidean) {
        for (int j = 0; j < n; j++) {
          d[j] = blockNorms[j] - 2f * d[j];
        }
      } else {
        for (int j = 0; j < n; j++) {
          d[j] = -d[j];
        }
      }
      float limit = top.threshold();
      for (int j = 0; j < n; j++) {
        if (d[j] <= limit) {
          top.offer(d[j], ids[start + j]);
          limit = top.threshold();
        }
      }
    }
  }

  /** @return scratch for {@link #scan}: four arrays of {@code BLOCK} floats */
  static float[][] scratch() {
    return new float[4][BLOCK];
  }

  /**
   * The exact distance from a query to a stored vector, in double.
   *
   * @param metric the metric
   * @param q the query
   * @param id the vector's id
   * @return the distance
   */
  double exact(Metric metric, float[] q, int id) {
    int p = posOf[id];
    int first = p / BLOCK * dim;
    double s = 0;
    for (int k = 0; k < dim; k++) {
      double x = rows[first + k][p % BLOCK];
      s += metric == Metric.L2 ? (q[k] - x) * (q[k] - x) : q[k] * x;
    }
    return metric == Metric.L2 ? s : metric == Metric.COSINE ? 1 - s : -s;
  }
}

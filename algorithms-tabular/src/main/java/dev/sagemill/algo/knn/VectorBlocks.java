package dev.sagemill.algo.knn;

/**
 * Vectors laid out for scanning: grouped into lists (one for a flat index, one per inverted list for IVF), each list
 * starting on a block boundary, every block of {@link #BLOCK} vectors stored transposed ({@code dim × BLOCK}), so the
 * kernel's inner loop runs over contiguous vectors and the JIT vectorises it. The scan accumulates the dot products
 * of up to four queries at once (each stored value is loaded once for four multiply-adds), turns them into scores
 * ({@code ‖x‖² − 2q·x} for L2, {@code −q·x} otherwise; the query's own norm is a constant per query and left out) and
 * offers those under the heap's threshold. No allocation per vector or per query.
 *
 * <p>Immutable after construction and thread-safe.
 */
final class VectorBlocks {
  /** Vectors per block. */
  static final int BLOCK = 128;

  final int dim;
  final int count;
  private final float[] t;
  private final float[] norms;
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
    t = new float[Math.multiplyExact(slots, dim)];
    norms = new float[slots];
    ids = new int[slots];
    java.util.Arrays.fill(ids, -1);
    posOf = new int[count];
    int[] fill = listStart.clone();
    for (int i = 0; i < count; i++) {
      int p = fill[listOf[i]]++;
      posOf[i] = p;
      ids[p] = i;
      int base = p / BLOCK * BLOCK * dim + p % BLOCK;
      double n = 0;
      for (int q = 0; q < dim; q++) {
        float v = vectors[i * dim + q];
        t[base + q * BLOCK] = v;
        n += (double) v * v;
      }
      norms[p] = (float) n;
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
    int base = p / BLOCK * BLOCK * dim + p % BLOCK;
    for (int q = 0; q < dim; q++) {
      out[q] = t[base + q * BLOCK];
    }
  }

  /**
   * Scans a list for up to four queries.
   *
   * @param queries {@code nq × dim} query values, row-major, starting at query {@code q0}
   * @param q0 the first query's row in {@code queries}
   * @param nq 1 to 4
   * @param euclidean rank by ‖x‖² − 2q·x, else by −q·x
   * @param list the list to scan
   * @param tops the heaps of the queries (index i for query {@code q0 + i})
   * @param dots scratch of at least {@code 4 × BLOCK} floats
   */
  void scan(float[] queries, int q0, int nq, boolean euclidean, int list, TopK[] tops, float[] dots) {
    for (int start = listStart[list]; start < listEnd[list]; start += BLOCK) {
      int n = Math.min(BLOCK, listEnd[list] - start);
      int base = start * dim;
      java.util.Arrays.fill(dots, 0, 4 * BLOCK, 0f);
      if (nq == 4) {
        int a = q0 * dim;
        for (int p = 0; p < dim; p++) {
          float x0 = queries[a + p];
          float x1 = queries[a + dim + p];
          float x2 = queries[a + 2 * dim + p];
          float x3 = queries[a + 3 * dim + p];
          int tp = base + p * BLOCK;
          for (int j = 0; j < BLOCK; j++) {
            float v = t[tp + j];
            dots[j] += x0 * v;
            dots[BLOCK + j] += x1 * v;
            dots[2 * BLOCK + j] += x2 * v;
            dots[3 * BLOCK + j] += x3 * v;
          }
        }
      } else {
        for (int i = 0; i < nq; i++) {
          int a = (q0 + i) * dim;
          int o = i * BLOCK;
          for (int p = 0; p < dim; p++) {
            float x = queries[a + p];
            if (x == 0f) {
              continue;
            }
            int tp = base + p * BLOCK;
            for (int j = 0; j < BLOCK; j++) {
              dots[o + j] += x * t[tp + j];
            }
          }
        }
      }
      for (int i = 0; i < nq; i++) {
        TopK top = tops[i];
        float limit = top.threshold();
        int o = i * BLOCK;
        for (int j = 0; j < n; j++) {
          float s = euclidean ? norms[start + j] - 2f * dots[o + j] : -dots[o + j];
          if (s <= limit) {
            top.offer(s, ids[start + j]);
            limit = top.threshold();
          }
        }
      }
    }
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
    int base = p / BLOCK * BLOCK * dim + p % BLOCK;
    double s = 0;
    for (int k = 0; k < dim; k++) {
      double x = t[base + k * BLOCK];
      s += metric == Metric.L2 ? (q[k] - x) * (q[k] - x) : q[k] * x;
    }
    return metric == Metric.L2 ? s : metric == Metric.COSINE ? 1 - s : -s;
  }
}

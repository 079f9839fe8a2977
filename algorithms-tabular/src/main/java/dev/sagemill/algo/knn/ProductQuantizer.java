package dev.sagemill.algo.knn;

import dev.sagemill.core.cluster.LocalLloyd;
import dev.sagemill.core.random.RandomStream;
import java.util.concurrent.ForkJoinPool;

/**
 * Jégou, Douze and Schmid's product quantizer: a vector of {@code dim} values is cut into {@code m} sub-vectors of
 * {@code dim / m}, each replaced by the index (one byte) of its nearest centroid among {@code ksub ≤ 256} learned by
 * k-means on that sub-space. A query is compared to codes by asymmetric distance computation: one lookup table of
 * {@code m × ksub} partial distances per query (and inverted list), then {@code m} table lookups per code.
 *
 * <p>Immutable and thread-safe.
 */
final class ProductQuantizer {
  final int dim;
  final int m;
  final int dsub;
  final int ksub;
  /** {@code m × ksub × dsub} centroids. */
  final float[] codebooks;
  /**
   * The same centroids transposed, {@code [s * dsub + p][j]}: coordinate p of sub-space s's centroid j, so the
   * distance loops run over the centroids with every array indexed from 0 (HotSpot 17 vectorises only those).
   */
  private final float[][] byCoordinate;
  /** Per thread: the squared distances of one sub-vector to every centroid. */
  private final ThreadLocal<double[]> distances;
  /** Per thread: one sub-space's part of a lookup table. */
  private final ThreadLocal<float[]> partial;

  /**
   * @param dim vector length
   * @param m sub-vectors (divides dim)
   * @param ksub centroids per sub-space (≤ 256)
   * @param codebooks {@code m × ksub × dsub} centroids
   */
  ProductQuantizer(int dim, int m, int ksub, float[] codebooks) {
    this.dim = dim;
    this.m = m;
    this.dsub = dim / m;
    this.ksub = ksub;
    this.codebooks = codebooks;
    this.byCoordinate = new float[m * dsub][ksub];
    for (int sp = 0; sp < m; sp++) {
      for (int j = 0; j < ksub; j++) {
        for (int q = 0; q < dsub; q++) {
          byCoordinate[sp * dsub + q][j] = codebooks[(sp * ksub + j) * dsub + q];
        }
      }
    }
    this.distances = ThreadLocal.withInitial(() -> new double[ksub]);
    this.partial = ThreadLocal.withInitial(() -> new float[ksub]);
  }

  /**
   * Learns the codebooks: per sub-space, Lloyd's k-means (25 iterations, k-means++ seeding) on the training vectors.
   *
   * @param x {@code n × dim} training vectors (residuals to their coarse centroid)
   * @param n how many
   * @param dim vector length
   * @param m sub-vectors
   * @param rng randomness
   * @param pool threads
   * @return the quantizer
   */
  static ProductQuantizer train(float[] x, int n, int dim, int m, RandomStream rng, ForkJoinPool pool) {
    int dsub = dim / m;
    int ksub = Math.min(256, n);
    float[] books = new float[m * ksub * dsub];
    float[] sub = new float[n * dsub];
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    for (int s = 0; s < m; s++) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(x, i * dim + s * dsub, sub, i * dsub, dsub);
      }
      float[] c = LocalLloyd.reduce(sub, ones, n, dsub, ksub, true, 25, 1e-4, 1, rng.fork("sub", s), pool)
          .centers();
      System.arraycopy(c, 0, books, s * ksub * dsub, ksub * dsub);
    }
    return new ProductQuantizer(dim, m, ksub, books);
  }

  /**
   * Encodes a vector as the lookup-table positions of its codes: sub-space s's code j is stored as
   * {@code s·ksub + j} ({@code m·ksub ≤ 96·256} fits a char), so a scan adds {@code lut[code]} without computing the
   * position (twice as fast a scan as bytes, for twice the memory: the codes are rebuilt on load, never saved).
   *
   * @param x a vector of {@code dim} values at {@code off}
   * @param off where it starts
   * @param codes receives {@code m} table positions at {@code codeOff}
   * @param codeOff where they go
   */
  void encode(float[] x, int off, char[] codes, int codeOff) {
    double[] d = distances.get();
    for (int s = 0; s < m; s++) {
      // d[j] = Σ_p (x_p − C_sjp)², in double, p in order: the same sum as centroid by centroid.
      java.util.Arrays.fill(d, 0);
      for (int p = 0; p < dsub; p++) {
        double xp = x[off + s * dsub + p];
        float[] c = byCoordinate[s * dsub + p];
        for (int j = 0; j < ksub; j++) {
          double diff = xp - c[j];
          d[j] += diff * diff;
        }
      }
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < ksub; j++) {
        if (d[j] < bestD) {
          bestD = d[j];
          best = j;
        }
      }
      codes[codeOff + s] = (char) (s * ksub + best);
    }
  }

  /**
   * The lookup table of a query: {@code lut[s·ksub + j]} is ‖r_s − C_sj‖² (euclidean) or −q_s·C_sj.
   *
   * @param r the query's residual (euclidean) or the query itself
   * @param euclidean which table
   * @param lut receives {@code m × ksub} values
   */
  void table(float[] r, boolean euclidean, float[] lut) {
    float[] acc = partial.get();
    for (int s = 0; s < m; s++) {
      java.util.Arrays.fill(acc, 0f);
      for (int p = 0; p < dsub; p++) {
        float q = r[s * dsub + p];
        float[] c = byCoordinate[s * dsub + p];
        if (euclidean) {
          for (int j = 0; j < ksub; j++) {
            acc[j] += (q - c[j]) * (q - c[j]);
          }
        } else {
          for (int j = 0; j < ksub; j++) {
            acc[j] += -q * c[j];
          }
        }
      }
      System.arraycopy(acc, 0, lut, s * ksub, ksub);
    }
  }

  /**
   * Scores consecutive codes against a table.
   *
   * @param codes the codes as table positions ({@link #encode}), {@code m} per vector
   * @param from the first vector's position
   * @param to the end position
   * @param lut the table
   * @param bias added to every score
   * @param ids the id at each position
   * @param top receives the scores
   */
  void scan(char[] codes, int from, int to, float[] lut, float bias, int[] ids, TopK top) {
    float limit = top.threshold();
    for (int pos = from; pos < to; pos++) {
      int c = pos * m;
      float s = bias;
      for (int k = 0; k < m; k++) {
        s += lut[codes[c + k]];
      }
      if (s <= limit) {
        top.offer(s, ids[pos]);
        limit = top.threshold();
      }
    }
  }
}

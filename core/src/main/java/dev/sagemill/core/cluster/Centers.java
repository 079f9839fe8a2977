package dev.sagemill.core.cluster;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A fixed set of cluster centers, laid out for the nearest-center search: the centers ({@code count × dim},
 * row-major), their transpose (one array of {@code count} values per feature) and squared norms. The search is a
 * blocked matrix product: for a row x, the dot products with every center are accumulated feature by feature
 * ({@code dots += x[p]·Cᵀ[p]}, a contiguous loop the JIT vectorises because both arrays are indexed from 0: HotSpot
 * 17 does not vectorise a loop that reads one array at an offset, since it cannot rule out an overlap; zero features
 * are skipped, sparse rows touch only their nonzeros), then
 * {@code ‖x‖² − 2x·c + ‖c‖²} picks the nearest. The winner's squared distance is recomputed exactly in double, so
 * reported distances carry no cancellation error. Rows are split over threads in blocks; no allocation per row.
 *
 * <p>Also the coarse assignment kernel of k-NN's IVF indexes. Immutable and thread-safe.
 */
public final class Centers {
  private static final int BLOCK = 256;

  final int count;
  final int dim;
  final float[] c;
  /** The centers' values of feature p at {@code ct[p]}, one per center. */
  private final float[][] ct;
  private final double[] norms;

  /**
   * @param c {@code count × dim} centers, row-major (not copied; not modified)
   * @param count how many centers
   * @param dim features
   */
  public Centers(float[] c, int count, int dim) {
    this.c = c;
    this.count = count;
    this.dim = dim;
    this.ct = new float[dim][count];
    this.norms = new double[count];
    for (int j = 0; j < count; j++) {
      double s = 0;
      for (int p = 0; p < dim; p++) {
        float v = c[j * dim + p];
        ct[p][j] = v;
        s += (double) v * v;
      }
      norms[j] = s;
    }
  }

  /**
   * Nearest center of every row of a batch.
   *
   * @param batch the rows ({@link #dim} features; finite values, checked)
   * @param nearest receives each row's nearest center, at least {@code batch.rows()} long
   * @param dist2 receives each row's squared distance to it
   * @param pool threads, or null to run on the calling thread
   * @throws InvalidDataException naming the record of a NaN or infinite feature
   */
  public void assign(RowBatch batch, int[] nearest, double[] dist2, ForkJoinPool pool) {
    int rows = batch.rows();
    int blocks = (rows + BLOCK - 1) / BLOCK;
    Runnable task = () -> IntStream.range(0, blocks).parallel().forEach(b -> {
      float[] dots = new float[count];
      for (int r = b * BLOCK; r < Math.min(rows, (b + 1) * BLOCK); r++) {
        assignRow(batch, r, dots, nearest, dist2);
      }
    });
    if (pool == null || blocks == 1) {
      task.run();
    } else {
      pool.submit(task).join();
    }
  }

  private void assignRow(RowBatch batch, int r, float[] dots, int[] nearest, double[] dist2) {
    java.util.Arrays.fill(dots, 0f);
    double xnorm = 0;
    if (batch.isSparse()) {
      int[] ptr = batch.rowPointers();
      int[] idx = batch.indices();
      float[] val = batch.sparseValues();
      for (int j = ptr[r]; j < ptr[r + 1]; j++) {
        float v = check(val[j], batch, r, idx[j]);
        xnorm += (double) v * v;
        axpy(v, idx[j], dots);
      }
    } else {
      float[] x = batch.denseValues();
      int off = r * dim;
      for (int p = 0; p < dim; p++) {
        float v = check(x[off + p], batch, r, p);
        if (v != 0f) {
          xnorm += (double) v * v;
          axpy(v, p, dots);
        }
      }
    }
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int j = 0; j < count; j++) {
      double d = xnorm - 2.0 * dots[j] + norms[j];
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    nearest[r] = best;
    dist2[r] = exactDistance(batch, r, best);
  }

  private void axpy(float v, int p, float[] dots) {
    float[] column = ct[p];
    for (int j = 0; j < count; j++) {
      dots[j] += v * column[j];
    }
  }

  /** Squared Euclidean distance of row r to center j, in double. */
  double exactDistance(RowBatch batch, int r, int j) {
    int cj = j * dim;
    double s = 0;
    if (batch.isSparse()) {
      int[] ptr = batch.rowPointers();
      int[] idx = batch.indices();
      float[] val = batch.sparseValues();
      // ‖x − c‖² = ‖c‖² + Σ over nonzeros of ((x_p − c_p)² − c_p²)
      s = norms[j];
      for (int k = ptr[r]; k < ptr[r + 1]; k++) {
        double cp = c[cj + idx[k]];
        double diff = val[k] - cp;
        s += diff * diff - cp * cp;
      }
      return Math.max(0, s);
    }
    float[] x = batch.denseValues();
    int off = r * dim;
    for (int p = 0; p < dim; p++) {
      double diff = x[off + p] - c[cj + p];
      s += diff * diff;
    }
    return s;
  }

  private static float check(float v, RowBatch batch, int r, int feature) {
    if (Float.isNaN(v) || Float.isInfinite(v)) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord() + r, "feature " + feature
          + " is " + v + "; k-means needs finite features (no NaN or missing values)");
    }
    return v;
  }
}

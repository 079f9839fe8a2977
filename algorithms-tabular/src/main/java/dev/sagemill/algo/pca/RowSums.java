package dev.sagemill.algo.pca;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.Message;
import dev.sagemill.core.error.InvalidDataException;

/**
 * Partial sums over a stream of rows, taken about a fixed shift s (rows enter as y = x − s, so that the scatter
 * matrix of data far from the origin is not the small difference of two huge sums): the row count, Σy and Σ‖y‖².
 * Subclasses add the second-order product the pass needs. One instance per thread; instances of one pass are merged
 * in thread order so a fixed thread count gives bit-identical sums.
 *
 * <p>Not thread-safe.
 */
abstract class RowSums {
  final int dim;
  final double[] shift;
  final double[] sum;
  long count;
  double squares;
  private final double[] block;

  /**
   * @param dim features
   * @param shift the shift s ({@code dim} values; zeros for sparse data, which must stay sparse)
   * @param blockRows rows the dense kernel takes at once
   */
  RowSums(int dim, double[] shift, int blockRows) {
    this.dim = dim;
    this.shift = shift;
    this.sum = new double[dim];
    this.block = new double[blockRows * dim];
  }

  /** Adds rows [from, to) of a batch. */
  final void add(RowBatch b, int from, int to) {
    if (b.isSparse()) {
      int[] ptr = b.rowPointers();
      int[] idx = b.indices();
      float[] val = b.sparseValues();
      for (int r = from; r < to; r++) {
        for (int e = ptr[r]; e < ptr[r + 1]; e++) {
          double v = finite(val[e], b, r, idx[e]);
          sum[idx[e]] += v;
          squares += v * v;
        }
        addSparse(idx, val, ptr[r], ptr[r + 1]);
        count++;
      }
      return;
    }
    float[] x = b.denseValues();
    int rows = block.length / dim;
    for (int r0 = from; r0 < to; r0 += rows) {
      int n = Math.min(rows, to - r0);
      for (int i = 0; i < n; i++) {
        int off = (r0 + i) * dim;
        for (int p = 0; p < dim; p++) {
          double v = finite(x[off + p], b, r0 + i, p) - shift[p];
          block[i * dim + p] = v;
          sum[p] += v;
          squares += v * v;
        }
      }
      addDense(block, n);
      count += n;
    }
  }

  /** Adds the product terms of {@code n} shifted dense rows held row-major in {@code y}. */
  abstract void addDense(double[] y, int n);

  /** Adds the product terms of one sparse row (shift zero): entries [from, to) of idx/val. */
  abstract void addSparse(int[] idx, float[] val, int from, int to);

  /** @return the second-order sums this pass keeps beside Σy and Σ‖y‖², flat (callers do not modify it) */
  abstract double[] products();

  /** Adds another's second-order sums, flat as {@link #products()} gives them. */
  abstract void addProducts(double[] theirs);

  /** Replaces the second-order sums by flat ones, as {@link #products()} gives them. */
  abstract void setProducts(double[] sums);

  /** Adds another thread's or shard's sums into this one. */
  final void merge(RowSums other) {
    count += other.count;
    squares += other.squares;
    for (int p = 0; p < dim; p++) {
      sum[p] += other.sum[p];
    }
    addProducts(other.products());
  }

  /** Writes the sums, for a shard's answer. */
  final void writeTo(Message.Writer out) {
    out.putLong(count).putDouble(squares).putDoubles(sum).putDoubles(products());
  }

  /** Replaces these (empty) sums with a shard's, written by {@link #writeTo}. */
  final void readFrom(Message.Reader in) {
    count = in.getLong();
    squares = in.getDouble();
    double[] s = in.getDoubles();
    double[] p = in.getDoubles();
    if (s.length != sum.length || p.length != products().length) {
      throw new IllegalStateException("a shard's PCA sums hold " + s.length + " + " + p.length + " values, expected "
          + sum.length + " + " + products().length);
    }
    System.arraycopy(s, 0, sum, 0, s.length);
    setProducts(p);
  }

  /**
   * @param m a {@code rows × cols} matrix, row-major
   * @return its rows as separate arrays: kernels that index every array from 0 are vectorised by HotSpot 17, which
   *     leaves a loop scalar when it reads an array at an offset (it cannot rule out an overlap)
   */
  static double[][] rowsOf(double[] m, int rows, int cols) {
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(m, r * cols, (r + 1) * cols);
    }
    return out;
  }

  /** @return a matrix held as rows ({@link #rowsOf}), flat and row-major */
  static double[] flatten(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return flat;
  }

  /** Adds a flat row-major matrix into one held as rows. */
  static void addFlat(double[][] rows, double[] flat) {
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      int base = r * row.length;
      for (int c = 0; c < row.length; c++) {
        row[c] += flat[base + c];
      }
    }
  }

  /** Replaces a matrix held as rows by a flat row-major one. */
  static void setFlat(double[][] rows, double[] flat) {
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(flat, r * rows[r].length, rows[r], 0, rows[r].length);
    }
  }

  /** @return the mean of the shifted rows, ȳ = Σy / count */
  final double[] shiftedMean() {
    double[] m = new double[dim];
    for (int p = 0; p < dim; p++) {
      m[p] = sum[p] / count;
    }
    return m;
  }

  private static double finite(float v, RowBatch b, int r, int feature) {
    if (!Float.isFinite(v)) {
      throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r, "feature " + feature + " is " + v
          + "; PCA needs finite features (no NaN or missing values)");
    }
    return v;
  }
}

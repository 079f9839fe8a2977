package dev.sagemill.algo.pca;

/**
 * The exact mode's pass: the upper triangle of Σ y yᵀ ({@code dim × dim}, row-major, double). Dense rows enter four
 * at a time as a rank-4 update, so each row of the triangle is read and written once per four rows, and the inner
 * loop (contiguous over columns, every array indexed alike) vectorises.
 *
 * <p>Not thread-safe: one per thread.
 */
final class ScatterSums extends RowSums {
  /** The triangle's rows: {@code upper[i][j]} for {@code j ≥ i} (entries below the diagonal stay 0). */
  private final double[][] upper;
  /** Four dense rows, each in an array of its own (see {@link RowSums#rowsOf}). */
  private final double[][] four;

  /**
   * @param dim features
   * @param shift the shift of the rows
   */
  ScatterSums(int dim, double[] shift) {
    super(dim, shift, 64);
    this.upper = new double[dim][dim];
    this.four = new double[4][dim];
  }

  @Override
  void addDense(double[] y, int n) {
    int d = dim;
    double[] y0 = four[0];
    double[] y1 = four[1];
    double[] y2 = four[2];
    double[] y3 = four[3];
    int r = 0;
    for (; r + 4 <= n; r += 4) {
      for (int k = 0; k < 4; k++) {
        System.arraycopy(y, (r + k) * d, four[k], 0, d);
      }
      for (int i = 0; i < d; i++) {
        double a0 = y0[i];
        double a1 = y1[i];
        double a2 = y2[i];
        double a3 = y3[i];
        double[] ui = upper[i];
        for (int j = i; j < d; j++) {
          ui[j] += a0 * y0[j] + a1 * y1[j] + a2 * y2[j] + a3 * y3[j];
        }
      }
    }
    for (; r < n; r++) {
      System.arraycopy(y, r * d, y0, 0, d);
      for (int i = 0; i < d; i++) {
        double a = y0[i];
        if (a == 0) {
          continue;
        }
        double[] ui = upper[i];
        for (int j = i; j < d; j++) {
          ui[j] += a * y0[j];
        }
      }
    }
  }

  @Override
  void addSparse(int[] idx, float[] val, int from, int to) {
    for (int e = from; e < to; e++) {
      double a = val[e];
      double[] ue = upper[idx[e]];
      for (int f = from; f < to; f++) {
        if (idx[f] >= idx[e]) { // each unordered pair once, in the upper triangle whatever the index order
          ue[idx[f]] += a * val[f];
        }
      }
    }
  }

  @Override
  double[] products() {
    return flatten(upper);
  }

  @Override
  void addProducts(double[] theirs) {
    addFlat(upper, theirs);
  }

  @Override
  void setProducts(double[] sums) {
    setFlat(upper, sums);
  }

  /**
   * The centered scatter matrix Σ (x − μ)(x − μ)ᵀ = Σ y yᵀ − n ȳ ȳᵀ (or the raw Σ x xᵀ when not centering), full
   * and symmetric.
   *
   * @param center subtract the mean
   * @return {@code dim × dim}, row-major
   */
  double[] scatter(boolean center) {
    double[] ybar = shiftedMean();
    double[] s = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        double v = upper[i][j] - (center ? count * ybar[i] * ybar[j] : 0);
        s[i * dim + j] = v;
        s[j * dim + i] = v;
      }
    }
    return s;
  }
}

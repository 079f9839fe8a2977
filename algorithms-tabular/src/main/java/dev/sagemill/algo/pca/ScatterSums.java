package dev.sagemill.algo.pca;

/**
 * The exact mode's pass: the upper triangle of Σ y yᵀ ({@code dim × dim}, row-major, double). Dense rows enter four
 * at a time as a rank-4 update, so each row of the triangle is read and written once per four rows and the inner
 * loop (contiguous over columns) vectorises.
 *
 * <p>Not thread-safe: one per thread.
 */
final class ScatterSums extends RowSums {
  final double[] upper;

  /**
   * @param dim features
   * @param shift the shift of the rows
   */
  ScatterSums(int dim, double[] shift) {
    super(dim, shift, 64);
    this.upper = new double[dim * dim];
  }

  @Override
  void addDense(double[] y, int n) {
    int d = dim;
    int r = 0;
    for (; r + 4 <= n; r += 4) {
      int o0 = r * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      for (int i = 0; i < d; i++) {
        double a0 = y[o0 + i];
        double a1 = y[o1 + i];
        double a2 = y[o2 + i];
        double a3 = y[o3 + i];
        int gi = i * d;
        for (int j = i; j < d; j++) {
          upper[gi + j] += a0 * y[o0 + j] + a1 * y[o1 + j] + a2 * y[o2 + j] + a3 * y[o3 + j];
        }
      }
    }
    for (; r < n; r++) {
      int o = r * d;
      for (int i = 0; i < d; i++) {
        double a = y[o + i];
        if (a == 0) {
          continue;
        }
        int gi = i * d;
        for (int j = i; j < d; j++) {
          upper[gi + j] += a * y[o + j];
        }
      }
    }
  }

  @Override
  void addSparse(int[] idx, float[] val, int from, int to) {
    for (int e = from; e < to; e++) {
      double a = val[e];
      for (int f = from; f < to; f++) {
        if (idx[f] >= idx[e]) { // each unordered pair once, in the upper triangle whatever the index order
          upper[idx[e] * dim + idx[f]] += a * val[f];
        }
      }
    }
  }

  @Override
  double[] products() {
    return upper;
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
        double v = upper[i * dim + j] - (center ? count * ybar[i] * ybar[j] : 0);
        s[i * dim + j] = v;
        s[j * dim + i] = v;
      }
    }
    return s;
  }
}

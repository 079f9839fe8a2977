package dev.sagemill.algo.pca;

/**
 * The randomized mode's second pass: the small matrix Σ w wᵀ ({@code width × width}, upper triangle) of the rows
 * projected on an orthonormal basis Q of the sketch's range, w = Qᵀ(y − c) with c = ȳ when centering. Its
 * eigen-decomposition is the Rayleigh–Ritz step that turns Q into principal directions and singular values.
 *
 * <p>Not thread-safe: one per thread.
 */
final class ProjectedSums extends RowSums {
  final int width;
  /** Q's rows, {@code basis[p]} holding feature p's {@code width} values. */
  private final double[][] basis;
  final double[] small;
  private final double[] offset;
  private final double[] w;

  /**
   * @param dim features
   * @param shift the shift of the rows (the first pass's)
   * @param basis Q's rows ({@code dim} of {@code width} values, orthonormal columns; shared, read only)
   * @param width its columns
   * @param center the shifted mean ȳ to subtract, or null
   */
  ProjectedSums(int dim, double[] shift, double[][] basis, int width, double[] center) {
    super(dim, shift, 16);
    this.width = width;
    this.basis = basis;
    this.small = new double[width * width];
    this.w = new double[width];
    this.offset = new double[width];
    if (center != null) {
      for (int p = 0; p < dim; p++) {
        for (int c = 0; c < width; c++) {
          offset[c] += center[p] * basis[p][c];
        }
      }
    }
  }

  @Override
  void addDense(double[] y, int n) {
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < width; c++) {
        w[c] = -offset[c];
      }
      int o = r * dim;
      for (int p = 0; p < dim; p++) {
        double a = y[o + p];
        if (a == 0) {
          continue;
        }
        double[] q = basis[p];
        for (int c = 0; c < width; c++) {
          w[c] += a * q[c];
        }
      }
      outer();
    }
  }

  @Override
  void addSparse(int[] idx, float[] val, int from, int to) {
    for (int c = 0; c < width; c++) {
      w[c] = -offset[c];
    }
    for (int e = from; e < to; e++) {
      double a = val[e];
      double[] q = basis[idx[e]];
      for (int c = 0; c < width; c++) {
        w[c] += a * q[c];
      }
    }
    outer();
  }

  private void outer() {
    for (int i = 0; i < width; i++) {
      double a = w[i];
      int si = i * width;
      for (int j = i; j < width; j++) {
        small[si + j] += a * w[j];
      }
    }
  }

  @Override
  double[] products() {
    return small;
  }

  @Override
  void addProducts(double[] theirs) {
    for (int i = 0; i < small.length; i++) {
      small[i] += theirs[i];
    }
  }

  @Override
  void setProducts(double[] sums) {
    System.arraycopy(sums, 0, small, 0, sums.length);
  }

  /** @return Σ w wᵀ, full and symmetric, {@code width × width} row-major */
  double[] matrix() {
    double[] s = new double[width * width];
    for (int i = 0; i < width; i++) {
      for (int j = i; j < width; j++) {
        s[i * width + j] = small[i * width + j];
        s[j * width + i] = small[i * width + j];
      }
    }
    return s;
  }
}

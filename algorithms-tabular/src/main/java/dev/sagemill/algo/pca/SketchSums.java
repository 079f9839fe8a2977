package dev.sagemill.algo.pca;

/**
 * The randomized mode's first pass: the sketch Σ y (yᵀΩ) = (YᵀY)Ω of the scatter matrix against a fixed
 * {@code dim × width} test matrix Ω, without ever forming the {@code dim × dim} scatter. Each row costs
 * {@code 2·dim·width} multiply-adds: z = yᵀΩ, then the sketch's rows gain y[p]·z. Dense rows enter four at a
 * time so each sketch row is updated once per four rows.
 *
 * <p>Not thread-safe: one per thread.
 */
final class SketchSums extends RowSums {
  final int width;
  /** Ω's rows: {@code omega[p]} holds feature p's {@code width} values (shared, read only). */
  private final double[][] omega;
  /** The sketch's rows: {@code sketch[p]} holds feature p's {@code width} sums. */
  private final double[][] sketch;
  /** yᵀΩ of up to four rows. */
  private final double[][] z;

  /**
   * @param dim features
   * @param shift the shift of the rows
   * @param omega the test matrix's rows ({@code dim} of {@code width} values; shared, read only)
   * @param width its columns
   */
  SketchSums(int dim, double[] shift, double[][] omega, int width) {
    super(dim, shift, 64);
    this.width = width;
    this.omega = omega;
    this.sketch = new double[dim][width];
    this.z = new double[4][width];
  }

  @Override
  void addDense(double[] y, int n) {
    int d = dim;
    int l = width;
    double[] z0 = z[0];
    double[] z1 = z[1];
    double[] z2 = z[2];
    double[] z3 = z[3];
    for (int r0 = 0; r0 < n; r0 += 4) {
      int rows = Math.min(4, n - r0);
      for (int i = 0; i < rows; i++) {
        double[] zi = z[i];
        java.util.Arrays.fill(zi, 0);
        int o = (r0 + i) * d;
        for (int p = 0; p < d; p++) {
          double a = y[o + p];
          if (a == 0) {
            continue;
          }
          double[] om = omega[p];
          for (int c = 0; c < l; c++) {
            zi[c] += a * om[c];
          }
        }
      }
      if (rows == 4) {
        int o0 = r0 * d;
        for (int p = 0; p < d; p++) {
          double a0 = y[o0 + p];
          double a1 = y[o0 + d + p];
          double a2 = y[o0 + 2 * d + p];
          double a3 = y[o0 + 3 * d + p];
          double[] sp = sketch[p];
          for (int c = 0; c < l; c++) {
            sp[c] += a0 * z0[c] + a1 * z1[c] + a2 * z2[c] + a3 * z3[c];
          }
        }
      } else {
        for (int i = 0; i < rows; i++) {
          double[] zi = z[i];
          int o = (r0 + i) * d;
          for (int p = 0; p < d; p++) {
            double a = y[o + p];
            double[] sp = sketch[p];
            for (int c = 0; c < l; c++) {
              sp[c] += a * zi[c];
            }
          }
        }
      }
    }
  }

  @Override
  void addSparse(int[] idx, float[] val, int from, int to) {
    int l = width;
    double[] z0 = z[0];
    java.util.Arrays.fill(z0, 0);
    for (int e = from; e < to; e++) {
      double a = val[e];
      double[] om = omega[idx[e]];
      for (int c = 0; c < l; c++) {
        z0[c] += a * om[c];
      }
    }
    for (int e = from; e < to; e++) {
      double a = val[e];
      double[] sp = sketch[idx[e]];
      for (int c = 0; c < l; c++) {
        sp[c] += a * z0[c];
      }
    }
  }

  @Override
  double[] products() {
    return flatten(sketch);
  }

  @Override
  void addProducts(double[] theirs) {
    addFlat(sketch, theirs);
  }

  @Override
  void setProducts(double[] sums) {
    setFlat(sketch, sums);
  }

  /**
   * The sketch of the centered scatter matrix: Σ y yᵀΩ − n ȳ (ȳᵀΩ), or the raw sketch when not centering.
   *
   * @param center subtract the mean
   * @return {@code dim × width}, row-major
   */
  double[] centered(boolean center) {
    double[] out = products();
    if (!center) {
      return out;
    }
    double[] ybar = shiftedMean();
    double[] t = new double[width];
    for (int p = 0; p < dim; p++) {
      for (int c = 0; c < width; c++) {
        t[c] += ybar[p] * omega[p][c];
      }
    }
    for (int p = 0; p < dim; p++) {
      for (int c = 0; c < width; c++) {
        out[p * width + c] -= count * ybar[p] * t[c];
      }
    }
    return out;
  }
}

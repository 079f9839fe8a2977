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
  final double[] omega;
  final double[] sketch;
  private final double[] z;

  /**
   * @param dim features
   * @param shift the shift of the rows
   * @param omega the test matrix, {@code dim × width} row-major (shared, read only)
   * @param width its columns
   */
  SketchSums(int dim, double[] shift, double[] omega, int width) {
    super(dim, shift, 64);
    this.width = width;
    this.omega = omega;
    this.sketch = new double[dim * width];
    this.z = new double[4 * width];
  }

  @Override
  void addDense(double[] y, int n) {
    int d = dim;
    int l = width;
    for (int r0 = 0; r0 < n; r0 += 4) {
      int rows = Math.min(4, n - r0);
      java.util.Arrays.fill(z, 0);
      for (int i = 0; i < rows; i++) {
        int o = (r0 + i) * d;
        int zi = i * l;
        for (int p = 0; p < d; p++) {
          double a = y[o + p];
          if (a == 0) {
            continue;
          }
          int op = p * l;
          for (int c = 0; c < l; c++) {
            z[zi + c] += a * omega[op + c];
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
          int sp = p * l;
          for (int c = 0; c < l; c++) {
            sketch[sp + c] += a0 * z[c] + a1 * z[l + c] + a2 * z[2 * l + c] + a3 * z[3 * l + c];
          }
        }
      } else {
        for (int i = 0; i < rows; i++) {
          int o = (r0 + i) * d;
          for (int p = 0; p < d; p++) {
            double a = y[o + p];
            int sp = p * l;
            for (int c = 0; c < l; c++) {
              sketch[sp + c] += a * z[i * l + c];
            }
          }
        }
      }
    }
  }

  @Override
  void addSparse(int[] idx, float[] val, int from, int to) {
    int l = width;
    java.util.Arrays.fill(z, 0, l, 0);
    for (int e = from; e < to; e++) {
      double a = val[e];
      int op = idx[e] * l;
      for (int c = 0; c < l; c++) {
        z[c] += a * omega[op + c];
      }
    }
    for (int e = from; e < to; e++) {
      double a = val[e];
      int sp = idx[e] * l;
      for (int c = 0; c < l; c++) {
        sketch[sp + c] += a * z[c];
      }
    }
  }

  @Override
  double[] products() {
    return sketch;
  }

  /**
   * The sketch of the centered scatter matrix: Σ y yᵀΩ − n ȳ (ȳᵀΩ), or the raw sketch when not centering.
   *
   * @param center subtract the mean
   * @return {@code dim × width}, row-major
   */
  double[] centered(boolean center) {
    double[] out = sketch.clone();
    if (!center) {
      return out;
    }
    double[] ybar = shiftedMean();
    double[] t = new double[width];
    for (int p = 0; p < dim; p++) {
      for (int c = 0; c < width; c++) {
        t[c] += ybar[p] * omega[p * width + c];
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

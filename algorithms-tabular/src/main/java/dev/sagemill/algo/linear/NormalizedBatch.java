package dev.sagemill.algo.linear;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.util.Arrays;

/**
 * One mini-batch after normalisation, shared read-only by every model's gradient task: features as floats (dense
 * row-major or CSR), the training-space label, the raw label and the row weight times the class weight. The
 * buffers are reused from batch to batch, so a pass allocates nothing per batch once warm. Not thread-safe to
 * fill; safe to read from many threads after {@link #fill}.
 */
final class NormalizedBatch {
  int rows;
  boolean sparse;
  float[] x = new float[0];
  int[] ptr = new int[1];
  int[] idx = new int[0];
  float[] val = new float[0];
  double[] y = new double[0];
  double[] yRaw = new double[0];
  double[] weight = new double[0];
  private final int d;

  NormalizedBatch(int d) {
    this.d = d;
  }

  /**
   * Checks and normalises a batch's labels and weights, and its features when sparse; dense features are then
   * normalised by {@link #normalizeRows} (so that work can be split across threads).
   *
   * @param b the raw batch
   * @param s the scaler
   * @param type the predictor type (label rules)
   * @param classes number of classes (binary: 2)
   * @param classWeight weight per class, or null
   * @param algorithm the algorithm name for messages
   */
  void fill(RowBatch b, Scaler s, PredictorType type, int classes, double[] classWeight, String algorithm) {
    rows = b.rows();
    sparse = b.isSparse();
    if (y.length < rows) {
      y = new double[rows];
      yRaw = new double[rows];
      weight = new double[rows];
    }
    for (int r = 0; r < rows; r++) {
      double label = b.label(r);
      yRaw[r] = label;
      double w = b.weight(r);
      if (type == PredictorType.REGRESSOR) {
        if (!Double.isFinite(label)) {
          throw bad(b, r, "label must be a finite number, got " + label);
        }
        y[r] = (label - s.labelShift) / s.labelScale;
      } else {
        int c = (int) label;
        if (c != label || c < 0 || c >= classes) {
          throw bad(b, r, algorithm + " " + type.value() + " needs labels in {0, ..., " + (classes - 1)
              + "}, got " + label);
        }
        y[r] = c;
        if (classWeight != null) {
          w *= classWeight[c];
        }
      }
      weight[r] = w;
    }
    if (sparse) {
      int[] p = b.rowPointers();
      int nnz = p[rows];
      if (ptr.length < rows + 1) {
        ptr = new int[rows + 1];
      }
      if (idx.length < nnz) {
        idx = new int[nnz];
        val = new float[nnz];
      }
      System.arraycopy(p, 0, ptr, 0, rows + 1);
      int[] bi = b.indices();
      float[] bv = b.sparseValues();
      for (int k = 0; k < nnz; k++) {
        float v = bv[k];
        if (Float.isNaN(v)) {
          throw bad(b, RowBatch.rowOfEntry(p, k), "feature " + bi[k]
              + " is missing (NaN); linear-learner needs every value");
        }
        idx[k] = bi[k];
        val[k] = (float) (v * s.featureScale[bi[k]]);
      }
    } else if (x.length < rows * d) {
      x = new float[rows * d];
    }
  }

  /**
   * Normalises dense rows {@code [from, to)} after {@link #fill}; chunks of rows may run on different threads.
   * Does nothing for sparse batches, which {@link #fill} normalises itself.
   *
   * @param b the raw batch given to {@link #fill}
   * @param s the scaler
   * @param from first row
   * @param to end row
   */
  void normalizeRows(RowBatch b, Scaler s, int from, int to) {
    if (sparse) {
      return;
    }
    float[] bx = b.denseValues();
    for (int r = from; r < to; r++) {
      int off = r * d;
      for (int j = 0; j < d; j++) {
        float v = bx[off + j];
        if (Float.isNaN(v)) {
          throw bad(b, r, "feature " + j + " is missing (NaN); linear-learner needs every value");
        }
        x[off + j] = (float) ((v - s.featureShift[j]) * s.featureScale[j]);
      }
    }
  }

  private static InvalidDataException bad(RowBatch b, int r, String reason) {
    return new InvalidDataException(b.origin(), "record", b.firstRecord() + r, reason);
  }

  /**
   * The margins of rows {@code [from, to)} for one model: {@code out[(r - from) * outputs + c]}.
   *
   * @param w weights, {@code outputs × d} row-major
   * @param bias per-output bias
   * @param outputs number of outputs
   * @param from first row
   * @param to end row
   * @param out where to write
   */
  void margins(double[] w, double[] bias, int outputs, int from, int to, double[] out) {
    for (int r = from; r < to; r++) {
      int o = (r - from) * outputs;
      for (int c = 0; c < outputs; c++) {
        double z = bias[c];
        int wo = c * d;
        if (sparse) {
          for (int k = ptr[r]; k < ptr[r + 1]; k++) {
            z += val[k] * w[wo + idx[k]];
          }
        } else {
          z += dot(x, r * d, w, wo, d);
        }
        out[o + c] = z;
      }
    }
  }

  /** x[xo..xo+n) · w[wo..wo+n) with four independent sums, so the loop is not one long dependency chain. */
  private static double dot(float[] x, int xo, double[] w, int wo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += x[xo + j] * w[wo + j];
      s1 += x[xo + j + 1] * w[wo + j + 1];
      s2 += x[xo + j + 2] * w[wo + j + 2];
      s3 += x[xo + j + 3] * w[wo + j + 3];
    }
    for (; j < n; j++) {
      s0 += x[xo + j] * w[wo + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Adds {@code coef × x_r} to the weight-gradient block of output {@code c}.
   *
   * @param r the row
   * @param coef the coefficient
   * @param grad the gradient, {@code outputs × d} (+ biases after)
   * @param c the output
   */
  void addRow(int r, double coef, double[] grad, int c) {
    int go = c * d;
    if (sparse) {
      for (int k = ptr[r]; k < ptr[r + 1]; k++) {
        grad[go + idx[k]] += coef * val[k];
      }
    } else {
      int xo = r * d;
      for (int j = 0; j < d; j++) {
        grad[go + j] += coef * x[xo + j];
      }
    }
  }
}

package dev.sagemill.algo.catboost;

import dev.sagemill.algo.gbdt.internal.Objective;
import java.util.Arrays;

/**
 * The supporting models of ordered boosting (Prokhorenkova et al. 2018, §5): for fold {@code j}, a model boosted on
 * the "body" — the first {@code 2^j} rows of the permutation — that also predicts the "tail", the rows at positions
 * {@code [2^j, 2^(j+1))}. A tail row's gradient comes from the fold whose body precedes it, so no row's gradient
 * depends on its own label; each fold fits its leaf values (Newton steps) on its body's gradients at its own
 * predictions and applies them to body and tail. Position 0 has no predecessor: its gradient is taken at the base
 * margin. Memory and time per iteration are about {@code 2 × rows × outputs}. Not thread-safe.
 */
final class OrderedFolds {
  private final Objective objective;
  private final Objective.GradientContext ctx;
  /** The context of the first row in the permutation alone. */
  private final Objective.GradientContext first;
  private final int[] permutation;
  private final int n;
  private final int k;
  private final double[] baseMargin;
  private final int[] body;
  private final int[] end;
  private final double[][] approx;
  private final float[][][] gh;

  /**
   * @param objective the loss
   * @param labels labels by row
   * @param weights weights by row, or null
   * @param permutation rows in permutation order
   * @param outputs margins per row
   * @param baseMargin the starting margin per output
   */
  OrderedFolds(Objective objective, float[] labels, float[] weights, int[] permutation, int outputs,
      double[] baseMargin) {
    this.objective = objective;
    this.permutation = permutation;
    this.n = permutation.length;
    this.k = outputs;
    this.baseMargin = baseMargin.clone();
    float[] y = new float[n];
    float[] w = weights == null ? null : new float[n];
    for (int p = 0; p < n; p++) {
      y[p] = labels[permutation[p]];
      if (w != null) {
        w[p] = weights[permutation[p]];
      }
    }
    this.ctx = new Objective.GradientContext(y, w, null, k);
    this.first = new Objective.GradientContext(new float[] {y[0]}, w == null ? null : new float[] {w[0]}, null, k);
    int folds = 0;
    while ((1L << folds) < n) {
      folds++;
    }
    body = new int[folds];
    end = new int[folds];
    approx = new double[folds][];
    gh = new float[folds][][];
    for (int j = 0; j < folds; j++) {
      body[j] = 1 << j;
      end[j] = (int) Math.min(n, 2L << j);
      approx[j] = new double[end[j] * k];
      for (int p = 0; p < end[j]; p++) {
        System.arraycopy(baseMargin, 0, approx[j], p * k, k);
      }
      gh[j] = new float[k][2 * end[j]];
    }
  }

  /** @return the length of {@link #state()} */
  int stateLength() {
    int len = 0;
    for (double[] a : approx) {
      len += a.length;
    }
    return len;
  }

  /** @return every fold's predictions, concatenated (for checkpoints) */
  double[] state() {
    double[] out = new double[stateLength()];
    int off = 0;
    for (double[] a : approx) {
      System.arraycopy(a, 0, out, off, a.length);
      off += a.length;
    }
    return out;
  }

  /**
   * Restores {@link #state()}.
   *
   * @param saved a saved state
   * @throws IllegalArgumentException if its length does not fit these folds
   */
  void restore(double[] saved) {
    if (saved.length != stateLength()) {
      throw new IllegalArgumentException("the saved ordered-boosting state has " + saved.length
          + " values, this training set needs " + stateLength());
    }
    int off = 0;
    for (double[] a : approx) {
      System.arraycopy(saved, off, a, 0, a.length);
      off += a.length;
    }
  }

  /**
   * Computes every fold's gradients and writes each row's ordered gradient, by row, into {@code out}.
   *
   * @param out {@code outputs × [g0, h0, g1, h1, ...]} by row
   */
  void gradients(float[][] out) {
    float[][] g0 = new float[k][2];
    objective.gradients(first, baseMargin, g0, 0, 1);
    int r0 = permutation[0];
    for (int j = 0; j < k; j++) {
      out[j][2 * r0] = g0[j][0];
      out[j][2 * r0 + 1] = g0[j][1];
    }
    for (int f = 0; f < approx.length; f++) {
      objective.gradients(ctx, approx[f], gh[f], 0, end[f]);
      for (int p = body[f]; p < end[f]; p++) {
        int r = permutation[p];
        for (int j = 0; j < k; j++) {
          out[j][2 * r] = gh[f][j][2 * p];
          out[j][2 * r + 1] = gh[f][j][2 * p + 1];
        }
      }
    }
  }

  /**
   * Fits each fold's leaf values on its body (with the gradients of the last {@link #gradients} call) and updates
   * its predictions on body and tail.
   *
   * @param leafOf each row's leaf in the new tree
   * @param leaves leaf count
   * @param l2 {@code l2_leaf_reg}
   * @param learningRate shrinkage
   */
  void update(int[] leafOf, int leaves, double l2, double learningRate) {
    double[] sg = new double[leaves * k];
    double[] sh = new double[leaves * k];
    for (int f = 0; f < approx.length; f++) {
      Arrays.fill(sg, 0);
      Arrays.fill(sh, 0);
      for (int p = 0; p < body[f]; p++) {
        int l = leafOf[permutation[p]];
        for (int j = 0; j < k; j++) {
          sg[l * k + j] += gh[f][j][2 * p];
          sh[l * k + j] += gh[f][j][2 * p + 1];
        }
      }
      double[] a = approx[f];
      for (int p = 0; p < end[f]; p++) {
        int l = leafOf[permutation[p]];
        for (int j = 0; j < k; j++) {
          double h = sh[l * k + j];
          if (h > 0) {
            a[p * k + j] -= sg[l * k + j] / (h + l2) * learningRate;
          }
        }
      }
    }
  }
}

package dev.sagemill.algo.linear;

import java.util.Arrays;

/**
 * The loss and gradient of a linear model over rows of a {@link NormalizedBatch}: margins {@code z = w·x + b}
 * ({@code outputs × d} weights, row-major, then one bias per output), each row's loss (softmax over the margins for
 * multiclass, {@link LinearLoss} otherwise) weighted by a per-row weight, and the gradient in training (normalised)
 * space. Shared by the streamed mini-batch trainer and the full-batch solver. Immutable; safe from many threads.
 */
final class RowObjective {
  private final PredictorType type;
  private final LinearLoss loss;
  private final int outputs;
  private final int d;
  private final Scaler scaler;
  private final double paramNorm;
  private final double paramRaw;

  /**
   * @param type the predictor type
   * @param loss the loss (softmax for multiclass)
   * @param outputs number of outputs (num_classes for multiclass, else 1)
   * @param d number of features
   * @param scaler the normalisation (a regressor's label scale and shift)
   * @param paramRaw the loss parameter in label units ({@link LinearEvaluation#lossParameter})
   */
  RowObjective(PredictorType type, LinearLoss loss, int outputs, int d, Scaler scaler, double paramRaw) {
    this.type = type;
    this.loss = loss;
    this.outputs = outputs;
    this.d = d;
    this.scaler = scaler;
    this.paramRaw = paramRaw;
    this.paramNorm = loss.parameterInLabelUnits() ? paramRaw / scaler.labelScale : paramRaw;
  }

  /** @return the number of parameters: {@code outputs × d} weights, then {@code outputs} biases */
  int size() {
    return outputs * d + outputs;
  }

  /**
   * Gradient of rows [from, to) into g (overwritten; weights, then biases).
   *
   * @param w weights, {@code outputs × d}
   * @param b biases
   * @param nb the batch
   * @param weight the row weights to use (the batch's own, or a fold's); rows of weight 0 are skipped
   * @param from first row
   * @param to end row
   * @param g the gradient's sum over the rows, {@link #size()} long
   * @param trainingUnits report a regressor's loss in training (normalised) units, consistent with the gradient,
   *     rather than in label units
   * @return {weighted loss sum, weight sum}
   */
  double[] gradient(double[] w, double[] b, NormalizedBatch nb, double[] weight, int from, int to, double[] g,
      boolean trainingUnits) {
    Arrays.fill(g, 0);
    double[] z = new double[(to - from) * outputs];
    nb.margins(w, b, outputs, from, to, z);
    double lossSum = 0;
    double weightSum = 0;
    double[] coef = new double[outputs];
    int biasOff = outputs * d;
    for (int r = from; r < to; r++) {
      double wr = weight[r];
      if (wr == 0) {
        continue;
      }
      lossSum += wr * rowLoss(z, (r - from) * outputs, r, nb, coef, trainingUnits);
      weightSum += wr;
      for (int c = 0; c < outputs; c++) {
        if (coef[c] != 0) {
          g[biasOff + c] += wr * coef[c];
          nb.addRow(r, wr * coef[c], g, c);
        }
      }
    }
    return new double[] {lossSum, weightSum};
  }

  /**
   * {weighted loss sum (label units), weight sum, weighted score statistic} of rows [from, to): the statistic is
   * the number correct (classifiers; binary at margin 0, probability 0.5) or the squared error in label units
   * (regressors).
   *
   * @param w weights
   * @param b biases
   * @param nb the batch
   * @param weight the row weights to use
   * @param from first row
   * @param to end row
   * @return the three sums
   */
  double[] lossOnly(double[] w, double[] b, NormalizedBatch nb, double[] weight, int from, int to) {
    double[] z = new double[(to - from) * outputs];
    nb.margins(w, b, outputs, from, to, z);
    double lossSum = 0;
    double weightSum = 0;
    double stat = 0;
    for (int r = from; r < to; r++) {
      double wr = weight[r];
      if (wr == 0) {
        continue;
      }
      int o = (r - from) * outputs;
      lossSum += wr * rowLoss(z, o, r, nb, null, false);
      weightSum += wr;
      switch (type) {
        case BINARY_CLASSIFIER -> stat += (z[o] > 0) == (nb.y[r] > 0.5) ? wr : 0;
        case MULTICLASS_CLASSIFIER -> {
          int best = 0;
          for (int c = 1; c < outputs; c++) {
            best = z[o + c] > z[o + best] ? c : best;
          }
          stat += best == (int) nb.y[r] ? wr : 0;
        }
        default -> {
          double e = z[o] * scaler.labelScale + scaler.labelShift - nb.yRaw[r];
          stat += wr * e * e;
        }
      }
    }
    return new double[] {lossSum, weightSum, stat};
  }

  /**
   * The loss of row r from its margins z[o..o+outputs) and, when coef is not null, dL/dz per output in training
   * space. A regressor's loss is in label units unless trainingUnits.
   */
  private double rowLoss(double[] z, int o, int r, NormalizedBatch nb, double[] coef, boolean trainingUnits) {
    if (outputs > 1) {
      int y = (int) nb.y[r];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < outputs; c++) {
        max = Math.max(max, z[o + c]);
      }
      double sum = 0;
      for (int c = 0; c < outputs; c++) {
        sum += Math.exp(z[o + c] - max);
      }
      double logSum = max + Math.log(sum);
      if (coef != null) {
        for (int c = 0; c < outputs; c++) {
          coef[c] = Math.exp(z[o + c] - logSum) - (c == y ? 1 : 0);
        }
      }
      return logSum - z[o + y];
    }
    if (coef != null) {
      coef[0] = loss.derivative(z[o], nb.y[r], paramNorm);
    }
    return type == PredictorType.REGRESSOR && !trainingUnits
        ? loss.value(z[o] * scaler.labelScale + scaler.labelShift, nb.yRaw[r], paramRaw)
        : loss.value(z[o], nb.y[r], paramNorm);
  }
}

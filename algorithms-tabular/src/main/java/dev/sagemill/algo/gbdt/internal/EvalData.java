package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.RowBatch;
import java.util.concurrent.ForkJoinPool;

/**
 * The rows being scored: labels, optional weights and query groups, margins, and the transformed predictions
 * (computed on first use, so that metrics which read them block by block never hold a copy per row).
 */
public final class EvalData {
  /** Rows per block when predictions are computed block by block. */
  private static final int BLOCK = 1024;

  final float[] labels;
  final float[] weights;
  final int[] groupPtr;
  final double[] margins;
  final int outputs;
  final int width;
  /** Threads for metrics that split their work (the AUC's sort), or null for the calling thread. */
  final ForkJoinPool pool;
  private final Objective objective;
  private double[] preds;
  private double[] labelsAsDouble;
  private double[] weightsAsDouble;

  /**
   * @param labels one per row
   * @param weights one per row, or null
   * @param groupPtr query boundaries or null
   * @param margins rows × outputs
   * @param outputs margins per row
   * @param objective maps margins to predictions
   */
  public EvalData(float[] labels, float[] weights, int[] groupPtr, double[] margins, int outputs,
      Objective objective) {
    this(labels, weights, groupPtr, margins, outputs, objective, null);
  }

  /**
   * @param labels one per row (not copied)
   * @param weights one per row, or null (not copied)
   * @param groupPtr query boundaries or null
   * @param margins rows × outputs
   * @param outputs margins per row
   * @param objective maps margins to predictions
   * @param pool threads for the predictions and for metrics that split their work, or null for the calling thread
   */
  public EvalData(float[] labels, float[] weights, int[] groupPtr, double[] margins, int outputs,
      Objective objective, ForkJoinPool pool) {
    this.pool = pool;
    this.labels = labels;
    this.weights = weights;
    this.groupPtr = groupPtr;
    this.margins = margins;
    this.outputs = outputs;
    this.objective = objective;
    // Probabilities for every multiclass metric, whatever softmax/softprob outputs at inference.
    this.width = outputs > 1 ? outputs : objective.transformedWidth(outputs);
  }

  /**
   * Writes the predictions of rows {@code [from, to)}, {@code width} per row, to {@code out} from index 0.
   *
   * @param from first row
   * @param to end row (exclusive)
   * @param out receives {@code (to − from) × width} values
   */
  void predictions(int from, int to, double[] out) {
    for (int r = from; r < to; r++) {
      if (outputs > 1) {
        Objectives.softmaxInto(margins, r * outputs, outputs, out, (r - from) * width);
      } else {
        objective.transform(margins, r * outputs, outputs, out, (r - from) * width);
      }
    }
  }

  /**
   * Runs {@code body} over rows {@code [from, to)} in blocks, each with its predictions, so that no prediction is
   * stored per row; stops at the first block for which it returns false.
   *
   * @return false if {@code body} stopped the loop
   */
  boolean forPredictionBlocks(int from, int to, PredictionBlock body) {
    double[] buffer = new double[BLOCK * width];
    for (int b = from; b < to; b += BLOCK) {
      int e = Math.min(to, b + BLOCK);
      predictions(b, e, buffer);
      if (!body.run(b, e, buffer)) {
        return false;
      }
    }
    return true;
  }

  /** @return every row's predictions, {@code rows × width} (computed once, on first use) */
  double[] preds() {
    if (preds == null) {
      double[] all = new double[labels.length * width];
      EvalMetric.forChunks(pool, labels.length, (from, to) -> {
        double[] buffer = new double[(to - from) * width];
        predictions(from, to, buffer);
        System.arraycopy(buffer, 0, all, from * width, buffer.length);
      });
      preds = all;
    }
    return preds;
  }

  /** @return the labels widened to double (for the shared metrics in core; computed once) */
  double[] labelsAsDouble() {
    if (labelsAsDouble == null) {
      labelsAsDouble = widen(labels);
    }
    return labelsAsDouble;
  }

  /** @return the weights widened to double, or null (computed once) */
  double[] weightsAsDouble() {
    if (weightsAsDouble == null && weights != null) {
      weightsAsDouble = widen(weights);
    }
    return weightsAsDouble;
  }

  private static double[] widen(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  /**
   * @param rows labelled rows
   * @return their (first) labels
   */
  public static float[] labelsOf(RowBatch rows) {
    float[] y = new float[rows.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = rows.label(r);
    }
    return y;
  }

  /**
   * @param rows rows
   * @return their weights, or null when they carry none
   */
  public static float[] weightsOf(RowBatch rows) {
    if (!rows.hasWeights()) {
      return null;
    }
    float[] w = new float[rows.rows()];
    for (int r = 0; r < w.length; r++) {
      w[r] = rows.weight(r);
    }
    return w;
  }

  double w(int r) {
    return weights == null ? 1 : weights[r];
  }

  double sumW() {
    if (weights == null) {
      return labels.length;
    }
    double s = 0;
    for (double v : weights) {
      s += v;
    }
    return s;
  }

  /** A block of rows with their predictions ({@code width} per row, from index 0); false stops the loop. */
  @FunctionalInterface
  interface PredictionBlock {
    boolean run(int from, int to, double[] preds);
  }
}

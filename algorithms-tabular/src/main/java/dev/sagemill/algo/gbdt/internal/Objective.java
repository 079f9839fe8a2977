package dev.sagemill.algo.gbdt.internal;

/**
 * A boosting loss in XGBoost's terms: the per-row first and second derivatives of the loss with respect to the
 * margin, the link from margin to prediction, how {@code base_score} maps to a margin, which labels are valid and
 * which evaluation metric is the default. Implementations are stateless and thread-safe.
 */
public interface Objective {
  /** @return the XGBoost objective name, e.g. {@code binary:logistic} */
  String name();

  /**
   * @param numClass the {@code num_class} hyperparameter (0 when unset)
   * @return the number of margins per row (trees per round)
   */
  default int outputs(int numClass) {
    return 1;
  }

  /**
   * Writes the gradient and hessian of every row for every output.
   *
   * @param ctx labels, weights, query groups of the training data
   * @param margin current margins, {@code rows × outputs}, row-major
   * @param gh one interleaved array {@code [g0, h0, g1, h1, ...]} per output
   * @param from first row (inclusive) of the range to compute
   * @param to last row (exclusive); for ranking objectives ranges are whole query groups
   */
  void gradients(GradientContext ctx, double[] margin, float[][] gh, int from, int to);

  /**
   * @return true if a row's gradient depends on its own margin, label and weight alone, with one output per row, so
   *     that {@link #gradientsAt} can write them in another order
   */
  default boolean pointwise() {
    return false;
  }

  /**
   * Pointwise objectives: writes the gradients of rows taken through a map, for {@code i} in {@code [from, to)} the
   * gradient and hessian of row {@code rowAt[i]} at {@code out[2i]} and {@code out[2i + 1]}; the values are those
   * {@link #gradients} gives the row.
   *
   * @param ctx labels and weights of the training data
   * @param margin current margins, one per row
   * @param rowAt the row at each index
   * @param out receives the interleaved gradients and hessians by index
   * @param from first index (inclusive)
   * @param to last index (exclusive)
   * @throws UnsupportedOperationException if the objective is not {@link #pointwise}
   */
  default void gradientsAt(GradientContext ctx, double[] margin, int[] rowAt, float[] out, int from, int to) {
    throw new UnsupportedOperationException(name() + " computes gradients over whole rows or query groups only");
  }

  /** @return true if gradients must be computed per query group (ranking) */
  default boolean needsGroups() {
    return false;
  }

  /**
   * Maps a row's margins to its prediction (probability, mean, class, ...), XGBoost's {@code PredTransform}.
   *
   * @param margin margins
   * @param offset first margin of the row
   * @param k number of outputs
   * @param out receives the prediction(s)
   * @param outOffset where to write
   */
  default void transform(double[] margin, int offset, int k, double[] out, int outOffset) {
    System.arraycopy(margin, offset, out, outOffset, k);
  }

  /**
   * @param k number of margins per row
   * @return number of prediction values per row after {@link #transform}
   */
  default int transformedWidth(int k) {
    return k;
  }

  /**
   * Converts {@code base_score} (a prediction) to the initial margin, XGBoost's {@code ProbToMargin}.
   *
   * @param baseScore the base score
   * @return the margin
   */
  default double baseMargin(double baseScore) {
    return baseScore;
  }

  /**
   * The base score XGBoost ≥ 2 estimates when the user gives none; the weighted label mean unless overridden.
   *
   * @param labels labels
   * @param weights weights or null
   * @return the base score in prediction space
   */
  default double estimateBaseScore(float[] labels, float[] weights) {
    return baseScoreOfMean(Objectives.mean(labels, weights));
  }

  /**
   * The base score estimated from the labels' weighted mean alone, for objectives whose estimate depends on nothing
   * else (a sharded run knows the mean, not the labels).
   *
   * @param mean the labels' weighted mean
   * @return the estimate
   * @throws UnsupportedOperationException if the objective's estimate needs more than the mean (a median)
   */
  default double baseScoreOfMean(double mean) {
    return mean;
  }

  /** @return whether {@link #baseScoreOfMean} gives this objective's estimate (no median, no other statistic) */
  default boolean estimatesFromMean() {
    return true;
  }

  /**
   * @param label a training label
   * @param numClass num_class (0 when unset)
   * @return null if valid, else the reason
   */
  default String labelProblem(float label, int numClass) {
    return Float.isFinite(label) ? null : "label is " + label + "; labels must be finite numbers";
  }

  /** @return the default evaluation metric name */
  String defaultMetric();

  /**
   * XGBoost's adaptive-tree hook ({@code reg:absoluteerror}): recompute leaf outputs from the residuals of the
   * rows in each leaf.
   *
   * @return true if leaves are refreshed after each tree
   */
  default boolean refreshesLeaves() {
    return false;
  }

  /** Training-data context for gradient computation. */
  final class GradientContext {
    final float[] labels;
    final float[] weights;
    final int[] groupPtr;
    final int outputs;

    /**
     * @param labels labels, one per row
     * @param weights weights or null
     * @param groupPtr query group boundaries or null
     * @param outputs margins per row
     */
    public GradientContext(float[] labels, float[] weights, int[] groupPtr, int outputs) {
      this.labels = labels;
      this.weights = weights;
      this.groupPtr = groupPtr;
      this.outputs = outputs;
    }

    float weight(int r) {
      return weights == null ? 1f : weights[r];
    }
  }
}

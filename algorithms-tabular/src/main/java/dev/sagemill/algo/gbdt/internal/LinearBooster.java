package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * XGBoost's {@code gblinear} booster: the margin of output {@code k} is
 * {@code baseMargin[k] + bias[k] + Σ_f w[f][k]·x[f]} over the present features (a missing value adds nothing, as
 * in XGBoost). Weights are stored as XGBoost stores them ({@code float32}, feature-major with the outputs of one
 * feature adjacent, the biases after the last feature), so they round-trip through XGBoost's JSON unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearBooster implements Booster {
  private final int featureDim;
  private final int outputs;
  private final double[] baseMargin;
  private final float[] weights;
  private final int rounds;

  /**
   * @param featureDim number of input features
   * @param outputs margins per row
   * @param baseMargin initial margin per output
   * @param weights {@code (featureDim + 1) × outputs}: {@code weights[f·outputs + k]}, bias {@code k} at
   *     {@code featureDim·outputs + k}
   * @param rounds boosting rounds that produced the weights (XGBoost's {@code boosted_rounds})
   */
  public LinearBooster(int featureDim, int outputs, double[] baseMargin, float[] weights, int rounds) {
    if (baseMargin.length != outputs || weights.length != (long) (featureDim + 1) * outputs || rounds < 0) {
      throw new IllegalArgumentException("linear booster arrays disagree: " + featureDim + " features, " + outputs
          + " outputs, " + baseMargin.length + " base margins, " + weights.length + " weights, " + rounds
          + " rounds");
    }
    this.featureDim = featureDim;
    this.outputs = outputs;
    this.baseMargin = baseMargin.clone();
    this.weights = weights.clone();
    this.rounds = rounds;
  }

  /**
   * A booster with all weights zero (before the first round).
   *
   * @param featureDim number of input features
   * @param outputs margins per row
   * @param baseMargin initial margin per output
   * @return the booster
   */
  public static LinearBooster zero(int featureDim, int outputs, double[] baseMargin) {
    return new LinearBooster(featureDim, outputs, baseMargin, new float[(featureDim + 1) * outputs], 0);
  }

  @Override
  public int featureDim() {
    return featureDim;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public double[] baseMargin() {
    return baseMargin.clone();
  }

  /** @return a copy of the weights in XGBoost's layout (see the constructor) */
  public float[] weights() {
    return weights.clone();
  }

  /**
   * @param feature a feature
   * @param output an output
   * @return the coefficient of that feature in that output's margin
   */
  public float weight(int feature, int output) {
    return weights[feature * outputs + output];
  }

  /**
   * @param output an output
   * @return its intercept (learned on top of the base margin)
   */
  public float bias(int output) {
    return weights[featureDim * outputs + output];
  }

  /** @return boosting rounds that produced these weights */
  public int rounds() {
    return rounds;
  }

  @Override
  public double[] margin(FeatureVector x) {
    if (x.dim() != featureDim) {
      throw new InvalidDataException("the row has " + x.dim() + " features, the model expects " + featureDim);
    }
    double[] out = intercepts();
    if (x.isSparse()) {
      for (int j = 0; j < x.storedCount(); j++) {
        add(x.storedIndex(j), x.storedValue(j), out, 0);
      }
    } else {
      float[] dense = x.toDense();
      for (int f = 0; f < featureDim; f++) {
        add(f, dense[f], out, 0);
      }
    }
    return out;
  }

  private double[] intercepts() {
    double[] out = baseMargin.clone();
    for (int k = 0; k < outputs; k++) {
      out[k] += bias(k);
    }
    return out;
  }

  private void add(int f, float v, double[] out, int at) {
    if (!Float.isNaN(v)) {
      for (int k = 0; k < outputs; k++) {
        out[at + k] += (double) weights[f * outputs + k] * v;
      }
    }
  }

  @Override
  public double[] margins(RowBatch batch, ForkJoinPool pool) {
    if (batch.featureDim() != featureDim) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(),
          "has " + batch.featureDim() + " features, the model expects " + featureDim);
    }
    int rows = batch.rows();
    double[] out = new double[rows * outputs];
    double[] start = intercepts();
    int blocks = (rows + 255) / 256;
    Runnable task = () -> IntStream.range(0, blocks).parallel().forEach(b -> {
      for (int r = b * 256; r < Math.min(rows, b * 256 + 256); r++) {
        System.arraycopy(start, 0, out, r * outputs, outputs);
        if (batch.isSparse()) {
          int[] ptr = batch.rowPointers();
          int[] idx = batch.indices();
          float[] val = batch.sparseValues();
          for (int j = ptr[r]; j < ptr[r + 1]; j++) {
            add(idx[j], val[j], out, r * outputs);
          }
        } else {
          float[] x = batch.denseValues();
          for (int f = 0; f < featureDim; f++) {
            add(f, x[r * featureDim + f], out, r * outputs);
          }
        }
      }
    });
    if (pool == null) {
      task.run();
    } else {
      pool.submit(task).join();
    }
    return out;
  }

  /**
   * {@inheritDoc} For a linear model these are exact: feature {@code f} contributes {@code w[f][k]·x[f]} (0 when
   * missing), the bias slot holds the base margin plus the intercept, as XGBoost's {@code pred_contribs}.
   */
  @Override
  public double[] contributions(float[] x) {
    int width = featureDim + 1;
    double[] out = new double[outputs * width];
    for (int k = 0; k < outputs; k++) {
      for (int f = 0; f < featureDim; f++) {
        out[k * width + f] = Float.isNaN(x[f]) ? 0 : (double) weight(f, k) * x[f];
      }
      out[k * width + featureDim] = baseMargin[k] + bias(k);
    }
    return out;
  }

  /**
   * {@inheritDoc} A linear model has no interactions: the contributions sit on the diagonal, every off-diagonal
   * cell is 0.
   */
  @Override
  public double[] interactions(float[] x) {
    int width = featureDim + 1;
    double[] phi = contributions(x);
    double[] out = new double[outputs * width * width];
    for (int k = 0; k < outputs; k++) {
      for (int f = 0; f < width; f++) {
        out[k * width * width + f * width + f] = phi[k * width + f];
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearBooster b && b.featureDim == featureDim && b.outputs == outputs && b.rounds == rounds
        && Arrays.equals(b.baseMargin, baseMargin) && Arrays.equals(b.weights, weights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + outputs;
  }

  @Override
  public String toString() {
    return "LinearBooster[" + featureDim + " features, " + outputs + " outputs, " + rounds + " rounds]";
  }
}

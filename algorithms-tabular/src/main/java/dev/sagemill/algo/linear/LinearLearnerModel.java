package dev.sagemill.algo.linear;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained Linear Learner: weights and biases in the raw feature and label space (the training normalisation is
 * folded in), and for binary classifiers the tuned decision threshold. Answers as SageMaker's Linear Learner does:
 * binary {@code {"score": p, "predicted_label": 0|1}} (score is the probability for logistic loss, the margin for
 * hinge loss), multiclass {@code {"score": [p_0, ...], "predicted_label": k}}, regressor {@code {"score": y}}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearLearnerModel implements Model {
  private final PredictorType type;
  private final LinearLoss loss;
  private final int d;
  private final int outputs;
  private final double[] weights;
  private final double[] bias;
  private final double threshold;
  private final Schema schema;
  private final ModelCard card;

  LinearLearnerModel(PredictorType type, LinearLoss loss, Schema schema, double[] weights, double[] bias,
      double threshold, ModelCard card) {
    this.type = type;
    this.loss = loss;
    this.d = schema.featureDim();
    this.outputs = bias.length;
    if (weights.length != outputs * d) {
      throw new IllegalArgumentException(weights.length + " weights for " + outputs + " outputs × " + d + " features");
    }
    this.weights = weights.clone();
    this.bias = bias.clone();
    this.threshold = threshold;
    this.schema = schema;
    this.card = card;
  }

  /** @return the predictor type */
  public PredictorType predictorType() {
    return type;
  }

  /** @return a copy of the raw-space weights, {@code outputs × featureDim} row-major */
  public double[] weights() {
    return weights.clone();
  }

  /** @return a copy of the raw-space biases, one per output */
  public double[] bias() {
    return bias.clone();
  }

  /** @return the binary decision threshold on {@code score} (NaN for other predictor types) */
  public double threshold() {
    return threshold;
  }

  LinearLoss loss() {
    return loss;
  }

  @Override
  public String algorithm() {
    return LinearLearnerParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  /**
   * Scores rows into {@code out}: for each row, {@code outputs()} values (probability, margin, class
   * probabilities or regression value).
   *
   * @param b the rows
   * @param out at least {@code rows × outputs} values
   */
  void scores(RowBatch b, double[] out) {
    if (b.featureDim() != d) {
      throw new InvalidDataException(b.origin() + ": the model expects " + d + " features, the data has "
          + b.featureDim());
    }
    double[] z = new double[outputs];
    for (int r = 0; r < b.rows(); r++) {
      for (int c = 0; c < outputs; c++) {
        double s = bias[c];
        int wo = c * d;
        if (b.isSparse()) {
          int[] p = b.rowPointers();
          for (int k = p[r]; k < p[r + 1]; k++) {
            s += b.sparseValues()[k] * weights[wo + b.indices()[k]];
          }
        } else {
          float[] x = b.denseValues();
          int xo = r * d;
          for (int j = 0; j < d; j++) {
            s += x[xo + j] * weights[wo + j];
          }
        }
        if (Double.isNaN(s)) {
          throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r,
              "a feature is missing (NaN); linear-learner needs every value");
        }
        z[c] = s;
      }
      transform(z, out, r * outputs);
    }
  }

  private void transform(double[] z, double[] out, int o) {
    if (type == PredictorType.MULTICLASS_CLASSIFIER) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int c = 0; c < outputs; c++) {
        out[o + c] = Math.exp(z[c] - max);
        sum += out[o + c];
      }
      for (int c = 0; c < outputs; c++) {
        out[o + c] /= sum;
      }
    } else if (type == PredictorType.BINARY_CLASSIFIER && loss == LinearLoss.LOGISTIC) {
      out[o] = LinearLoss.sigmoid(z[0]);
    } else {
      out[o] = z[0];
    }
  }

  private Prediction answer(double[] s, int o) {
    Prediction.Builder p = Prediction.builder();
    switch (type) {
      case BINARY_CLASSIFIER -> p.put("score", s[o]).put("predicted_label", s[o] > threshold ? 1 : 0);
      case MULTICLASS_CLASSIFIER -> {
        double[] probs = java.util.Arrays.copyOfRange(s, o, o + outputs);
        p.put("score", probs).put("predicted_label", dev.sagemill.core.metrics.Metrics.argmax(probs, 0, outputs));
      }
      case REGRESSOR -> p.put("score", s[o]);
      default -> throw new AssertionError(type);
    }
    return p.build();
  }

  @Override
  public Prediction predict(FeatureVector x) {
    if (x.dim() != d) {
      throw new InvalidDataException("linear-learner: the model expects " + d + " features, the row has " + x.dim());
    }
    // Same summation order as the batch path (bias, then stored entries in index order): identical answers.
    double[] z = new double[outputs];
    for (int c = 0; c < outputs; c++) {
      double s = bias[c];
      int wo = c * d;
      for (int k = 0; k < x.storedCount(); k++) {
        s += x.storedValue(k) * weights[wo + x.storedIndex(k)];
      }
      if (Double.isNaN(s)) {
        throw new InvalidDataException("linear-learner: a feature is missing (NaN); linear-learner needs every value");
      }
      z[c] = s;
    }
    double[] out = new double[outputs];
    transform(z, out, 0);
    return answer(out, 0);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    double[] s = new double[batch.rows() * outputs];
    scores(batch, s);
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(answer(s, r * outputs));
    }
    return out;
  }
}

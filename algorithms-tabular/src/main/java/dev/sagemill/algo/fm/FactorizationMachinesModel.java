package dev.sagemill.algo.fm;

import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
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
 * A trained factorization machine (Rendle, ICDM 2010): {@code ŷ = w0 + Σ wᵢxᵢ + Σᵢ<ⱼ ⟨vᵢ, vⱼ⟩xᵢxⱼ}, the pairwise term
 * computed in O(k·nnz) by Rendle's identity {@code ½ Σ_f [(Σᵢ v_if xᵢ)² − Σᵢ v_if² xᵢ²]}. Answers as SageMaker's
 * factorization-machines container: binary {@code {"score": σ(ŷ), "predicted_label": 0|1}} (label 1 when the score
 * exceeds 0.5), regressor {@code {"score": ŷ}}. Zero features contribute nothing, so sparse rows are never densified.
 *
 * <p>Parameters are float32, as SageMaker's artifact stores them: {@code w} has {@code feature_dim} values and
 * {@code v} is {@code feature_dim × num_factors}, row-major. Immutable and thread-safe.
 */
public final class FactorizationMachinesModel implements Model {
  private final PredictorType type;
  private final int d;
  private final int k;
  private final float w0;
  private final float[] w;
  private final float[] v;
  private final Schema schema;
  private final ModelCard card;

  FactorizationMachinesModel(PredictorType type, float w0, float[] w, float[] v, Schema schema, ModelCard card) {
    this.type = type;
    this.d = w.length;
    if (d == 0 || v.length % d != 0 || v.length == 0) {
      throw new IllegalArgumentException("v holds " + v.length + " values for " + d + " features");
    }
    if (schema.featureDim() != d) {
      throw new IllegalArgumentException("the schema has " + schema.featureDim() + " features, w " + d);
    }
    this.k = v.length / d;
    this.w0 = w0;
    this.w = w;
    this.v = v;
    this.schema = schema;
    this.card = card;
  }

  /** @return the predictor type */
  public PredictorType predictorType() {
    return type;
  }

  /** @return the bias w0 */
  public float bias() {
    return w0;
  }

  /** @return a copy of the linear weights, one per feature */
  public float[] linear() {
    return w.clone();
  }

  /** @return a copy of the factor matrix, {@code feature_dim × num_factors} row-major */
  public float[] factors() {
    return v.clone();
  }

  /** @return num_factors */
  public int numFactors() {
    return k;
  }

  float[] linearView() {
    return w;
  }

  float[] factorsView() {
    return v;
  }

  @Override
  public String algorithm() {
    return FactorizationMachinesParams.ALGORITHM;
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
   * The raw output ŷ of one row given by its stored entries.
   *
   * @param idx feature indices
   * @param val values
   * @param from first entry
   * @param to end entry
   * @param sums scratch of {@code num_factors} values
   * @return ŷ (a margin for binary classifiers)
   */
  double margin(int[] idx, float[] val, int from, int to, double[] sums) {
    return margin(w0, w, v, k, idx, val, from, to, sums);
  }

  /**
   * ŷ of one row for any parameters, and optionally each factor's Σᵢ v_if xᵢ (which the gradient needs).
   *
   * @param w0 bias
   * @param w linear weights
   * @param v factors
   * @param k num_factors
   * @param idx feature indices
   * @param val values
   * @param from first entry
   * @param to end entry
   * @param sums receives Σᵢ v_if xᵢ per factor
   * @return ŷ
   */
  static double margin(float w0, float[] w, float[] v, int k, int[] idx, float[] val, int from, int to,
      double[] sums) {
    java.util.Arrays.fill(sums, 0, k, 0);
    double linear = w0;
    double squares = 0;
    for (int e = from; e < to; e++) {
      int i = idx[e];
      double x = val[e];
      linear += w[i] * x;
      int vo = i * k;
      for (int f = 0; f < k; f++) {
        double t = v[vo + f] * x;
        sums[f] += t;
        squares += t * t;
      }
    }
    double pair = 0;
    for (int f = 0; f < k; f++) {
      pair += sums[f] * sums[f];
    }
    return linear + 0.5 * (pair - squares);
  }

  /** The score of a margin: σ(ŷ) for binary classifiers, ŷ for regressors. */
  double score(double margin) {
    return type == PredictorType.BINARY_CLASSIFIER ? sigmoid(margin) : margin;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private Prediction answer(double score) {
    Prediction.Builder p = Prediction.builder().put("score", score);
    if (type == PredictorType.BINARY_CLASSIFIER) {
      p.put("predicted_label", score > 0.5 ? 1 : 0);
    }
    return p.build();
  }

  @Override
  public Prediction predict(FeatureVector x) {
    if (x.dim() != d) {
      throw new InvalidDataException(FactorizationMachinesParams.ALGORITHM + ": the model expects " + d
          + " features, the row has " + x.dim());
    }
    int n = x.storedCount();
    int[] idx = new int[n];
    float[] val = new float[n];
    for (int e = 0; e < n; e++) {
      idx[e] = x.storedIndex(e);
      val[e] = x.storedValue(e);
      if (Float.isNaN(val[e])) {
        throw new InvalidDataException(FactorizationMachinesParams.ALGORITHM + ": feature " + idx[e]
            + " is missing (NaN); factorization machines need every stored value");
      }
    }
    return answer(score(margin(idx, val, 0, n, new double[k])));
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    if (batch.featureDim() > d || (!batch.isSparse() && batch.featureDim() != d)) {
      throw new InvalidDataException(batch.origin() + ": the model expects " + d + " features, the data has "
          + batch.featureDim());
    }
    RowEntries rows = RowEntries.of(batch, FactorizationMachinesParams.ALGORITHM);
    double[] sums = new double[k];
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(answer(score(margin(rows.idx, rows.val, rows.ptr[r], rows.ptr[r + 1], sums))));
    }
    return out;
  }
}

package dev.sagemill.algo.catboost;

import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TabularAnswers;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.algo.gbdt.internal.TreeShap;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trained CatBoost model: trees over the raw features plus the derived categorical features (one-hot indicators
 * and target statistics with their full-training-set tables), the CatBoost loss and the training schema.
 * {@link #predict} answers as SageMaker's CatBoost inference does: classifiers give {@code probabilities} (one per
 * class; {@code [1 − p, p]} for binary), {@code predicted_label} and, for binary, {@code probability}; regression
 * gives {@code prediction}. Categorical features take the same values as in training; an unseen category gets
 * the statistics' priors.
 *
 * <p>Immutable and thread-safe.
 */
public final class CatBoostModel implements Model {
  private final TreeEnsemble ensemble;
  private final CategoricalEncoder encoder;
  private final String loss;
  private final Objective objective;
  private final int numClass;
  private final Schema schema;
  private final ModelCard card;

  CatBoostModel(TreeEnsemble ensemble, CategoricalEncoder encoder, String loss, int numClass, Schema schema,
      ModelCard card) {
    this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.loss = loss;
    this.objective = Objectives.catboost(loss, numClass);
    this.numClass = numClass;
    this.schema = Objects.requireNonNull(schema, "schema");
    this.card = card;
    if (schema.featureDim() != encoder.rawDim() || ensemble.featureDim() != encoder.dim()) {
      throw new IllegalArgumentException("schema has " + schema.featureDim() + " features, the encoder "
          + encoder.rawDim() + " raw and " + encoder.dim() + " encoded, the trees " + ensemble.featureDim());
    }
  }

  /** @return the trees, over the encoded features ({@link #encodedDim()}) */
  public TreeEnsemble ensemble() {
    return ensemble;
  }

  CategoricalEncoder encoder() {
    return encoder;
  }

  /** @return the number of features the trees split on: the raw ones, then the derived categorical ones */
  public int encodedDim() {
    return encoder.dim();
  }

  /** @return a readable name of each derived feature, in encoded order after the raw features */
  public List<String> derivedFeatureNames() {
    return encoder.derived().stream().map(DerivedFeature::toString).toList();
  }

  /** @return the CatBoost loss name */
  public String lossFunction() {
    return loss;
  }

  /** @return classes for MultiClass, else 0 */
  public int numClass() {
    return numClass;
  }

  @Override
  public String algorithm() {
    return CatBoostParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  private float[] encode(FeatureVector x) {
    if (x.dim() != schema.featureDim()) {
      throw new InvalidDataException("the row has " + x.dim() + " features, this catboost model was trained on "
          + schema.featureDim());
    }
    float[] out = new float[encoder.dim()];
    encoder.encode(x, out, 0);
    return out;
  }

  /**
   * The raw scores (CatBoost's {@code RawFormulaVal}) of one row.
   *
   * @param x the row
   * @return one margin per output
   */
  public double[] margin(FeatureVector x) {
    return ensemble.margin(FeatureVector.dense(encode(x)), Integer.MAX_VALUE);
  }

  /**
   * Margins of every row of a batch.
   *
   * @param batch the rows
   * @return {@code rows × outputs} margins
   */
  public double[] margins(RowBatch batch) {
    if (batch.featureDim() != schema.featureDim()) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, this catboost model was trained on " + schema.featureDim());
    }
    int dim = encoder.dim();
    float[] enc = new float[batch.rows() * dim];
    for (int r = 0; r < batch.rows(); r++) {
      encoder.encode(batch.row(r), enc, r * dim);
    }
    RowBatch.Builder b = RowBatch.builder(dim, 0, false);
    for (int r = 0; r < batch.rows(); r++) {
      b.addDense(enc, r * dim, new float[0], 1f);
    }
    return ensemble.margins(b.build(), null);
  }

  /**
   * Exact TreeSHAP contributions of one row per raw feature: a derived feature's share goes to the categorical
   * feature it encodes, split equally over a combination's features. Per output, one value per raw feature then the
   * bias; each output's values sum to its margin.
   *
   * @param x the row
   * @return {@code outputs × (features + 1)} values
   */
  public double[] contributions(FeatureVector x) {
    double[] enc = TreeShap.contributions(ensemble, encode(x));
    int raw = encoder.rawDim();
    int dim = encoder.dim();
    int k = ensemble.outputs();
    double[] out = new double[k * (raw + 1)];
    List<DerivedFeature> derived = encoder.derived();
    for (int j = 0; j < k; j++) {
      int src = j * (dim + 1);
      int dst = j * (raw + 1);
      for (int f = 0; f < raw; f++) {
        out[dst + f] += enc[src + f];
      }
      for (int i = 0; i < derived.size(); i++) {
        int[] p = derived.get(i).projection();
        for (int f : p) {
          out[dst + f] += enc[src + raw + i] / p.length;
        }
      }
      out[dst + raw] = enc[src + dim];
    }
    return out;
  }

  @Override
  public Prediction predict(FeatureVector x) {
    return answer(margin(x), 0);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    double[] m = margins(batch);
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(answer(m, r * ensemble.outputs()));
    }
    return out;
  }

  private Prediction answer(double[] m, int offset) {
    boolean classifier = loss.equals("Logloss") || loss.equals("CrossEntropy") || loss.equals("MultiClass");
    return TabularAnswers.of(objective, classifier, m, offset, ensemble.outputs());
  }
}

package dev.sagemill.algo.lightgbm;

import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TabularAnswers;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.algo.gbdt.internal.TreeShap;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Explainable;
import dev.sagemill.core.estimator.FeatureImportance;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained LightGBM model: a tree ensemble (possibly with categorical splits), its LightGBM objective and the
 * training schema. {@link #predict} answers as SageMaker's LightGBM inference does: classifiers give
 * {@code probabilities} (one per class; {@code [1 − p, p]} for binary), {@code predicted_label} (the most probable
 * class) and, for binary, {@code probability}; every other objective gives {@code prediction} (the mean: the
 * margin through the objective's link). Categorical features take their integer category values, as in training.
 *
 * <p>Batch prediction uses all cores. Immutable and thread-safe.
 */
public final class LightGBMModel implements Model, Explainable, FeatureImportance {
  private static final List<String> IMPORTANCE_TYPES = List.of("split", "gain");

  private final TreeEnsemble ensemble;
  private final String objectiveName;
  private final Objective objective;
  private final int numClass;
  private final Schema schema;
  private final ModelCard card;

  /**
   * @param ensemble the trees
   * @param objectiveName the LightGBM objective name
   * @param numClass classes for multiclass, else 0
   * @param schema the training schema (with its categorical features)
   * @param card hyperparameters and metrics
   */
  public LightGBMModel(TreeEnsemble ensemble, String objectiveName, int numClass, Schema schema, ModelCard card) {
    this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
    this.objectiveName = objectiveName;
    this.objective = Objectives.lightgbm(objectiveName, numClass, 1.5);
    this.numClass = numClass;
    this.schema = Objects.requireNonNull(schema, "schema");
    this.card = card;
    if (schema.featureDim() != ensemble.featureDim()) {
      throw new IllegalArgumentException("schema has " + schema.featureDim() + " features, the trees "
          + ensemble.featureDim());
    }
  }

  /** @return the trees */
  public TreeEnsemble ensemble() {
    return ensemble;
  }

  /** @return the LightGBM objective name */
  public String objective() {
    return objectiveName;
  }

  /** @return classes for multiclass, else 0 */
  public int numClass() {
    return numClass;
  }

  @Override
  public String algorithm() {
    return LightGBMParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  private boolean classifier() {
    return objectiveName.equals("binary") || objectiveName.equals("multiclass");
  }

  private void checkDim(FeatureVector x) {
    if (x.dim() != schema.featureDim()) {
      throw new InvalidDataException("the row has " + x.dim() + " features, this lightgbm model was trained on "
          + schema.featureDim());
    }
  }

  /**
   * The raw scores (LightGBM's {@code raw_score}) of one row.
   *
   * @param x the row
   * @return one margin per output
   */
  public double[] margin(FeatureVector x) {
    checkDim(x);
    return ensemble.margin(x, Integer.MAX_VALUE);
  }

  /**
   * Exact TreeSHAP contributions of one row (LightGBM's {@code pred_contrib}): per output, one value per feature
   * then the bias; each output's values sum to its margin.
   *
   * @param x the row
   * @return {@code outputs × (features + 1)} values
   */
  @Override
  public double[] contributions(FeatureVector x) {
    checkDim(x);
    return TreeShap.contributions(ensemble, x.toDense());
  }

  /**
   * Exact TreeSHAP interaction values of one row (LightGBM's {@code pred_contrib} pairs): per output a
   * {@code (features + 1)²} matrix whose rows sum to the contributions.
   *
   * @param x the row
   * @return {@code outputs × (features + 1)²} values
   */
  @Override
  public double[] interactions(FeatureVector x) {
    checkDim(x);
    return TreeShap.interactions(ensemble, x.toDense());
  }

  @Override
  public List<String> importanceTypes() {
    return IMPORTANCE_TYPES;
  }

  /**
   * LightGBM's {@code feature_importance(importance_type=...)} by feature name: {@code split} counts the splits
   * on a feature, {@code gain} sums their loss reductions.
   *
   * @param type split or gain
   * @return every feature's importance
   */
  @Override
  public Map<String, Double> featureImportance(String type) {
    return switch (type) {
      case "split" -> FeatureImportance.byName(schema, ensemble.importance("weight"));
      case "gain" -> FeatureImportance.byName(schema, ensemble.importance("total_gain"));
      default -> throw new IllegalArgumentException("importance type " + type + " is not one of "
          + IMPORTANCE_TYPES);
    };
  }

  @Override
  public Prediction predict(FeatureVector x) {
    return answer(margin(x), 0);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    if (batch.featureDim() != schema.featureDim()) {
      throw new InvalidDataException("the batch has " + batch.featureDim() + " features, this lightgbm model was "
          + "trained on " + schema.featureDim());
    }
    double[] m = ensemble.margins(batch, null);
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(answer(m, r * ensemble.outputs()));
    }
    return out;
  }

  private Prediction answer(double[] m, int offset) {
    return TabularAnswers.of(objective, classifier(), m, offset, ensemble.outputs());
  }
}

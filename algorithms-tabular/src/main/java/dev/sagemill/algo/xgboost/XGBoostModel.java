package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.internal.Booster;
import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
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
import java.util.stream.IntStream;

/**
 * A trained XGBoost model: a booster (a {@link TreeEnsemble} for {@code gbtree}/{@code dart}, a
 * {@link dev.sagemill.algo.gbdt.internal.LinearBooster} for {@code gblinear}), its objective and the schema it was trained
 * on. {@link #predict}
 * answers as SageMaker's XGBoost container does by default: {@code score}, XGBoost's {@code predict()} value
 * (the probability for {@code binary:logistic}, the class for {@code multi:softmax}, the probability vector for
 * {@code multi:softprob}, the mean for regression). {@link #predict(FeatureVector, List)} gives SageMaker's
 * selectable outputs ({@code SAGEMAKER_INFERENCE_OUTPUT}): {@code predicted_label}, {@code labels},
 * {@code probability}, {@code probabilities}, {@code raw_score}, {@code raw_scores}, {@code predicted_score}.
 *
 * <p>Batch prediction runs on the calling thread and the common fork-join pool (all cores). Immutable and thread-safe.
 */
public final class XGBoostModel implements Model, Explainable, FeatureImportance {
  private static final List<String> IMPORTANCE_TYPES = List.of("weight", "gain", "cover", "total_gain",
      "total_cover");
  /** The links behind probabilities, whatever the objective outputs by default (e.g. class ids, raw margins). */
  private static final Objective SOFTPROB = Objectives.of("multi:softprob", 0.7, 1.5, 1.0);
  private static final Objective LOGISTIC = Objectives.of("binary:logistic", 0.7, 1.5, 1.0);
  private final Booster booster;
  private final String objectiveName;
  private final Objective objective;
  private final int numClass;
  private final Schema schema;
  private final ModelCard card;

  /**
   * @param booster the trees or the linear weights
   * @param objectiveName the XGBoost objective name
   * @param numClass classes (0 when not a multiclass objective)
   * @param schema the training schema
   * @param card hyperparameters and metrics
   */
  public XGBoostModel(Booster booster, String objectiveName, int numClass, Schema schema, ModelCard card) {
    this.booster = Objects.requireNonNull(booster, "booster");
    this.objectiveName = objectiveName;
    this.objective = Objectives.of(objectiveName, 0.7, 1.5, 1.0);
    this.numClass = numClass;
    this.schema = schema;
    this.card = card;
    if (schema.featureDim() != booster.featureDim()) {
      throw new IllegalArgumentException("schema has " + schema.featureDim() + " features, the booster "
          + booster.featureDim());
    }
  }

  /** @return the booster: trees or linear weights */
  public Booster booster() {
    return booster;
  }

  /**
   * @return the tree ensemble
   * @throws IllegalStateException if this is a {@code gblinear} model
   */
  public TreeEnsemble ensemble() {
    if (booster instanceof TreeEnsemble e) {
      return e;
    }
    throw new IllegalStateException("this xgboost model is booster gblinear: it has linear weights, no trees");
  }

  @Override
  public List<String> importanceTypes() {
    return IMPORTANCE_TYPES;
  }

  /**
   * XGBoost's {@code get_score(importance_type=...)}: per feature, by name.
   *
   * @param type weight, gain, cover, total_gain or total_cover
   * @return every feature's importance
   * @throws IllegalStateException for a {@code gblinear} model, which has weights rather than splits
   */
  @Override
  public Map<String, Double> featureImportance(String type) {
    if (!IMPORTANCE_TYPES.contains(type)) {
      throw new IllegalArgumentException("importance type " + type + " is not one of " + IMPORTANCE_TYPES);
    }
    return FeatureImportance.byName(schema, ensemble().importance(type));
  }

  /** @return the XGBoost objective name */
  public String objective() {
    return objectiveName;
  }

  /** @return num_class, 0 for non-multiclass objectives */
  public int numClass() {
    return numClass;
  }

  @Override
  public String algorithm() {
    return XGBoostParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  private void checkDim(FeatureVector x) {
    if (x.dim() != schema.featureDim()) {
      throw new InvalidDataException("the row has " + x.dim() + " features, this xgboost model was trained on "
          + schema.featureDim());
    }
  }

  /**
   * The raw margins (before the objective's link) of one row.
   *
   * @param x the row
   * @return one margin per output
   */
  public double[] margin(FeatureVector x) {
    checkDim(x);
    return booster.margin(x);
  }

  /**
   * The leaf each tree sends a row to (XGBoost's {@code pred_leaf}).
   *
   * @param x the row
   * @return one leaf node id per tree
   * @throws IllegalStateException if this is a {@code gblinear} model
   */
  public int[] leaves(FeatureVector x) {
    checkDim(x);
    TreeEnsemble ensemble = ensemble();
    int[] out = new int[ensemble.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = ensemble.tree(t).leafOf(x);
    }
    return out;
  }

  @Override
  public Prediction predict(FeatureVector x) {
    return answer(margin(x), 0);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    double[] m = booster.margins(batch, null);
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(answer(m, r * booster.outputs()));
    }
    return out;
  }

  /**
   * XGBoost's {@code predict()} values for a batch, flat ({@code rows × width}, width = classes for softprob).
   *
   * @param batch the rows
   * @return the predictions
   */
  public double[] predictValues(RowBatch batch) {
    int k = booster.outputs();
    double[] m = booster.margins(batch, null);
    int width = objective.transformedWidth(k);
    int rows = batch.rows();
    double[] out = new double[rows * width];
    // On the common pool like the margins: the link function (an exp per row) is a few percent of a batch.
    IntStream.range(0, (rows + 4095) / 4096).parallel().forEach(c -> {
      for (int r = c * 4096, end = Math.min(rows, r + 4096); r < end; r++) {
        objective.transform(m, r * k, k, out, r * width);
      }
    });
    return out;
  }

  private Prediction answer(double[] m, int offset) {
    int k = booster.outputs();
    int width = objective.transformedWidth(k);
    double[] v = new double[width];
    objective.transform(m, offset, k, v, 0);
    Prediction.Builder b = Prediction.builder();
    if (width == 1) {
      b.put("score", v[0]);
    } else {
      b.put("score", v);
    }
    return b.build();
  }

  /**
   * SageMaker's selectable inference outputs.
   *
   * @param x the row
   * @param keys output names in the order wanted
   * @return the prediction with those outputs
   * @throws IllegalArgumentException if a key does not apply to this objective
   */
  public Prediction predict(FeatureVector x, List<String> keys) {
    double[] m = margin(x);
    int k = booster.outputs();
    boolean binary = objectiveName.startsWith("binary:") || objectiveName.equals("reg:logistic");
    boolean multi = k > 1;
    Prediction.Builder b = Prediction.builder();
    double[] probs = null;
    double prob = Double.NaN;
    if (multi) {
      probs = new double[k];
      SOFTPROB.transform(m, 0, k, probs, 0);
    } else if (binary) {
      double[] p = new double[1];
      (objectiveName.equals("binary:hinge") ? objective : LOGISTIC).transform(m, 0, 1, p, 0);
      prob = p[0];
    }
    for (String key : keys) {
      switch (key) {
        case "predicted_label" -> {
          if (multi) {
            int best = 0;
            for (int j = 1; j < k; j++) {
              if (m[j] > m[best]) {
                best = j;
              }
            }
            b.put(key, best);
          } else if (binary) {
            b.put(key, prob > 0.5 ? 1 : 0);
          } else {
            throw notFor(key);
          }
        }
        case "labels" -> {
          if (!multi && !binary) {
            throw notFor(key);
          }
          int n = multi ? k : 2;
          double[] labels = new double[n];
          for (int j = 0; j < n; j++) {
            labels[j] = j;
          }
          b.put(key, labels);
        }
        case "probability" -> {
          if (multi) {
            double best = 0;
            for (double p : probs) {
              best = Math.max(best, p);
            }
            b.put(key, best);
          } else if (binary) {
            b.put(key, prob);
          } else {
            throw notFor(key);
          }
        }
        case "probabilities" -> {
          if (multi) {
            b.put(key, probs);
          } else if (binary) {
            b.put(key, new double[] {1 - prob, prob});
          } else {
            throw notFor(key);
          }
        }
        case "raw_score" -> {
          if (multi) {
            double best = Double.NEGATIVE_INFINITY;
            for (double v : m) {
              best = Math.max(best, v);
            }
            b.put(key, best);
          } else {
            b.put(key, m[0]);
          }
        }
        case "raw_scores" -> b.put(key, multi ? m : new double[] {-m[0], m[0]});
        case "predicted_score" -> {
          if (multi || binary) {
            throw notFor(key);
          }
          double[] v = new double[1];
          objective.transform(m, 0, 1, v, 0);
          b.put(key, v[0]);
        }
        default -> throw new IllegalArgumentException("unknown inference output " + key + "; SageMaker's are "
            + "predicted_label, labels, probability, probabilities, raw_score, raw_scores, predicted_score");
      }
    }
    return b.build();
  }

  /**
   * SHAP contributions of one row: exact TreeSHAP for trees ({@link dev.sagemill.algo.gbdt.internal.TreeShap}), the exact
   * {@code w·x} terms for {@code gblinear}.
   *
   * @param x the row
   * @return {@code outputs × (features + 1)} values, bias last
   */
  @Override
  public double[] contributions(FeatureVector x) {
    checkDim(x);
    return booster.contributions(x.toDense());
  }

  /**
   * SHAP interaction values of one row (TreeSHAP's interactions; diagonal {@code w·x} terms for {@code gblinear}).
   *
   * @param x the row
   * @return {@code outputs × (features + 1)²} values
   */
  @Override
  public double[] interactions(FeatureVector x) {
    checkDim(x);
    return booster.interactions(x.toDense());
  }

  /**
   * A view of this model whose answers are other outputs: SageMaker's selectable outputs ({@code predicted_label},
   * {@code probability}, ...) or the SHAP explanations {@code contributions} / {@code interactions}.
   *
   * @param keys output names in order
   * @return the view (same algorithm, schema and card)
   * @throws IllegalArgumentException if a key is unknown or does not apply to the objective
   */
  public Model answering(List<String> keys) {
    List<String> ks = List.copyOf(keys);
    FeatureVector probe = FeatureVector.dense(new float[schema.featureDim()]);
    List<String> selectable = ks.stream().filter(k -> !k.equals("contributions") && !k.equals("interactions"))
        .toList();
    predict(probe, selectable);
    XGBoostModel self = this;
    return new Model() {
      @Override
      public String algorithm() {
        return self.algorithm();
      }

      @Override
      public Schema schema() {
        return self.schema();
      }

      @Override
      public ModelCard card() {
        return self.card();
      }

      @Override
      public Prediction predict(FeatureVector x) {
        Prediction base = self.predict(x, selectable);
        Prediction.Builder b = Prediction.builder();
        for (String k : ks) {
          switch (k) {
            case "contributions" -> b.put(k, self.contributions(x));
            case "interactions" -> b.put(k, self.interactions(x));
            default -> {
              if (base.isVector(k)) {
                b.put(k, base.getVector(k));
              } else {
                b.put(k, base.get(k));
              }
            }
          }
        }
        return b.build();
      }
    };
  }

  private IllegalArgumentException notFor(String key) {
    return new IllegalArgumentException("inference output " + key + " does not apply to objective "
        + objectiveName);
  }
}

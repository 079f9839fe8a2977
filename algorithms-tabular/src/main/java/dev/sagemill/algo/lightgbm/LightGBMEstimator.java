package dev.sagemill.algo.lightgbm;

import dev.sagemill.algo.gbdt.internal.BinnedData;
import dev.sagemill.algo.gbdt.internal.BoostConfig;
import dev.sagemill.algo.gbdt.internal.BoostingRun;
import dev.sagemill.algo.gbdt.internal.FeatureCompaction;
import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.MetricDialects;
import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.TreeParams;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.train.ThreadBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's LightGBM algorithm with sagemill's histogram engine: leaf-wise growth up to
 * {@code num_leaves} (and {@code max_depth}), {@code min_data_in_leaf} and {@code min_sum_hessian_in_leaf},
 * {@code min_gain_to_split}, L1/L2 regularisation, feature fraction per tree and per node, bagging every
 * {@code bagging_freq} iterations, GOSS, DART and random forests, class weights ({@code scale_pos_weight},
 * {@code is_unbalance}), and LightGBM's native categorical splits on the features listed by the channel's
 * {@code categorical_index.json}. The model starts from the label average ({@code boost_from_average}: log-odds,
 * class log-priors, mean). The validation channel is scored every iteration and drives
 * {@code early_stopping_rounds}; listeners receive {@code validation:binary_logloss} and the like, which the CLI
 * prints as LightGBM's {@code [10]\tvalidation's binary_logloss: 0.51} lines; checkpoints as for {@code xgboost}.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class LightGBMEstimator implements Estimator<LightGBMModel> {
  private static final Logger LOG = LoggerFactory.getLogger(LightGBMEstimator.class);
  private static final String CHECKPOINT_FORMAT = "sagemill.lightgbm.checkpoint";

  private final LightGBMParams params;

  /**
   * @param params validated hyperparameters
   */
  public LightGBMEstimator(LightGBMParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** @return the hyperparameters */
  public LightGBMParams params() {
    return params;
  }

  @Override
  public String algorithm() {
    return LightGBMParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public LightGBMModel fit(DataSource train, FitOptions options) throws IOException {
    Objects.requireNonNull(train, "train");
    Hyperparameters v = params.values();
    int threads = ThreadBudget.threads(options, LightGBMParams.ALGORITHM, "num_threads",
        v.getInt("num_threads") > 0 ? OptionalInt.of(v.getInt("num_threads")) : OptionalInt.empty());
    if (!v.getString("tree_learner").equals("serial") || v.getBoolean("use_dask")) {
      LOG.info("lightgbm: tree_learner {} / use_dask {}: training runs in this process on {} threads",
          v.getString("tree_learner"), v.getBoolean("use_dask"), threads);
    }
    String given = v.isAuto("objective") ? "auto" : v.getString("objective");
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      long started = System.nanoTime();
      Schema schema = train.schema();
      Optional<FeatureCompaction> compaction = FeatureCompaction.plan(train);
      DataSource rows = compaction.map(c -> c.view(train)).orElse(train);
      FitOptions channels = compaction.map(c -> c.view(options)).orElse(options);
      int[] categorical = rows.schema().categoricalFeatures();
      BinnedData data = BinnedData.build(rows, v.getInt("max_bin"), v.getLong("seed"), pool,
          label -> Float.isFinite(label) ? null : "label is " + label + "; labels must be finite numbers",
          categorical, true);
      LOG.info("lightgbm: {} rows x {} features ({} categorical) binned ({} MB) in {} ms", data.rows(),
          data.features(), categorical.length, data.binnedBytes() >> 20, (System.nanoTime() - started) / 1_000_000);
      String objName = given;
      if (given.equals("auto")) {
        Objectives.ProblemGuess guess = Objectives.inferProblem(data.labels());
        objName = guess.problem();
        LOG.info("lightgbm: objective auto is {}: {}", objName, guess.reason());
      }
      int numClass = objName.equals("multiclass") ? numClass(v, data.labels()) : 0;
      Objective objective = Objectives.lightgbm(objName, numClass, v.getDouble("tweedie_variance_power"));
      checkLabels(objective, data.labels(), numClass, train);
      int outputs = objective.outputs(numClass);
      List<EvalMetric> metrics = new ArrayList<>();
      for (String m : EvalMetric.parseList(v.getString("metric"))) {
        metrics.add(MetricDialects.lightgbm(m.equals("auto") ? defaultMetric(objName) : m));
      }
      double[] classWeights = classWeights(v, objName, data.labels());
      BoostConfig cfg = new BoostConfig(v.getInt("num_boost_round"), rowSampling(v),
          v.getDouble("feature_fraction"), v.getLong("seed"), Double.NaN, metrics,
          Math.max(0, v.getInt("early_stopping_rounds")), dart(v), classWeights[1], classWeights[0],
          v.getString("boosting").equals("rf"));
      BoostingRun.Outcome out = BoostingRun.run(rows, data, channels, new BoostingRun.Spec(LightGBMParams.ALGORITHM,
          v, objective, numClass, treeParams(v), cfg, outputs, null,
          baseMargins(v, objName, objective, numClass, outputs, data), CHECKPOINT_FORMAT), pool);
      LOG.info("lightgbm: {} iterations in {} ms; {} trees kept{}", out.roundsRun(),
          (System.nanoTime() - started) / 1_000_000, out.ensemble().size(),
          out.stoppedEarly() ? " (best iteration " + (out.bestRound() + 1) + ")" : "");
      return new LightGBMModel(compaction.map(c -> c.restore(out.ensemble())).orElse(out.ensemble()), objName,
          numClass, schema,
          new ModelCard(LightGBMParams.ALGORITHM, v.toSageMaker(), out.metrics(), SagemillVersion.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static int numClass(Hyperparameters v, float[] labels) {
    if (v.isSet("num_class")) {
      return v.getInt("num_class");
    }
    float max = 0;
    for (float y : labels) {
      max = Math.max(max, y);
    }
    return Math.max(2, (int) max + 1);
  }

  private static void checkLabels(Objective objective, float[] labels, int numClass, DataSource train) {
    for (int r = 0; r < labels.length; r++) {
      String bad = objective.labelProblem(labels[r], numClass);
      if (bad != null) {
        throw new InvalidDataException("training data " + train.description() + ", row " + (r + 1) + ": " + bad);
      }
    }
  }

  private static String defaultMetric(String objective) {
    return switch (objective) {
      case "binary" -> "binary_logloss";
      case "multiclass" -> "multi_logloss";
      case "cross_entropy" -> "cross_entropy";
      case "lambdarank" -> "ndcg";
      case "regression_l1" -> "l1";
      default -> "rmse";
    };
  }

  /** {negative, positive} gradient weights: scale_pos_weight, and is_unbalance as LightGBM sets them. */
  private static double[] classWeights(Hyperparameters v, String objective, float[] labels) {
    double pos = v.getDouble("scale_pos_weight");
    double neg = 1;
    if (objective.equals("binary") && v.getBoolean("is_unbalance")) {
      long positives = 0;
      for (float y : labels) {
        positives += y == 1f ? 1 : 0;
      }
      long negatives = labels.length - positives;
      if (positives > 0 && negatives > 0) {
        if (positives > negatives) {
          neg = (double) positives / negatives;
        } else {
          pos *= (double) negatives / positives;
        }
      }
    }
    return new double[] {neg, pos};
  }

  private static BoostConfig.RowSampling rowSampling(Hyperparameters v) {
    if (v.getString("boosting").equals("goss")) {
      return new BoostConfig.RowSampling(BoostConfig.RowSampling.Kind.GOSS, 1.0, 1, v.getDouble("top_rate"),
          v.getDouble("other_rate"));
    }
    int freq = v.getInt("bagging_freq");
    double fraction = v.getDouble("bagging_fraction");
    if (freq <= 0 || fraction >= 1) {
      return BoostConfig.RowSampling.ALL;
    }
    return new BoostConfig.RowSampling(BoostConfig.RowSampling.Kind.UNIFORM, fraction, freq, 0, 0);
  }

  private static BoostConfig.DartConfig dart(Hyperparameters v) {
    if (!v.getString("boosting").equals("dart")) {
      return null;
    }
    return new BoostConfig.DartConfig(!v.getBoolean("uniform_drop"), false, v.getDouble("drop_rate"),
        v.getDouble("skip_drop"), false, Math.max(0, v.getInt("max_drop")), v.getBoolean("xgboost_dart_mode"));
  }

  private static TreeParams treeParams(Hyperparameters v) {
    boolean rf = v.getString("boosting").equals("rf");
    TreeParams.CategoricalParams cat = new TreeParams.CategoricalParams(v.getInt("max_cat_to_onehot"),
        v.getInt("max_cat_threshold"), v.getDouble("cat_smooth"), v.getDouble("cat_l2"),
        v.getInt("min_data_per_group"));
    return new TreeParams(rf ? 1.0 : v.getDouble("learning_rate"), v.getDouble("lambda_l2"), v.getDouble("lambda_l1"),
        v.getDouble("min_gain_to_split"), v.getDouble("min_sum_hessian_in_leaf"),
        Math.max(0, v.getDouble("max_delta_step")), Math.max(0, v.getInt("max_depth")), v.getInt("num_leaves"), true,
        1.0, v.getDouble("feature_fraction_bynode"), new int[0], List.of(), v.getInt("min_data_in_leaf"), cat);
  }

  /**
   * LightGBM's {@code boost_from_average}: the objective's estimate from the labels (log-odds of the positive
   * rate, the mean, the median for L1, the log-mean for Poisson/gamma/Tweedie), class log-priors for multiclass,
   * 0 for ranking or when switched off.
   */
  private static double[] baseMargins(Hyperparameters v, String objName, Objective objective, int numClass,
      int outputs, BinnedData data) {
    double[] base = new double[outputs];
    if (!v.getBoolean("boost_from_average") || objName.equals("lambdarank")) {
      return base;
    }
    float[] y = data.labels();
    float[] w = data.weights();
    if (objName.equals("multiclass")) {
      double[] count = new double[numClass];
      double total = 0;
      for (int r = 0; r < y.length; r++) {
        double wr = w == null ? 1 : w[r];
        count[(int) y[r]] += wr;
        total += wr;
      }
      for (int c = 0; c < numClass; c++) {
        base[c] = Math.log(Math.max(1e-15, count[c] / total));
      }
      return base;
    }
    Arrays.fill(base, objective.baseMargin(objective.estimateBaseScore(y, w)));
    return base;
  }
}

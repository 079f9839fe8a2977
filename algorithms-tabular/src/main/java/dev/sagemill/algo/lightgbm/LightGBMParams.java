package dev.sagemill.algo.lightgbm;

import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.MetricDialects;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SageMaker LightGBM hyperparameters, with SageMaker's names, defaults and ranges (its defaults differ from
 * LightGBM's own: {@code num_leaves} 64, {@code max_depth} 6, {@code min_data_in_leaf} 3, {@code feature_fraction}
 * and {@code bagging_fraction} 0.9, {@code bagging_freq} 1, {@code early_stopping_rounds} 10), plus the LightGBM
 * parameters behind the options SageMaker exposes ({@code top_rate}/{@code other_rate} for GOSS,
 * {@code drop_rate}/{@code max_drop}/{@code skip_drop} for DART, the categorical split settings, {@code objective}
 * and {@code num_class}) with LightGBM's defaults. Built from the string map of {@code hyperparameters.json}
 * ({@link #parse(Map)}) or the typed {@link #builder()}.
 *
 * <p>Where sagemill decides: {@code objective=auto} (SageMaker picks the problem type from the labels) means
 * {@code binary} when every label is 0 or 1, {@code multiclass} when the labels are integers 0..k−1 with k ≥ 3
 * and k ≤ 1000, {@code regression} otherwise; {@code tree_learner} and {@code use_dask} are accepted and training
 * runs in this process on {@code num_threads} threads (0 = all cores).
 *
 * <p>Immutable and thread-safe.
 */
public final class LightGBMParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "lightgbm";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .number("num_boost_round", ParamType.INT, 1, true, INF, false, "100", false,
          "Maximum boosting iterations (num_class trees each for multiclass).")
      .number("early_stopping_rounds", ParamType.INT, Double.NEGATIVE_INFINITY, false, INF, false, "10", false,
          "Stop when the validation metric has not improved for this many rounds; <= 0 disables.")
      .text("metric", "auto", "Evaluation metric(s), comma-separated; auto = rmse, binary_logloss or multi_logloss"
          + " by problem type; the last drives early stopping.")
      .number("learning_rate", ParamType.DOUBLE, 0, false, 1, true, "0.1", false, "Shrinkage of each tree.")
      .number("num_leaves", ParamType.INT, 2, true, 131_072, true, "64", false, "Maximum leaves per tree.")
      .number("feature_fraction", ParamType.DOUBLE, 0, false, 1, true, "0.9", false,
          "Fraction of features sampled per tree.")
      .number("bagging_fraction", ParamType.DOUBLE, 0, false, 1, true, "0.9", false,
          "Fraction of rows sampled (without replacement) per bagging.")
      .number("bagging_freq", ParamType.INT, 0, true, INF, false, "1", false,
          "Draw a new bag every this many iterations; 0 disables bagging.")
      .number("max_depth", ParamType.INT, Double.NEGATIVE_INFINITY, false, INF, false, "6", false,
          "Maximum tree depth; <= 0 means no limit.")
      .number("min_data_in_leaf", ParamType.INT, 0, true, INF, false, "3", false, "Minimum rows in a leaf.")
      .number("min_sum_hessian_in_leaf", ParamType.DOUBLE, 0, true, INF, false, "0.001", false,
          "Minimum hessian sum in a leaf.")
      .number("max_delta_step", ParamType.DOUBLE, Double.NEGATIVE_INFINITY, false, INF, false, "0", false,
          "Maximum absolute leaf output before shrinkage; <= 0 means no limit.")
      .number("lambda_l1", ParamType.DOUBLE, 0, true, INF, false, "0", false, "L1 regularisation.")
      .number("lambda_l2", ParamType.DOUBLE, 0, true, INF, false, "0", false, "L2 regularisation.")
      .choice("boosting", Boosting.class, Boosting.GBDT, false,
          "gbdt; rf (random forest); dart (dropout trees); goss (gradient-based one-side sampling).")
      .number("min_gain_to_split", ParamType.DOUBLE, 0, true, INF, false, "0", false,
          "Minimum gain to perform a split.")
      .number("scale_pos_weight", ParamType.DOUBLE, 0, false, INF, false, "1", false,
          "Weight of positive rows (binary).")
      .bool("is_unbalance", "false", false, "Weight classes by their inverse frequency (binary).")
      .choice("tree_learner", TreeLearner.class, TreeLearner.SERIAL, false,
          "Distributed learner type; every choice trains in this process.")
      .number("feature_fraction_bynode", ParamType.DOUBLE, 0, false, 1, true, "1", false,
          "Fraction of the tree's features sampled per split.")
      .number("max_bin", ParamType.INT, 2, true, 65_535, true, "255", false, "Maximum histogram bins per feature.")
      .number("num_threads", ParamType.INT, 0, true, 4096, true, "0", false, "Threads; 0 = all cores.")
      .number("verbosity", ParamType.INT, Double.NEGATIVE_INFINITY, false, INF, false, "1", false,
          "< 0 fatal, 0 warnings, 1 info, > 1 debug.")
      .bool("use_dask", "false", false, "Accepted for compatibility; training runs in this process.")
      .choice("objective", withAuto(Objectives.LIGHTGBM_NAMES), "auto", false,
          "The loss; auto = from the labels (binary, multiclass or regression).")
      .number("num_class", ParamType.INT, 1, true, 1_000_000, true, null, false,
          "Classes for multiclass; from the labels when not given.")
      .number("top_rate", ParamType.DOUBLE, 0, true, 1, true, "0.2", false, "GOSS: fraction of large gradients kept.")
      .number("other_rate", ParamType.DOUBLE, 0, false, 1, true, "0.1", false,
          "GOSS: fraction of small gradients sampled.")
      .number("drop_rate", ParamType.DOUBLE, 0, true, 1, true, "0.1", false, "DART: fraction of trees dropped.")
      .number("max_drop", ParamType.INT, Double.NEGATIVE_INFINITY, false, INF, false, "50", false,
          "DART: most trees dropped per iteration; <= 0 means no limit.")
      .number("skip_drop", ParamType.DOUBLE, 0, true, 1, true, "0.5", false, "DART: probability of no dropout.")
      .bool("xgboost_dart_mode", "false", false, "DART: normalise as XGBoost does.")
      .bool("uniform_drop", "false", false, "DART: drop trees uniformly instead of by weight.")
      .number("max_cat_to_onehot", ParamType.INT, 1, true, INF, false, "4", false,
          "Categorical features with at most this many categories split one-vs-rest.")
      .number("max_cat_threshold", ParamType.INT, 1, true, INF, false, "32", false,
          "Most categories on one side of a many-vs-many split.")
      .number("cat_smooth", ParamType.DOUBLE, 0, true, INF, false, "10", false,
          "Smoothing of category gradient ratios; categories with fewer rows are not sorted.")
      .number("cat_l2", ParamType.DOUBLE, 0, true, INF, false, "10", false, "L2 regularisation of categorical splits.")
      .number("min_data_per_group", ParamType.INT, 1, true, INF, false, "100", false,
          "Minimum rows per category group of a split.")
      .bool("boost_from_average", "true", false, "Start from the label average (log-odds, class priors).")
      .number("tweedie_variance_power", ParamType.DOUBLE, 1, true, 2, false, "1.5", false,
          "Variance power of tweedie.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Random seed.")
      .crossCheck(LightGBMParams::check)
      .build();

  private static List<String> withAuto(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.add(0, "auto");
    return out;
  }

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("metric") instanceof String s) {
      for (String m : EvalMetric.parseList(s)) {
        if (!m.equals("auto")) {
          try {
            MetricDialects.lightgbm(m);
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
          }
        }
      }
    }
    if ("goss".equals(v.get("boosting")) && v.get("top_rate") instanceof Number top
        && v.get("other_rate") instanceof Number other && top.doubleValue() + other.doubleValue() > 1) {
      problems.add("goss needs top_rate + other_rate <= 1, got " + top + " + " + other);
    }
    if ("rf".equals(v.get("boosting"))) {
      boolean bagging = v.get("bagging_freq") instanceof Number f && f.intValue() > 0
          && v.get("bagging_fraction") instanceof Number b && b.doubleValue() < 1;
      boolean features = v.get("feature_fraction") instanceof Number f2 && f2.doubleValue() < 1;
      if (!bagging && !features) {
        problems.add("boosting rf needs bagging (bagging_freq > 0 and bagging_fraction < 1) or feature_fraction < 1");
      }
    }
    if ("multiclass".equals(v.get("objective")) && v.get("num_class") instanceof Number n && n.intValue() < 2) {
      problems.add("multiclass needs num_class >= 2, got " + n);
    }
  }

  private LightGBMParams(Hyperparameters values) {
    super(values);
  }

  /**
   * Parses SageMaker-style hyperparameters.
   *
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static LightGBMParams parse(Map<String, String> hyperparameters) {
    return new LightGBMParams(SPEC.parse(hyperparameters));
  }

  /** @return a typed builder starting from SageMaker's defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** The values of {@code boosting}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum Boosting implements Choice {
    /** {@code gbdt} */
    GBDT("gbdt"),
    /** {@code rf} */
    RF("rf"),
    /** {@code dart} */
    DART("dart"),
    /** {@code goss} */
    GOSS("goss");

    private final String value;

    Boosting(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code tree_learner}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum TreeLearner implements Choice {
    /** {@code serial} */
    SERIAL("serial"),
    /** {@code feature} */
    FEATURE("feature"),
    /** {@code data} */
    DATA("data"),
    /** {@code voting} */
    VOTING("voting");

    private final String value;

    TreeLearner(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code objective}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum Objective implements Choice {
    /** {@code auto} */
    AUTO("auto"),
    /** {@code regression} */
    REGRESSION("regression"),
    /** {@code regression_l1} */
    REGRESSION_L1("regression_l1"),
    /** {@code binary} */
    BINARY("binary"),
    /** {@code multiclass} */
    MULTICLASS("multiclass"),
    /** {@code cross_entropy} */
    CROSS_ENTROPY("cross_entropy"),
    /** {@code poisson} */
    POISSON("poisson"),
    /** {@code gamma} */
    GAMMA("gamma"),
    /** {@code tweedie} */
    TWEEDIE("tweedie"),
    /** {@code lambdarank} */
    LAMBDARANK("lambdarank");

    private final String value;

    Objective(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link LightGBMParams}; names and meanings are LightGBM's. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<LightGBMParams, Builder> {
    private Builder() {
      super(LightGBMParams::parse);
    }

    /**
     * @param rounds boosting iterations
     * @return this builder
     */
    public Builder numBoostRound(int rounds) {
      return set("num_boost_round", Integer.toString(rounds));
    }

    /**
     * @param leaves maximum leaves per tree
     * @return this builder
     */
    public Builder numLeaves(int leaves) {
      return set("num_leaves", Integer.toString(leaves));
    }

    /**
     * @param rate shrinkage
     * @return this builder
     */
    public Builder learningRate(double rate) {
      return set("learning_rate", Double.toString(rate));
    }

    /**
     * @param objective a LightGBM objective name or auto
     * @return this builder
     */
    public Builder objective(String objective) {
      return set("objective", objective);
    }

    /**
     * @param value the {@code objective} constant
     * @return this builder
     */
    public Builder objective(Objective value) {
      return set("objective", value);
    }

    /**
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      return set("seed", Long.toString(seed));
    }
    /**
     * {@code early_stopping_rounds}: Stop when the validation metric has not improved for this many rounds; &lt;= 0 disables.
     *
     * @param value an integer; default {@code 10}
     * @return this builder
     */
    public Builder earlyStoppingRounds(int value) {
      return set("early_stopping_rounds", Integer.toString(value));
    }

    /**
     * {@code metric}: Evaluation metric(s), comma-separated; auto = rmse, binary_logloss or multi_logloss by problem type; the last drives early stopping.
     *
     * @param value a string; default {@code auto}
     * @return this builder
     */
    public Builder metric(String value) {
      return set("metric", value);
    }

    /**
     * {@code feature_fraction}: Fraction of features sampled per tree.
     *
     * @param value a number in (0, 1]; default {@code 0.9}
     * @return this builder
     */
    public Builder featureFraction(double value) {
      return set("feature_fraction", Double.toString(value));
    }

    /**
     * {@code bagging_fraction}: Fraction of rows sampled (without replacement) per bagging.
     *
     * @param value a number in (0, 1]; default {@code 0.9}
     * @return this builder
     */
    public Builder baggingFraction(double value) {
      return set("bagging_fraction", Double.toString(value));
    }

    /**
     * {@code bagging_freq}: Draw a new bag every this many iterations; 0 disables bagging.
     *
     * @param value an integer &gt;= 0; default {@code 1}
     * @return this builder
     */
    public Builder baggingFreq(int value) {
      return set("bagging_freq", Integer.toString(value));
    }

    /**
     * {@code max_depth}: Maximum tree depth; &lt;= 0 means no limit.
     *
     * @param value an integer; default {@code 6}
     * @return this builder
     */
    public Builder maxDepth(int value) {
      return set("max_depth", Integer.toString(value));
    }

    /**
     * {@code min_data_in_leaf}: Minimum rows in a leaf.
     *
     * @param value an integer &gt;= 0; default {@code 3}
     * @return this builder
     */
    public Builder minDataInLeaf(int value) {
      return set("min_data_in_leaf", Integer.toString(value));
    }

    /**
     * {@code min_sum_hessian_in_leaf}: Minimum hessian sum in a leaf.
     *
     * @param value a number &gt;= 0; default {@code 0.001}
     * @return this builder
     */
    public Builder minSumHessianInLeaf(double value) {
      return set("min_sum_hessian_in_leaf", Double.toString(value));
    }

    /**
     * {@code max_delta_step}: Maximum absolute leaf output before shrinkage; &lt;= 0 means no limit.
     *
     * @param value a number; default {@code 0}
     * @return this builder
     */
    public Builder maxDeltaStep(double value) {
      return set("max_delta_step", Double.toString(value));
    }

    /**
     * {@code lambda_l1}: L1 regularisation.
     *
     * @param value a number &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder lambdaL1(double value) {
      return set("lambda_l1", Double.toString(value));
    }

    /**
     * {@code lambda_l2}: L2 regularisation.
     *
     * @param value a number &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder lambdaL2(double value) {
      return set("lambda_l2", Double.toString(value));
    }

    /**
     * {@code boosting}: gbdt; rf (random forest); dart (dropout trees); goss (gradient-based one-side sampling).
     *
     * @param value one of [gbdt, rf, dart, goss]; default {@code gbdt}
     * @return this builder
     */
    public Builder boosting(String value) {
      return set("boosting", value);
    }

    /**
     * @param value the {@code boosting} constant
     * @return this builder
     */
    public Builder boosting(Boosting value) {
      return set("boosting", value);
    }

    /**
     * {@code min_gain_to_split}: Minimum gain to perform a split.
     *
     * @param value a number &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder minGainToSplit(double value) {
      return set("min_gain_to_split", Double.toString(value));
    }

    /**
     * {@code scale_pos_weight}: Weight of positive rows (binary).
     *
     * @param value a number &gt; 0; default {@code 1}
     * @return this builder
     */
    public Builder scalePosWeight(double value) {
      return set("scale_pos_weight", Double.toString(value));
    }

    /**
     * {@code is_unbalance}: Weight classes by their inverse frequency (binary).
     *
     * @param value true or false; default {@code false}
     * @return this builder
     */
    public Builder isUnbalance(boolean value) {
      return set("is_unbalance", Boolean.toString(value));
    }

    /**
     * {@code tree_learner}: Distributed learner type; every choice trains in this process.
     *
     * @param value one of [serial, feature, data, voting]; default {@code serial}
     * @return this builder
     */
    public Builder treeLearner(String value) {
      return set("tree_learner", value);
    }

    /**
     * @param value the {@code tree_learner} constant
     * @return this builder
     */
    public Builder treeLearner(TreeLearner value) {
      return set("tree_learner", value);
    }

    /**
     * {@code feature_fraction_bynode}: Fraction of the tree's features sampled per split.
     *
     * @param value a number in (0, 1]; default {@code 1}
     * @return this builder
     */
    public Builder featureFractionBynode(double value) {
      return set("feature_fraction_bynode", Double.toString(value));
    }

    /**
     * {@code max_bin}: Maximum histogram bins per feature.
     *
     * @param value an integer in [2, 65535]; default {@code 255}
     * @return this builder
     */
    public Builder maxBin(int value) {
      return set("max_bin", Integer.toString(value));
    }

    /**
     * {@code num_threads}: Threads; 0 = all cores.
     *
     * @param value an integer in [0, 4096]; default {@code 0}
     * @return this builder
     */
    public Builder numThreads(int value) {
      return set("num_threads", Integer.toString(value));
    }

    /**
     * {@code verbosity}: &lt; 0 fatal, 0 warnings, 1 info, &gt; 1 debug.
     *
     * @param value an integer; default {@code 1}
     * @return this builder
     */
    public Builder verbosity(int value) {
      return set("verbosity", Integer.toString(value));
    }

    /**
     * {@code use_dask}: Accepted for compatibility; training runs in this process.
     *
     * @param value true or false; default {@code false}
     * @return this builder
     */
    public Builder useDask(boolean value) {
      return set("use_dask", Boolean.toString(value));
    }

    /**
     * {@code num_class}: Classes for multiclass; from the labels when not given.
     *
     * @param value an integer in [1, 1000000]
     * @return this builder
     */
    public Builder numClass(int value) {
      return set("num_class", Integer.toString(value));
    }

    /**
     * {@code top_rate}: GOSS: fraction of large gradients kept.
     *
     * @param value a number in [0, 1]; default {@code 0.2}
     * @return this builder
     */
    public Builder topRate(double value) {
      return set("top_rate", Double.toString(value));
    }

    /**
     * {@code other_rate}: GOSS: fraction of small gradients sampled.
     *
     * @param value a number in (0, 1]; default {@code 0.1}
     * @return this builder
     */
    public Builder otherRate(double value) {
      return set("other_rate", Double.toString(value));
    }

    /**
     * {@code drop_rate}: DART: fraction of trees dropped.
     *
     * @param value a number in [0, 1]; default {@code 0.1}
     * @return this builder
     */
    public Builder dropRate(double value) {
      return set("drop_rate", Double.toString(value));
    }

    /**
     * {@code max_drop}: DART: most trees dropped per iteration; &lt;= 0 means no limit.
     *
     * @param value an integer; default {@code 50}
     * @return this builder
     */
    public Builder maxDrop(int value) {
      return set("max_drop", Integer.toString(value));
    }

    /**
     * {@code skip_drop}: DART: probability of no dropout.
     *
     * @param value a number in [0, 1]; default {@code 0.5}
     * @return this builder
     */
    public Builder skipDrop(double value) {
      return set("skip_drop", Double.toString(value));
    }

    /**
     * {@code xgboost_dart_mode}: DART: normalise as XGBoost does.
     *
     * @param value true or false; default {@code false}
     * @return this builder
     */
    public Builder xgboostDartMode(boolean value) {
      return set("xgboost_dart_mode", Boolean.toString(value));
    }

    /**
     * {@code uniform_drop}: DART: drop trees uniformly instead of by weight.
     *
     * @param value true or false; default {@code false}
     * @return this builder
     */
    public Builder uniformDrop(boolean value) {
      return set("uniform_drop", Boolean.toString(value));
    }

    /**
     * {@code max_cat_to_onehot}: Categorical features with at most this many categories split one-vs-rest.
     *
     * @param value an integer &gt;= 1; default {@code 4}
     * @return this builder
     */
    public Builder maxCatToOnehot(int value) {
      return set("max_cat_to_onehot", Integer.toString(value));
    }

    /**
     * {@code max_cat_threshold}: Most categories on one side of a many-vs-many split.
     *
     * @param value an integer &gt;= 1; default {@code 32}
     * @return this builder
     */
    public Builder maxCatThreshold(int value) {
      return set("max_cat_threshold", Integer.toString(value));
    }

    /**
     * {@code cat_smooth}: Smoothing of category gradient ratios; categories with fewer rows are not sorted.
     *
     * @param value a number &gt;= 0; default {@code 10}
     * @return this builder
     */
    public Builder catSmooth(double value) {
      return set("cat_smooth", Double.toString(value));
    }

    /**
     * {@code cat_l2}: L2 regularisation of categorical splits.
     *
     * @param value a number &gt;= 0; default {@code 10}
     * @return this builder
     */
    public Builder catL2(double value) {
      return set("cat_l2", Double.toString(value));
    }

    /**
     * {@code min_data_per_group}: Minimum rows per category group of a split.
     *
     * @param value an integer &gt;= 1; default {@code 100}
     * @return this builder
     */
    public Builder minDataPerGroup(int value) {
      return set("min_data_per_group", Integer.toString(value));
    }

    /**
     * {@code boost_from_average}: Start from the label average (log-odds, class priors).
     *
     * @param value true or false; default {@code true}
     * @return this builder
     */
    public Builder boostFromAverage(boolean value) {
      return set("boost_from_average", Boolean.toString(value));
    }

    /**
     * {@code tweedie_variance_power}: Variance power of tweedie.
     *
     * @param value a number in [1, 2); default {@code 1.5}
     * @return this builder
     */
    public Builder tweedieVariancePower(double value) {
      return set("tweedie_variance_power", Double.toString(value));
    }
  }
}

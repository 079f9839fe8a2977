package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * SageMaker XGBoost hyperparameters, with SageMaker's (= XGBoost's) names, defaults and ranges. Built from the
 * string map of {@code hyperparameters.json} ({@link #parse(Map)}) or the typed {@link #builder(int)}; both go
 * through the one {@link #SPEC}.
 *
 * <p>Where sagemill decides: {@code tree_method} {@code exact}, {@code approx} and {@code gpu_hist} train with the
 * histogram method ({@code hist}), noted in the log; {@code base_score}, when not given, is estimated from the
 * labels as XGBoost ≥ 2.0 does (the mean for squared error, the label rate for logistic objectives, the median for
 * absolute error, 0.5 for multiclass and ranking); {@code nthread} {@code auto} uses every core. With
 * {@code booster=gblinear}, {@code eta} and {@code lambda} default to XGBoost's linear defaults 0.5 and 0 when not
 * given, and the tree-only settings (depth, sampling, constraints, ...) do not apply.
 *
 * <p>Immutable and thread-safe.
 */
public final class XGBoostParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "xgboost";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("num_round", ParamType.INT, 1, 1_000_000, "Number of boosting rounds.")
      .number("num_class", ParamType.INT, 2, true, 1_000_000, true, null, false,
          "Number of classes; required for multi:softmax and multi:softprob.")
      .choice("objective", Objectives.NAMES, "reg:squarederror", false, "The learning objective.")
      .number("eta", ParamType.DOUBLE, 0, true, 1, true, "0.3", false,
          "Step-size shrinkage of each round (gblinear's default is 0.5, as in XGBoost).")
      .number("gamma", ParamType.DOUBLE, 0, true, INF, false, "0", false,
          "Minimum loss reduction for a further partition (min_split_loss).")
      .number("max_depth", ParamType.INT, 0, true, INF, false, "6", false,
          "Maximum tree depth; 0 means no limit (lossguide only).")
      .number("min_child_weight", ParamType.DOUBLE, 0, true, INF, false, "1", false,
          "Minimum sum of instance hessians in a child.")
      .number("max_delta_step", ParamType.DOUBLE, 0, true, INF, false, "0", false,
          "Maximum absolute leaf output before shrinkage; 0 = no limit (count:poisson's own safeguard is 0.7).")
      .number("subsample", ParamType.DOUBLE, 0, false, 1, true, "1", false, "Fraction of rows sampled per round.")
      .choice("sampling_method", SamplingMethod.class, SamplingMethod.UNIFORM, false,
          "Row sampling: uniform, or proportional to the regularised gradient (reweighted).")
      .number("colsample_bytree", ParamType.DOUBLE, 0, false, 1, true, "1", false,
          "Fraction of features sampled per tree.")
      .number("colsample_bylevel", ParamType.DOUBLE, 0, false, 1, true, "1", false,
          "Fraction of the tree's features sampled per depth level.")
      .number("colsample_bynode", ParamType.DOUBLE, 0, false, 1, true, "1", false,
          "Fraction of the level's features sampled per split.")
      .number("lambda", ParamType.DOUBLE, 0, true, INF, false, "1", false,
          "L2 regularisation of leaf weights (gblinear: of the coefficients, default 0, as in XGBoost).")
      .number("alpha", ParamType.DOUBLE, 0, true, INF, false, "0", false, "L1 regularisation of leaf weights.")
      .choice("tree_method", TreeMethod.class, TreeMethod.AUTO, false,
          "Tree construction; every value trains with the histogram method.")
      .number("sketch_eps", ParamType.DOUBLE, 0, false, 1, false, "0.03", false,
          "Accepted for compatibility (approx); the histogram method uses max_bin.")
      .number("max_bin", ParamType.INT, 2, true, 65_535, true, "256", false, "Maximum histogram bins per feature.")
      .choice("grow_policy", GrowPolicy.class, GrowPolicy.DEPTHWISE, false,
          "Split nodes level by level, or the node with the largest loss reduction first.")
      .number("max_leaves", ParamType.INT, 0, true, INF, false, "0", false, "Maximum leaves per tree; 0 = no limit.")
      .number("scale_pos_weight", ParamType.DOUBLE, 0, false, INF, false, "1", false,
          "Weight multiplier of positive rows (binary objectives).")
      .number("base_score", ParamType.DOUBLE, Double.NEGATIVE_INFINITY, false, INF, false, null, false,
          "Initial prediction of every row; estimated from the labels when not given.")
      .text("eval_metric", null,
          "Comma-separated evaluation metrics; the objective's default when not given; the last drives early stopping.")
      .number("early_stopping_rounds", ParamType.INT, 1, true, INF, false, null, false,
          "Stop when the last metric on the validation channel has not improved for this many rounds.")
      .choice("booster", Booster.class, Booster.GBTREE, false,
          "Tree boosting, DART (dropout trees), or a linear model by coordinate descent (gblinear).")
      .text("updater", null, "gblinear: shotgun (default) or coord_descent. Trees: XGBoost's tree updater names "
          + "(grow_colmaker, prune, ...) are accepted; trees always grow by the histogram method.")
      .choice("feature_selector", FeatureSelector.class, FeatureSelector.CYCLIC, false,
          "gblinear: the order of coordinate updates; shotgun takes cyclic or shuffle.")
      .number("top_k", ParamType.INT, 0, true, INF, false, "0", false,
          "gblinear with greedy or thrifty: features updated per output and round; 0 = all.")
      .choice("sample_type", SampleType.class, SampleType.UNIFORM, false, "DART: how dropped trees are drawn.")
      .choice("normalize_type", NormalizeType.class, NormalizeType.TREE, false, "DART: weight normalisation.")
      .number("rate_drop", ParamType.DOUBLE, 0, true, 1, true, "0", false, "DART: fraction of trees dropped.")
      .number("skip_drop", ParamType.DOUBLE, 0, true, 1, true, "0", false, "DART: probability of no dropout.")
      .number("one_drop", ParamType.INT, 0, true, 1, true, "0", false, "DART: 1 = always drop at least one tree.")
      .text("monotone_constraints", null, "Per-feature monotonicity, e.g. (1,0,-1).")
      .text("interaction_constraints", null, "Allowed feature interactions, e.g. [[0,1],[2,3,4]].")
      .number("tweedie_variance_power", ParamType.DOUBLE, 1, false, 2, false, "1.5", false,
          "Variance power of reg:tweedie.")
      .number("huber_slope", ParamType.DOUBLE, 0, false, INF, false, "1", false,
          "Delta of reg:pseudohubererror.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Random seed.")
      .number("nthread", ParamType.INT, 1, true, 4096, true, "auto", true, "Threads; auto = all cores.")
      .number("csv_weights", ParamType.INT, 0, true, 1, true, "0", false,
          "1 = the CSV column after the label is the instance weight.")
      .number("verbosity", ParamType.INT, 0, true, 3, true, "1", false, "0 silent, 1 warnings, 2 info, 3 debug.")
      .crossCheck(XGBoostParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    String objective = (String) v.get("objective");
    if (objective != null && objective.startsWith("multi:") && v.get("num_class") == null) {
      problems.add("num_class is required when objective is " + objective);
    }
    Object depth = v.get("max_depth");
    if (depth instanceof Number d && d.intValue() == 0) {
      Object leaves = v.get("max_leaves");
      if (!"lossguide".equals(v.get("grow_policy")) || !(leaves instanceof Number l) || l.intValue() == 0) {
        problems.add("max_depth 0 (no depth limit) needs grow_policy lossguide and max_leaves > 0");
      }
    }
    if (v.get("eval_metric") instanceof String s) {
      for (String m : EvalMetric.parseList(s)) {
        try {
          EvalMetric.of(m);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    checkUpdater(v, problems);
    if (v.get("monotone_constraints") instanceof String s) {
      try {
        Constraints.parseMonotone(s);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (v.get("interaction_constraints") instanceof String s) {
      try {
        Constraints.parseInteractions(s);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
  }

  private static final List<String> TREE_UPDATERS = List.of("grow_colmaker", "distcol", "grow_histmaker",
      "grow_local_histmaker", "grow_quantile_histmaker", "grow_gpu_hist", "grow_gpu_approx", "sync", "refresh",
      "prune");

  private static void checkUpdater(Map<String, Object> v, List<String> problems) {
    boolean linear = "gblinear".equals(v.get("booster"));
    String updater = v.get("updater") instanceof String s ? s.trim() : null;
    if (linear) {
      String u = updater == null ? "shotgun" : updater;
      if (!u.equals("shotgun") && !u.equals("coord_descent")) {
        problems.add("updater for booster gblinear must be shotgun or coord_descent, got " + u);
      } else if (u.equals("shotgun") && v.get("feature_selector") instanceof String fs && !fs.equals("cyclic")
          && !fs.equals("shuffle")) {
        problems.add("updater shotgun supports feature_selector cyclic or shuffle, got " + fs
            + "; use updater coord_descent");
      }
    } else if (updater != null) {
      for (String u : updater.split(",")) {
        if (!TREE_UPDATERS.contains(u.trim())) {
          problems.add("updater " + u.trim() + " is not an XGBoost tree updater " + TREE_UPDATERS
              + " (shotgun and coord_descent need booster gblinear)");
        }
      }
    }
  }

  private XGBoostParams(Hyperparameters values) {
    super(values);
  }

  /**
   * Parses SageMaker-style hyperparameters.
   *
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static XGBoostParams parse(Map<String, String> hyperparameters) {
    return new XGBoostParams(SPEC.parse(hyperparameters));
  }

  /**
   * Starts a typed builder.
   *
   * @param numRound the number of boosting rounds (SageMaker's required {@code num_round})
   * @return the builder
   */
  public static Builder builder(int numRound) {
    return new Builder().set("num_round", Integer.toString(numRound));
  }

  /** @return the objective name */
  public String objective() {
    return values.getString("objective");
  }

  /** @return num_class, 0 when unset */
  public int numClass() {
    return values.isSet("num_class") ? values.getInt("num_class") : 0;
  }

  /**
   * @param defaultMetric the objective's default metric
   * @return the evaluation metric names, the default when none given
   */
  public List<String> evalMetrics(String defaultMetric) {
    return values.isSet("eval_metric") ? EvalMetric.parseList(values.getString("eval_metric")) : List.of(defaultMetric);
  }

  /** The values of {@code objective}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum Objective implements Choice {
    /** {@code reg:squarederror} */
    REG_SQUAREDERROR("reg:squarederror"),
    /** {@code reg:squaredlogerror} */
    REG_SQUAREDLOGERROR("reg:squaredlogerror"),
    /** {@code reg:logistic} */
    REG_LOGISTIC("reg:logistic"),
    /** {@code reg:pseudohubererror} */
    REG_PSEUDOHUBERERROR("reg:pseudohubererror"),
    /** {@code reg:absoluteerror} */
    REG_ABSOLUTEERROR("reg:absoluteerror"),
    /** {@code binary:logistic} */
    BINARY_LOGISTIC("binary:logistic"),
    /** {@code binary:logitraw} */
    BINARY_LOGITRAW("binary:logitraw"),
    /** {@code binary:hinge} */
    BINARY_HINGE("binary:hinge"),
    /** {@code count:poisson} */
    COUNT_POISSON("count:poisson"),
    /** {@code reg:gamma} */
    REG_GAMMA("reg:gamma"),
    /** {@code reg:tweedie} */
    REG_TWEEDIE("reg:tweedie"),
    /** {@code multi:softmax} */
    MULTI_SOFTMAX("multi:softmax"),
    /** {@code multi:softprob} */
    MULTI_SOFTPROB("multi:softprob"),
    /** {@code rank:pairwise} */
    RANK_PAIRWISE("rank:pairwise"),
    /** {@code rank:ndcg} */
    RANK_NDCG("rank:ndcg"),
    /** {@code rank:map} */
    RANK_MAP("rank:map");

    private final String value;

    Objective(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code sampling_method}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum SamplingMethod implements Choice {
    /** {@code uniform} */
    UNIFORM("uniform"),
    /** {@code gradient_based} */
    GRADIENT_BASED("gradient_based");

    private final String value;

    SamplingMethod(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code tree_method}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum TreeMethod implements Choice {
    /** {@code auto} */
    AUTO("auto"),
    /** {@code exact} */
    EXACT("exact"),
    /** {@code approx} */
    APPROX("approx"),
    /** {@code hist} */
    HIST("hist"),
    /** {@code gpu_hist} */
    GPU_HIST("gpu_hist");

    private final String value;

    TreeMethod(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code grow_policy}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum GrowPolicy implements Choice {
    /** {@code depthwise} */
    DEPTHWISE("depthwise"),
    /** {@code lossguide} */
    LOSSGUIDE("lossguide");

    private final String value;

    GrowPolicy(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code booster}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum Booster implements Choice {
    /** {@code gbtree} */
    GBTREE("gbtree"),
    /** {@code dart} */
    DART("dart"),
    /** {@code gblinear} */
    GBLINEAR("gblinear");

    private final String value;

    Booster(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code feature_selector}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum FeatureSelector implements Choice {
    /** {@code cyclic} */
    CYCLIC("cyclic"),
    /** {@code shuffle} */
    SHUFFLE("shuffle"),
    /** {@code random} */
    RANDOM("random"),
    /** {@code greedy} */
    GREEDY("greedy"),
    /** {@code thrifty} */
    THRIFTY("thrifty");

    private final String value;

    FeatureSelector(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code sample_type}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum SampleType implements Choice {
    /** {@code uniform} */
    UNIFORM("uniform"),
    /** {@code weighted} */
    WEIGHTED("weighted");

    private final String value;

    SampleType(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code normalize_type}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum NormalizeType implements Choice {
    /** {@code tree} */
    TREE("tree"),
    /** {@code forest} */
    FOREST("forest");

    private final String value;

    NormalizeType(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link XGBoostParams}; every setter takes XGBoost's meaning. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<XGBoostParams, Builder> {
    private Builder() {
      super(XGBoostParams::parse);
    }

    /**
     * @param objective an XGBoost objective name
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
     * @param eta learning rate
     * @return this builder
     */
    public Builder eta(double eta) {
      return set("eta", Double.toString(eta));
    }

    /**
     * @param depth maximum depth
     * @return this builder
     */
    public Builder maxDepth(int depth) {
      return set("max_depth", Integer.toString(depth));
    }

    /**
     * @param n classes
     * @return this builder
     */
    public Builder numClass(int n) {
      return set("num_class", Integer.toString(n));
    }

    /**
     * @param metrics evaluation metric names
     * @return this builder
     */
    public Builder evalMetric(String... metrics) {
      return set("eval_metric", String.join(",", metrics));
    }

    /**
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      return set("seed", Long.toString(seed));
    }
    /**
     * {@code gamma}: Minimum loss reduction for a further partition (min_split_loss).
     *
     * @param value a number &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder gamma(double value) {
      return set("gamma", Double.toString(value));
    }

    /**
     * {@code min_child_weight}: Minimum sum of instance hessians in a child.
     *
     * @param value a number &gt;= 0; default {@code 1}
     * @return this builder
     */
    public Builder minChildWeight(double value) {
      return set("min_child_weight", Double.toString(value));
    }

    /**
     * {@code max_delta_step}: Maximum absolute leaf output before shrinkage; 0 = no limit (count:poisson's own safeguard is 0.7).
     *
     * @param value a number &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder maxDeltaStep(double value) {
      return set("max_delta_step", Double.toString(value));
    }

    /**
     * {@code subsample}: Fraction of rows sampled per round.
     *
     * @param value a number in (0, 1]; default {@code 1}
     * @return this builder
     */
    public Builder subsample(double value) {
      return set("subsample", Double.toString(value));
    }

    /**
     * {@code sampling_method}: Row sampling: uniform, or proportional to the regularised gradient (reweighted).
     *
     * @param value one of [uniform, gradient_based]; default {@code uniform}
     * @return this builder
     */
    public Builder samplingMethod(String value) {
      return set("sampling_method", value);
    }

    /**
     * @param value the {@code sampling_method} constant
     * @return this builder
     */
    public Builder samplingMethod(SamplingMethod value) {
      return set("sampling_method", value);
    }

    /**
     * {@code colsample_bytree}: Fraction of features sampled per tree.
     *
     * @param value a number in (0, 1]; default {@code 1}
     * @return this builder
     */
    public Builder colsampleBytree(double value) {
      return set("colsample_bytree", Double.toString(value));
    }

    /**
     * {@code colsample_bylevel}: Fraction of the tree's features sampled per depth level.
     *
     * @param value a number in (0, 1]; default {@code 1}
     * @return this builder
     */
    public Builder colsampleBylevel(double value) {
      return set("colsample_bylevel", Double.toString(value));
    }

    /**
     * {@code colsample_bynode}: Fraction of the level's features sampled per split.
     *
     * @param value a number in (0, 1]; default {@code 1}
     * @return this builder
     */
    public Builder colsampleBynode(double value) {
      return set("colsample_bynode", Double.toString(value));
    }

    /**
     * {@code lambda}: L2 regularisation of leaf weights (gblinear: of the coefficients, default 0, as in XGBoost).
     *
     * @param value a number &gt;= 0; default {@code 1}
     * @return this builder
     */
    public Builder lambda(double value) {
      return set("lambda", Double.toString(value));
    }

    /**
     * {@code alpha}: L1 regularisation of leaf weights.
     *
     * @param value a number &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder alpha(double value) {
      return set("alpha", Double.toString(value));
    }

    /**
     * {@code tree_method}: Tree construction; every value trains with the histogram method.
     *
     * @param value one of [exact, approx, hist, gpu_hist] or auto; default {@code auto}
     * @return this builder
     */
    public Builder treeMethod(String value) {
      return set("tree_method", value);
    }

    /**
     * @param value the {@code tree_method} constant
     * @return this builder
     */
    public Builder treeMethod(TreeMethod value) {
      return set("tree_method", value);
    }

    /**
     * {@code sketch_eps}: Accepted for compatibility (approx); the histogram method uses max_bin.
     *
     * @param value a number in (0, 1); default {@code 0.03}
     * @return this builder
     */
    public Builder sketchEps(double value) {
      return set("sketch_eps", Double.toString(value));
    }

    /**
     * {@code max_bin}: Maximum histogram bins per feature.
     *
     * @param value an integer in [2, 65535]; default {@code 256}
     * @return this builder
     */
    public Builder maxBin(int value) {
      return set("max_bin", Integer.toString(value));
    }

    /**
     * {@code grow_policy}: Split nodes level by level, or the node with the largest loss reduction first.
     *
     * @param value one of [depthwise, lossguide]; default {@code depthwise}
     * @return this builder
     */
    public Builder growPolicy(String value) {
      return set("grow_policy", value);
    }

    /**
     * @param value the {@code grow_policy} constant
     * @return this builder
     */
    public Builder growPolicy(GrowPolicy value) {
      return set("grow_policy", value);
    }

    /**
     * {@code max_leaves}: Maximum leaves per tree; 0 = no limit.
     *
     * @param value an integer &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder maxLeaves(int value) {
      return set("max_leaves", Integer.toString(value));
    }

    /**
     * {@code scale_pos_weight}: Weight multiplier of positive rows (binary objectives).
     *
     * @param value a number &gt; 0; default {@code 1}
     * @return this builder
     */
    public Builder scalePosWeight(double value) {
      return set("scale_pos_weight", Double.toString(value));
    }

    /**
     * {@code base_score}: Initial prediction of every row; estimated from the labels when not given.
     *
     * @param value a number
     * @return this builder
     */
    public Builder baseScore(double value) {
      return set("base_score", Double.toString(value));
    }

    /**
     * {@code early_stopping_rounds}: Stop when the last metric on the validation channel has not improved for this many rounds.
     *
     * @param value an integer &gt;= 1
     * @return this builder
     */
    public Builder earlyStoppingRounds(int value) {
      return set("early_stopping_rounds", Integer.toString(value));
    }

    /**
     * {@code booster}: Tree boosting, DART (dropout trees), or a linear model by coordinate descent (gblinear).
     *
     * @param value one of [gbtree, dart, gblinear]; default {@code gbtree}
     * @return this builder
     */
    public Builder booster(String value) {
      return set("booster", value);
    }

    /**
     * @param value the {@code booster} constant
     * @return this builder
     */
    public Builder booster(Booster value) {
      return set("booster", value);
    }

    /**
     * {@code updater}: gblinear: shotgun (default) or coord_descent. Trees: XGBoost's tree updater names (grow_colmaker, prune, ...) are accepted; trees always grow by the histogram method.
     *
     * @param value a string
     * @return this builder
     */
    public Builder updater(String value) {
      return set("updater", value);
    }

    /**
     * {@code feature_selector}: gblinear: the order of coordinate updates; shotgun takes cyclic or shuffle.
     *
     * @param value one of [cyclic, shuffle, random, greedy, thrifty]; default {@code cyclic}
     * @return this builder
     */
    public Builder featureSelector(String value) {
      return set("feature_selector", value);
    }

    /**
     * @param value the {@code feature_selector} constant
     * @return this builder
     */
    public Builder featureSelector(FeatureSelector value) {
      return set("feature_selector", value);
    }

    /**
     * {@code top_k}: gblinear with greedy or thrifty: features updated per output and round; 0 = all.
     *
     * @param value an integer &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder topK(int value) {
      return set("top_k", Integer.toString(value));
    }

    /**
     * {@code sample_type}: DART: how dropped trees are drawn.
     *
     * @param value one of [uniform, weighted]; default {@code uniform}
     * @return this builder
     */
    public Builder sampleType(String value) {
      return set("sample_type", value);
    }

    /**
     * @param value the {@code sample_type} constant
     * @return this builder
     */
    public Builder sampleType(SampleType value) {
      return set("sample_type", value);
    }

    /**
     * {@code normalize_type}: DART: weight normalisation.
     *
     * @param value one of [tree, forest]; default {@code tree}
     * @return this builder
     */
    public Builder normalizeType(String value) {
      return set("normalize_type", value);
    }

    /**
     * @param value the {@code normalize_type} constant
     * @return this builder
     */
    public Builder normalizeType(NormalizeType value) {
      return set("normalize_type", value);
    }

    /**
     * {@code rate_drop}: DART: fraction of trees dropped.
     *
     * @param value a number in [0, 1]; default {@code 0}
     * @return this builder
     */
    public Builder rateDrop(double value) {
      return set("rate_drop", Double.toString(value));
    }

    /**
     * {@code skip_drop}: DART: probability of no dropout.
     *
     * @param value a number in [0, 1]; default {@code 0}
     * @return this builder
     */
    public Builder skipDrop(double value) {
      return set("skip_drop", Double.toString(value));
    }

    /**
     * {@code one_drop}: DART: 1 = always drop at least one tree.
     *
     * @param value an integer in [0, 1]; default {@code 0}
     * @return this builder
     */
    public Builder oneDrop(int value) {
      return set("one_drop", Integer.toString(value));
    }

    /**
     * {@code monotone_constraints}: Per-feature monotonicity, e.g. (1,0,-1).
     *
     * @param value a string
     * @return this builder
     */
    public Builder monotoneConstraints(String value) {
      return set("monotone_constraints", value);
    }

    /**
     * {@code interaction_constraints}: Allowed feature interactions, e.g. [[0,1],[2,3,4]].
     *
     * @param value a string
     * @return this builder
     */
    public Builder interactionConstraints(String value) {
      return set("interaction_constraints", value);
    }

    /**
     * {@code tweedie_variance_power}: Variance power of reg:tweedie.
     *
     * @param value a number in (1, 2); default {@code 1.5}
     * @return this builder
     */
    public Builder tweedieVariancePower(double value) {
      return set("tweedie_variance_power", Double.toString(value));
    }

    /**
     * {@code huber_slope}: Delta of reg:pseudohubererror.
     *
     * @param value a number &gt; 0; default {@code 1}
     * @return this builder
     */
    public Builder huberSlope(double value) {
      return set("huber_slope", Double.toString(value));
    }

    /**
     * {@code nthread}: Threads; auto = all cores.
     *
     * @param value an integer in [1, 4096] or auto; default {@code auto}
     * @return this builder
     */
    public Builder nthread(int value) {
      return set("nthread", Integer.toString(value));
    }

    /**
     * {@code csv_weights}: 1 = the CSV column after the label is the instance weight.
     *
     * @param value an integer in [0, 1]; default {@code 0}
     * @return this builder
     */
    public Builder csvWeights(int value) {
      return set("csv_weights", Integer.toString(value));
    }

    /**
     * {@code verbosity}: 0 silent, 1 warnings, 2 info, 3 debug.
     *
     * @param value an integer in [0, 3]; default {@code 1}
     * @return this builder
     */
    public Builder verbosity(int value) {
      return set("verbosity", Integer.toString(value));
    }
  }
}

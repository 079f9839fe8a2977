package dev.sagemill.algo.catboost;

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
 * SageMaker CatBoost hyperparameters with SageMaker's names, defaults and ranges ({@code iterations} 500,
 * {@code learning_rate} 0.009, {@code depth} 6, {@code l2_leaf_reg} 3, {@code random_strength} 1,
 * {@code bagging_temperature} 1, {@code early_stopping_rounds} 5, {@code grow_policy} SymmetricTree, ...), plus the
 * CatBoost parameters behind them that SageMaker's container passes through with CatBoost's defaults
 * ({@code one_hot_max_size} 2, {@code max_ctr_complexity} 4, {@code score_function} Cosine, {@code loss_function}).
 * Built from the string map of {@code hyperparameters.json} ({@link #parse(Map)}) or the typed {@link #builder()}.
 *
 * <p>Where sagemill decides: {@code loss_function=auto} picks Logloss when every label is 0 or 1, MultiClass for
 * integer labels 0..k−1 (3 ≤ k ≤ 1000), RMSE otherwise, as SageMaker's container; {@code boosting_type=Auto} is
 * Ordered for symmetric trees on fewer than 50,000 rows and Plain otherwise; {@code max_bin=Auto} is CatBoost's
 * 254 borders; {@code thread_count=-1} uses every core.
 *
 * <p>Immutable and thread-safe.
 */
public final class CatBoostParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "catboost";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .number("iterations", ParamType.INT, 1, true, INF, false, "500", false,
          "Maximum number of trees (boosting iterations).")
      .number("early_stopping_rounds", ParamType.INT, Double.NEGATIVE_INFINITY, false, INF, false, "5", false,
          "Stop when the validation metric has not improved for this many iterations; <= 0 disables.")
      .text("eval_metric", "auto", "Validation metric; auto = RMSE, AUC or MultiClass by problem type.")
      .number("learning_rate", ParamType.DOUBLE, 0, false, 1, false, "0.009", false, "Shrinkage of each tree.")
      .number("depth", ParamType.INT, 1, true, 16, true, "6", false, "Depth of each tree.")
      .number("l2_leaf_reg", ParamType.DOUBLE, 0, true, INF, false, "3", false,
          "L2 regularisation of leaf values.")
      .number("random_strength", ParamType.DOUBLE, 0, true, INF, false, "1", false,
          "Scale of the random noise added to split scores; fades as the model grows.")
      .number("max_leaves", ParamType.INT, 2, true, 64, true, "31", false, "Maximum leaves; Lossguide only.")
      .number("rsm", ParamType.DOUBLE, 0, false, 1, true, "1", false,
          "Fraction of features considered at each split selection.")
      .choice("sampling_frequency", SamplingFrequency.class, SamplingFrequency.PER_TREE_LEVEL, false,
          "How often the bootstrap weights are drawn.")
      .number("min_data_in_leaf", ParamType.INT, 1, true, INF, false, "1", false,
          "Minimum training rows in a leaf; Depthwise and Lossguide only.")
      .number("bagging_temperature", ParamType.DOUBLE, 0, true, INF, false, "1", false,
          "Bayesian bootstrap: weights (-ln U)^t; 0 gives every row weight 1.")
      .choice("boosting_type", BoostingType.class, BoostingType.AUTO, false,
          "Ordered boosting (unbiased gradients) or Plain; Auto = Ordered for symmetric trees under 50,000 rows.")
      .number("scale_pos_weight", ParamType.DOUBLE, 0, false, INF, false, "1", false,
          "Weight of class 1 (binary).")
      .number("max_bin", ParamType.INT, 1, true, 65_534, true, "auto", true,
          "Borders per numeric feature; auto = 254.")
      .choice("grow_policy", GrowPolicy.class, GrowPolicy.SYMMETRIC_TREE, false,
          "SymmetricTree (oblivious), Depthwise (level by level) or Lossguide (best leaf first).")
      .number("random_seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "1", false, "Random seed.")
      .number("thread_count", ParamType.INT, -1, true, 4096, true, "-1", false, "Threads; -1 = all cores.")
      .number("verbose", ParamType.INT, 0, true, INF, false, "1", false,
          "CatBoost's logging period; accepted for compatibility (the CLI prints every iteration's line).")
      .choice("loss_function", withAuto(Objectives.CATBOOST_NAMES), "auto", false,
          "The loss; auto = Logloss, MultiClass or RMSE from the labels.")
      .number("one_hot_max_size", ParamType.INT, 0, true, INF, false, "2", false,
          "Categorical features with at most this many values are one-hot encoded instead of target statistics.")
      .number("max_ctr_complexity", ParamType.INT, 1, true, 16, true, "4", false,
          "Most categorical features combined into one target statistic.")
      .choice("score_function", ScoreFunction.class, ScoreFunction.COSINE, false,
          "Split score; Newton variants weigh by hessians.")
      .crossCheck(CatBoostParams::check)
      .build();

  private static List<String> withAuto(List<String> names) {
    List<String> out = new ArrayList<>(names);
    out.add(0, "auto");
    return out;
  }

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("eval_metric") instanceof String s && !s.equalsIgnoreCase("auto")) {
      try {
        MetricDialects.catboost(s);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if ("Ordered".equals(v.get("boosting_type")) && !"SymmetricTree".equals(v.get("grow_policy"))) {
      problems.add("boosting_type Ordered needs grow_policy SymmetricTree, got " + v.get("grow_policy")
          + " (CatBoost trains non-symmetric trees with Plain boosting only)");
    }
  }

  private CatBoostParams(Hyperparameters values) {
    super(values);
  }

  /**
   * Parses SageMaker-style hyperparameters.
   *
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static CatBoostParams parse(Map<String, String> hyperparameters) {
    return new CatBoostParams(SPEC.parse(hyperparameters));
  }

  /** @return a typed builder starting from SageMaker's defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** The values of {@code sampling_frequency}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum SamplingFrequency implements Choice {
    /** {@code PerTreeLevel} */
    PER_TREE_LEVEL("PerTreeLevel"),
    /** {@code PerTree} */
    PER_TREE("PerTree");

    private final String value;

    SamplingFrequency(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code boosting_type}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum BoostingType implements Choice {
    /** {@code Auto} */
    AUTO("Auto"),
    /** {@code Ordered} */
    ORDERED("Ordered"),
    /** {@code Plain} */
    PLAIN("Plain");

    private final String value;

    BoostingType(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code grow_policy}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum GrowPolicy implements Choice {
    /** {@code SymmetricTree} */
    SYMMETRIC_TREE("SymmetricTree"),
    /** {@code Depthwise} */
    DEPTHWISE("Depthwise"),
    /** {@code Lossguide} */
    LOSSGUIDE("Lossguide");

    private final String value;

    GrowPolicy(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code loss_function}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum LossFunction implements Choice {
    /** {@code auto} */
    AUTO("auto"),
    /** {@code RMSE} */
    RMSE("RMSE"),
    /** {@code Logloss} */
    LOGLOSS("Logloss"),
    /** {@code CrossEntropy} */
    CROSS_ENTROPY("CrossEntropy"),
    /** {@code MultiClass} */
    MULTI_CLASS("MultiClass"),
    /** {@code Poisson} */
    POISSON("Poisson");

    private final String value;

    LossFunction(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code score_function}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum ScoreFunction implements Choice {
    /** {@code Cosine} */
    COSINE("Cosine"),
    /** {@code L2} */
    L2("L2"),
    /** {@code NewtonCosine} */
    NEWTON_COSINE("NewtonCosine"),
    /** {@code NewtonL2} */
    NEWTON_L2("NewtonL2");

    private final String value;

    ScoreFunction(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link CatBoostParams}; names and meanings are CatBoost's. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<CatBoostParams, Builder> {
    private Builder() {
      super(CatBoostParams::parse);
    }

    /**
     * @param iterations trees
     * @return this builder
     */
    public Builder iterations(int iterations) {
      return set("iterations", Integer.toString(iterations));
    }

    /**
     * @param depth tree depth
     * @return this builder
     */
    public Builder depth(int depth) {
      return set("depth", Integer.toString(depth));
    }

    /**
     * @param rate shrinkage
     * @return this builder
     */
    public Builder learningRate(double rate) {
      return set("learning_rate", Double.toString(rate));
    }

    /**
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      return set("random_seed", Long.toString(seed));
    }
    /**
     * {@code early_stopping_rounds}: Stop when the validation metric has not improved for this many iterations; &lt;= 0 disables.
     *
     * @param value an integer; default {@code 5}
     * @return this builder
     */
    public Builder earlyStoppingRounds(int value) {
      return set("early_stopping_rounds", Integer.toString(value));
    }

    /**
     * {@code eval_metric}: Validation metric; auto = RMSE, AUC or MultiClass by problem type.
     *
     * @param value a string; default {@code auto}
     * @return this builder
     */
    public Builder evalMetric(String value) {
      return set("eval_metric", value);
    }

    /**
     * {@code l2_leaf_reg}: L2 regularisation of leaf values.
     *
     * @param value a number &gt;= 0; default {@code 3}
     * @return this builder
     */
    public Builder l2LeafReg(double value) {
      return set("l2_leaf_reg", Double.toString(value));
    }

    /**
     * {@code random_strength}: Scale of the random noise added to split scores; fades as the model grows.
     *
     * @param value a number &gt;= 0; default {@code 1}
     * @return this builder
     */
    public Builder randomStrength(double value) {
      return set("random_strength", Double.toString(value));
    }

    /**
     * {@code max_leaves}: Maximum leaves; Lossguide only.
     *
     * @param value an integer in [2, 64]; default {@code 31}
     * @return this builder
     */
    public Builder maxLeaves(int value) {
      return set("max_leaves", Integer.toString(value));
    }

    /**
     * {@code rsm}: Fraction of features considered at each split selection.
     *
     * @param value a number in (0, 1]; default {@code 1}
     * @return this builder
     */
    public Builder rsm(double value) {
      return set("rsm", Double.toString(value));
    }

    /**
     * {@code sampling_frequency}: How often the bootstrap weights are drawn.
     *
     * @param value one of [PerTreeLevel, PerTree]; default {@code PerTreeLevel}
     * @return this builder
     */
    public Builder samplingFrequency(String value) {
      return set("sampling_frequency", value);
    }

    /**
     * @param value the {@code sampling_frequency} constant
     * @return this builder
     */
    public Builder samplingFrequency(SamplingFrequency value) {
      return set("sampling_frequency", value);
    }

    /**
     * {@code min_data_in_leaf}: Minimum training rows in a leaf; Depthwise and Lossguide only.
     *
     * @param value an integer &gt;= 1; default {@code 1}
     * @return this builder
     */
    public Builder minDataInLeaf(int value) {
      return set("min_data_in_leaf", Integer.toString(value));
    }

    /**
     * {@code bagging_temperature}: Bayesian bootstrap: weights (-ln U)^t; 0 gives every row weight 1.
     *
     * @param value a number &gt;= 0; default {@code 1}
     * @return this builder
     */
    public Builder baggingTemperature(double value) {
      return set("bagging_temperature", Double.toString(value));
    }

    /**
     * {@code boosting_type}: Ordered boosting (unbiased gradients) or Plain; Auto = Ordered for symmetric trees under 50,000 rows.
     *
     * @param value one of [Auto, Ordered, Plain]; default {@code Auto}
     * @return this builder
     */
    public Builder boostingType(String value) {
      return set("boosting_type", value);
    }

    /**
     * @param value the {@code boosting_type} constant
     * @return this builder
     */
    public Builder boostingType(BoostingType value) {
      return set("boosting_type", value);
    }

    /**
     * {@code scale_pos_weight}: Weight of class 1 (binary).
     *
     * @param value a number &gt; 0; default {@code 1}
     * @return this builder
     */
    public Builder scalePosWeight(double value) {
      return set("scale_pos_weight", Double.toString(value));
    }

    /**
     * {@code max_bin}: Borders per numeric feature; auto = 254.
     *
     * @param value an integer in [1, 65534] or auto; default {@code auto}
     * @return this builder
     */
    public Builder maxBin(int value) {
      return set("max_bin", Integer.toString(value));
    }

    /**
     * {@code grow_policy}: SymmetricTree (oblivious), Depthwise (level by level) or Lossguide (best leaf first).
     *
     * @param value one of [SymmetricTree, Depthwise, Lossguide]; default {@code SymmetricTree}
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
     * {@code thread_count}: Threads; -1 = all cores.
     *
     * @param value an integer in [-1, 4096]; default {@code -1}
     * @return this builder
     */
    public Builder threadCount(int value) {
      return set("thread_count", Integer.toString(value));
    }

    /**
     * {@code verbose}: CatBoost's logging period; accepted for compatibility (the CLI prints every iteration's line).
     *
     * @param value an integer &gt;= 0; default {@code 1}
     * @return this builder
     */
    public Builder verbose(int value) {
      return set("verbose", Integer.toString(value));
    }

    /**
     * {@code loss_function}: The loss; auto = Logloss, MultiClass or RMSE from the labels.
     *
     * @param value one of [RMSE, Logloss, CrossEntropy, MultiClass, Poisson] or auto; default {@code auto}
     * @return this builder
     */
    public Builder lossFunction(String value) {
      return set("loss_function", value);
    }

    /**
     * @param value the {@code loss_function} constant
     * @return this builder
     */
    public Builder lossFunction(LossFunction value) {
      return set("loss_function", value);
    }

    /**
     * {@code one_hot_max_size}: Categorical features with at most this many values are one-hot encoded instead of target statistics.
     *
     * @param value an integer &gt;= 0; default {@code 2}
     * @return this builder
     */
    public Builder oneHotMaxSize(int value) {
      return set("one_hot_max_size", Integer.toString(value));
    }

    /**
     * {@code max_ctr_complexity}: Most categorical features combined into one target statistic.
     *
     * @param value an integer in [1, 16]; default {@code 4}
     * @return this builder
     */
    public Builder maxCtrComplexity(int value) {
      return set("max_ctr_complexity", Integer.toString(value));
    }

    /**
     * {@code score_function}: Split score; Newton variants weigh by hessians.
     *
     * @param value one of [Cosine, L2, NewtonCosine, NewtonL2]; default {@code Cosine}
     * @return this builder
     */
    public Builder scoreFunction(String value) {
      return set("score_function", value);
    }

    /**
     * @param value the {@code score_function} constant
     * @return this builder
     */
    public Builder scoreFunction(ScoreFunction value) {
      return set("score_function", value);
    }
  }
}

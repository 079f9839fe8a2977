package dev.sagemill.algo.linear;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * Linear Learner hyperparameters, with SageMaker's names, defaults and ranges. Built from the string map of
 * {@code hyperparameters.json} ({@link #parse(Map)}) or with the typed {@link #builder(PredictorType)}; both go
 * through the one {@link #SPEC}, so validation and names cannot drift apart.
 *
 * <p>How {@code auto} resolves (sagemill's documented choices where SageMaker leaves it to the algorithm):
 * {@code optimizer} lbfgs (sagemill's full-batch solver) when the loss is smooth ({@code logistic},
 * {@code squared_loss}, {@code softmax_loss}, {@code huber_loss}, {@code eps_insensitive_squared_loss}), {@code l1}
 * is auto or 0, and the training channel holds at most {@value #FULL_BATCH_VALUES} feature values (and at most a
 * sixteenth of the heap in bytes), else adam; {@code learning_rate} 0.02 (adam), 0.01 (rmsprop), 0.05 (sgd);
 * {@code momentum} 0.9 for sgd; {@code beta_1} 0.9; {@code beta_2} 0.999; {@code wd} and {@code l1} 0 for the first
 * model and small values for the others (streamed optimizers), or {@code wd} 1/rows for the first model —
 * scikit-learn's {@code C = 1} and Ridge's {@code alpha = 1} — and 0.01/rows to 30/rows for the others (lbfgs);
 * {@code num_models} 8; {@code bias_lr_mult} 1; {@code bias_wd_mult} 0;
 * {@code normalize_label}/{@code unbias_label} true for regressors; {@code unbias_data} true when
 * {@code use_bias} and the data is dense; {@code num_calibration_samples} 1,000,000 (a seeded reservoir sample);
 * {@code positive_example_weight_mult} {@code balanced}; {@code lr_scheduler_step} 100 updates,
 * {@code lr_scheduler_factor} 0.99, {@code lr_scheduler_minimum_lr} 1e-5. {@code seed} (default 0) is a sagemill
 * addition that makes training reproducible.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearLearnerParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "linear-learner";

  /** The most feature values (dense cells or sparse non-zeros) {@code optimizer=auto} holds in memory for lbfgs. */
  public static final long FULL_BATCH_VALUES = 1L << 24;

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final List<String> SMOOTH_LOSSES = List.of("auto", "logistic", "squared_loss", "softmax_loss",
      "huber_loss", "eps_insensitive_squared_loss");
  private static final List<String> BINARY_LOSSES = List.of("logistic", "hinge_loss");
  private static final List<String> REGRESSION_LOSSES = List.of("squared_loss", "absolute_loss",
      "eps_insensitive_squared_loss", "eps_insensitive_absolute_loss", "quantile_loss", "huber_loss");

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .choice("predictor_type", PredictorType.class, null, true,
          "Whether the label is binary, multiclass or real-valued.")
      .number("num_classes", ParamType.INT, 3, true, 1_000_000, true, null, false,
          "Number of classes; required for multiclass_classifier, labels 0..num_classes-1.")
      .number("feature_dim", ParamType.INT, 1, true, INF, false, "auto", true,
          "Number of features; auto reads it from the data.")
      .number("mini_batch_size", ParamType.INT, 1, true, INF, false, "1000", false, "Rows per optimisation step.")
      .number("epochs", ParamType.INT, 1, true, INF, false, "15", false,
          "Maximum passes over the training data of the streamed optimizers (lbfgs iterates to its tolerance).")
      .choice("optimizer", Optimizer.class, Optimizer.AUTO, false, "The optimisation algorithm; lbfgs (sagemill "
          + "addition) minimises each model's regularised loss on the whole training channel held in memory, with "
          + "5-fold cross-validation choosing among the models when there is no validation channel.")
      .choice("loss", Loss.class, Loss.AUTO, false,
          "Loss; auto is logistic (binary), softmax_loss (multiclass), squared_loss (regressor).")
      .number("learning_rate", ParamType.DOUBLE, 0, false, INF, false, "auto", true, "Step size.")
      .number("l1", ParamType.DOUBLE, 0, true, INF, false, "auto", true, "L1 regularisation weight.")
      .number("wd", ParamType.DOUBLE, 0, true, INF, false, "auto", true, "L2 regularisation (weight decay).")
      .number("momentum", ParamType.DOUBLE, 0, true, 1, false, "auto", true, "Momentum of sgd.")
      .number("beta_1", ParamType.DOUBLE, 0, true, 1, false, "auto", true, "Adam's first-moment decay.")
      .number("beta_2", ParamType.DOUBLE, 0, true, 1, false, "auto", true,
          "Adam's second-moment decay (also RMSProp's decay).")
      .number("bias_lr_mult", ParamType.DOUBLE, 0, false, INF, false, "auto", true,
          "The bias learning rate is learning_rate times this.")
      .number("bias_wd_mult", ParamType.DOUBLE, 0, true, INF, false, "auto", true,
          "The bias L2 weight is wd times this; auto means no regularisation of the bias.")
      .bool("use_bias", "true", false, "Whether to fit an intercept.")
      .bool("normalize_data", "true", true, "Scale features to unit variance before training.")
      .bool("normalize_label", "auto", true, "Shift and scale the label (regressors) before training.")
      .bool("unbias_data", "auto", true, "Shift features to zero mean (dense data only).")
      .bool("unbias_label", "auto", true, "Shift the label to zero mean (regressors).")
      .number("num_point_for_scaler", ParamType.INT, 1, true, INF, false, "10000", false,
          "Rows read to learn the normalisation statistics.")
      .number("num_models", ParamType.INT, 1, true, INF, false, "auto", true,
          "Models trained in parallel with neighbouring hyperparameters; the best on validation is kept.")
      .number("num_calibration_samples", ParamType.INT, 1, true, INF, false, "auto", true,
          "Rows sampled to tune the binary decision threshold.")
      .choice("init_method", InitMethod.class, InitMethod.UNIFORM, false, "Weight initialisation.")
      .number("init_scale", ParamType.DOUBLE, 0, false, INF, false, "0.07", false,
          "Half-width of the uniform initialisation.")
      .number("init_sigma", ParamType.DOUBLE, 0, false, INF, false, "0.01", false,
          "Standard deviation of the normal initialisation.")
      .number("init_bias", ParamType.DOUBLE, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Initial bias.")
      .choice("binary_classifier_model_selection_criteria", ModelSelectionCriteria.class, ModelSelectionCriteria.ACCURACY, false,
          "How binary models and their threshold are chosen on validation (else training) data.")
      .number("target_recall", ParamType.DOUBLE, 0, false, 1, true, "0.8", false,
          "Recall target of precision_at_target_recall.")
      .number("target_precision", ParamType.DOUBLE, 0, false, 1, true, "0.8", false,
          "Precision target of recall_at_target_precision.")
      .number("f_beta", ParamType.DOUBLE, 0, false, INF, false, "1.0", false, "Beta of the F-beta score.")
      .text("positive_example_weight_mult", "1.0",
          "Weight of positive examples: a positive number, balanced, or auto (= balanced).")
      .bool("balance_multiclass_weights", "false", false, "Weight classes inversely to their frequency.")
      .number("early_stopping_patience", ParamType.INT, 1, true, INF, false, "3", false,
          "Epochs without relative improvement before a model stops.")
      .number("early_stopping_tolerance", ParamType.DOUBLE, 0, false, INF, false, "0.001", false,
          "Relative loss improvement that counts as improvement.")
      .number("margin", ParamType.DOUBLE, 0, false, INF, false, "1.0", false, "Margin of hinge_loss.")
      .number("quantile", ParamType.DOUBLE, 0, false, 1, false, "0.5", false, "Quantile of quantile_loss.")
      .number("loss_insensitivity", ParamType.DOUBLE, 0, false, INF, false, "0.01", false,
          "Epsilon of the eps_insensitive losses, in label units.")
      .number("huber_delta", ParamType.DOUBLE, 0, false, INF, false, "1.0", false,
          "Delta of huber_loss, in label units.")
      .number("accuracy_top_k", ParamType.INT, 1, true, INF, false, "3", false, "k of multiclass_top_k_accuracy.")
      .bool("use_lr_scheduler", "true", false, "Decay the learning rate during training.")
      .number("lr_scheduler_step", ParamType.INT, 1, true, INF, false, "auto", true,
          "Updates between learning-rate decays.")
      .number("lr_scheduler_factor", ParamType.DOUBLE, 0, false, 1, true, "auto", true,
          "Factor applied at each decay.")
      .number("lr_scheduler_minimum_lr", ParamType.DOUBLE, 0, false, INF, false, "auto", true,
          "The learning rate never decays below this.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false,
          "Seed of initialisation and sampling (sagemill addition).")
      .crossCheck(LinearLearnerParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    String type = (String) v.get("predictor_type");
    String loss = v.get("loss") instanceof String l ? l : "auto";
    if ("multiclass_classifier".equals(type) && v.get("num_classes") == null) {
      problems.add("num_classes is required when predictor_type is multiclass_classifier");
    }
    if (!"auto".equals(loss) && loss != null) {
      List<String> allowed = switch (type) {
        case "binary_classifier" -> BINARY_LOSSES;
        case "multiclass_classifier" -> List.of("softmax_loss");
        default -> REGRESSION_LOSSES;
      };
      if (!allowed.contains(loss)) {
        problems.add("loss " + loss + " does not fit predictor_type " + type + "; allowed: auto or " + allowed);
      }
    }
    if ("lbfgs".equals(v.get("optimizer"))) {
      if (!SMOOTH_LOSSES.contains(loss)) {
        problems.add("optimizer lbfgs needs a smooth loss (" + SMOOTH_LOSSES.subList(1, SMOOTH_LOSSES.size())
            + "), got " + loss);
      }
      if (v.get("l1") instanceof Number l1 && l1.doubleValue() > 0) {
        problems.add("optimizer lbfgs does not take l1 (its objective must be smooth), got l1 " + l1);
      }
    }
    String mult = ((String) v.get("positive_example_weight_mult")).trim();
    if (!mult.equals("auto") && !mult.equals("balanced")) {
      double m;
      try {
        m = Double.parseDouble(mult);
      } catch (NumberFormatException e) {
        m = Double.NaN;
      }
      if (!(m > 0) || Double.isInfinite(m)) {
        problems.add("positive_example_weight_mult must be a number > 0, balanced or auto, got \"" + mult + "\"");
      }
    }
  }

  private LinearLearnerParams(Hyperparameters values) {
    super(values);
  }

  /**
   * Parses SageMaker-style hyperparameters.
   *
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static LinearLearnerParams parse(Map<String, String> hyperparameters) {
    return new LinearLearnerParams(SPEC.parse(hyperparameters));
  }

  /**
   * Starts a typed builder.
   *
   * @param type the predictor type (SageMaker's required {@code predictor_type})
   * @return the builder
   */
  public static Builder builder(PredictorType type) {
    return new Builder().set("predictor_type", type.value());
  }

  /** @return the predictor type */
  public PredictorType predictorType() {
    return PredictorType.fromValue(values.getString("predictor_type"));
  }

  /** @return the number of output columns: num_classes for multiclass, else 1 */
  int outputs() {
    return predictorType() == PredictorType.MULTICLASS_CLASSIFIER ? values.getInt("num_classes") : 1;
  }

  /** @return the loss, with auto resolved */
  LinearLoss loss() {
    if (!values.isAuto("loss")) {
      return LinearLoss.fromWireName(values.getString("loss"));
    }
    return switch (predictorType()) {
      case BINARY_CLASSIFIER -> LinearLoss.LOGISTIC;
      case MULTICLASS_CLASSIFIER -> LinearLoss.SOFTMAX;
      case REGRESSOR -> LinearLoss.SQUARED;
    };
  }

  /** @return the streamed optimizer's name: adam for auto (used when the full-batch solver is not) */
  String optimizer() {
    return values.isAuto("optimizer") ? "adam" : values.getString("optimizer");
  }

  /** @return whether the full-batch solver is asked for ({@code lbfgs}) */
  boolean lbfgsRequired() {
    return !values.isAuto("optimizer") && values.getString("optimizer").equals("lbfgs");
  }

  /** @return whether the full-batch solver may be used: lbfgs asked for, or auto with a smooth loss and no L1 */
  boolean lbfgsAllowed() {
    if (lbfgsRequired()) {
      return true;
    }
    return values.isAuto("optimizer") && SMOOTH_LOSSES.contains(loss().wireName())
        && (values.isAuto("l1") || values.getDouble("l1") == 0);
  }

  /** @return the base learning rate, with auto resolved per optimizer */
  double learningRate() {
    double auto = switch (optimizer()) {
      case "sgd" -> 0.05;
      case "rmsprop" -> 0.01;
      default -> 0.02;
    };
    return values.getDouble("learning_rate", auto);
  }

  /** @return the number of parallel models */
  int numModels() {
    return values.getInt("num_models", 8);
  }

  /** @return the seed */
  long seed() {
    return values.getLong("seed");
  }

  /** @return the positive-class weight, or NaN for "balanced" */
  double positiveWeightMult() {
    String m = values.getString("positive_example_weight_mult").trim();
    return m.equals("auto") || m.equals("balanced") ? Double.NaN : Double.parseDouble(m);
  }

  /** The values of {@code optimizer}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum Optimizer implements Choice {
    /** {@code auto} */
    AUTO("auto"),
    /** {@code sgd} */
    SGD("sgd"),
    /** {@code adam} */
    ADAM("adam"),
    /** {@code rmsprop} */
    RMSPROP("rmsprop"),
    /** {@code lbfgs} (sagemill addition) */
    LBFGS("lbfgs");

    private final String value;

    Optimizer(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code loss}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum Loss implements Choice {
    /** {@code auto} */
    AUTO("auto"),
    /** {@code logistic} */
    LOGISTIC("logistic"),
    /** {@code squared_loss} */
    SQUARED_LOSS("squared_loss"),
    /** {@code absolute_loss} */
    ABSOLUTE_LOSS("absolute_loss"),
    /** {@code hinge_loss} */
    HINGE_LOSS("hinge_loss"),
    /** {@code eps_insensitive_squared_loss} */
    EPS_INSENSITIVE_SQUARED_LOSS("eps_insensitive_squared_loss"),
    /** {@code eps_insensitive_absolute_loss} */
    EPS_INSENSITIVE_ABSOLUTE_LOSS("eps_insensitive_absolute_loss"),
    /** {@code quantile_loss} */
    QUANTILE_LOSS("quantile_loss"),
    /** {@code huber_loss} */
    HUBER_LOSS("huber_loss"),
    /** {@code softmax_loss} */
    SOFTMAX_LOSS("softmax_loss");

    private final String value;

    Loss(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code init_method}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum InitMethod implements Choice {
    /** {@code uniform} */
    UNIFORM("uniform"),
    /** {@code normal} */
    NORMAL("normal");

    private final String value;

    InitMethod(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code binary_classifier_model_selection_criteria}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum ModelSelectionCriteria implements Choice {
    /** {@code accuracy} */
    ACCURACY("accuracy"),
    /** {@code f_beta} */
    F_BETA("f_beta"),
    /** {@code precision_at_target_recall} */
    PRECISION_AT_TARGET_RECALL("precision_at_target_recall"),
    /** {@code recall_at_target_precision} */
    RECALL_AT_TARGET_PRECISION("recall_at_target_precision"),
    /** {@code loss_function} */
    LOSS_FUNCTION("loss_function");

    private final String value;

    ModelSelectionCriteria(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link LinearLearnerParams}; every setter takes SageMaker's meaning. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<LinearLearnerParams, Builder> {
    private Builder() {
      super(LinearLearnerParams::parse);
    }

    /**
     * @param n classes
     * @return this builder
     */
    public Builder numClasses(int n) {
      return set("num_classes", Integer.toString(n));
    }

    /**
     * @param n rows per step
     * @return this builder
     */
    public Builder miniBatchSize(int n) {
      return set("mini_batch_size", Integer.toString(n));
    }

    /**
     * @param n maximum passes
     * @return this builder
     */
    public Builder epochs(int n) {
      return set("epochs", Integer.toString(n));
    }

    /**
     * @param name sgd, adam or rmsprop
     * @return this builder
     */
    public Builder optimizer(String name) {
      return set("optimizer", name);
    }

    /**
     * @param value the {@code optimizer} constant
     * @return this builder
     */
    public Builder optimizer(Optimizer value) {
      return set("optimizer", value);
    }

    /**
     * @param name a SageMaker loss name
     * @return this builder
     */
    public Builder loss(String name) {
      return set("loss", name);
    }

    /**
     * @param value the {@code loss} constant
     * @return this builder
     */
    public Builder loss(Loss value) {
      return set("loss", value);
    }

    /**
     * @param lr step size
     * @return this builder
     */
    public Builder learningRate(double lr) {
      return set("learning_rate", Double.toString(lr));
    }

    /**
     * @param l1 L1 weight
     * @return this builder
     */
    public Builder l1(double l1) {
      return set("l1", Double.toString(l1));
    }

    /**
     * @param wd L2 weight
     * @return this builder
     */
    public Builder wd(double wd) {
      return set("wd", Double.toString(wd));
    }

    /**
     * @param n parallel models
     * @return this builder
     */
    public Builder numModels(int n) {
      return set("num_models", Integer.toString(n));
    }

    /**
     * @param b whether to fit an intercept
     * @return this builder
     */
    public Builder useBias(boolean b) {
      return set("use_bias", Boolean.toString(b));
    }

    /**
     * @param criterion a SageMaker criterion name
     * @return this builder
     */
    public Builder modelSelectionCriteria(String criterion) {
      return set("binary_classifier_model_selection_criteria", criterion);
    }

    /**
     * @param value the {@code binary_classifier_model_selection_criteria} constant
     * @return this builder
     */
    public Builder modelSelectionCriteria(ModelSelectionCriteria value) {
      return set("binary_classifier_model_selection_criteria", value);
    }

    /**
     * @param n patience in epochs
     * @return this builder
     */
    public Builder earlyStoppingPatience(int n) {
      return set("early_stopping_patience", Integer.toString(n));
    }

    /**
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      return set("seed", Long.toString(seed));
    }
    /**
     * {@code feature_dim}: Number of features; auto reads it from the data.
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder featureDim(int value) {
      return set("feature_dim", Integer.toString(value));
    }

    /**
     * {@code momentum}: Momentum of sgd.
     *
     * @param value a number in [0, 1) or auto; default {@code auto}
     * @return this builder
     */
    public Builder momentum(double value) {
      return set("momentum", Double.toString(value));
    }

    /**
     * {@code beta_1}: Adam's first-moment decay.
     *
     * @param value a number in [0, 1) or auto; default {@code auto}
     * @return this builder
     */
    public Builder beta1(double value) {
      return set("beta_1", Double.toString(value));
    }

    /**
     * {@code beta_2}: Adam's second-moment decay (also RMSProp's decay).
     *
     * @param value a number in [0, 1) or auto; default {@code auto}
     * @return this builder
     */
    public Builder beta2(double value) {
      return set("beta_2", Double.toString(value));
    }

    /**
     * {@code bias_lr_mult}: The bias learning rate is learning_rate times this.
     *
     * @param value a number &gt; 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder biasLrMult(double value) {
      return set("bias_lr_mult", Double.toString(value));
    }

    /**
     * {@code bias_wd_mult}: The bias L2 weight is wd times this; auto means no regularisation of the bias.
     *
     * @param value a number &gt;= 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder biasWdMult(double value) {
      return set("bias_wd_mult", Double.toString(value));
    }

    /**
     * {@code normalize_data}: Scale features to unit variance before training.
     *
     * @param value true or false or auto; default {@code true}
     * @return this builder
     */
    public Builder normalizeData(boolean value) {
      return set("normalize_data", Boolean.toString(value));
    }

    /**
     * {@code normalize_label}: Shift and scale the label (regressors) before training.
     *
     * @param value true or false or auto; default {@code auto}
     * @return this builder
     */
    public Builder normalizeLabel(boolean value) {
      return set("normalize_label", Boolean.toString(value));
    }

    /**
     * {@code unbias_data}: Shift features to zero mean (dense data only).
     *
     * @param value true or false or auto; default {@code auto}
     * @return this builder
     */
    public Builder unbiasData(boolean value) {
      return set("unbias_data", Boolean.toString(value));
    }

    /**
     * {@code unbias_label}: Shift the label to zero mean (regressors).
     *
     * @param value true or false or auto; default {@code auto}
     * @return this builder
     */
    public Builder unbiasLabel(boolean value) {
      return set("unbias_label", Boolean.toString(value));
    }

    /**
     * {@code num_point_for_scaler}: Rows read to learn the normalisation statistics.
     *
     * @param value an integer &gt;= 1; default {@code 10000}
     * @return this builder
     */
    public Builder numPointForScaler(int value) {
      return set("num_point_for_scaler", Integer.toString(value));
    }

    /**
     * {@code num_calibration_samples}: Rows sampled to tune the binary decision threshold.
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder numCalibrationSamples(int value) {
      return set("num_calibration_samples", Integer.toString(value));
    }

    /**
     * {@code init_method}: Weight initialisation.
     *
     * @param value one of [uniform, normal]; default {@code uniform}
     * @return this builder
     */
    public Builder initMethod(String value) {
      return set("init_method", value);
    }

    /**
     * @param value the {@code init_method} constant
     * @return this builder
     */
    public Builder initMethod(InitMethod value) {
      return set("init_method", value);
    }

    /**
     * {@code init_scale}: Half-width of the uniform initialisation.
     *
     * @param value a number &gt; 0; default {@code 0.07}
     * @return this builder
     */
    public Builder initScale(double value) {
      return set("init_scale", Double.toString(value));
    }

    /**
     * {@code init_sigma}: Standard deviation of the normal initialisation.
     *
     * @param value a number &gt; 0; default {@code 0.01}
     * @return this builder
     */
    public Builder initSigma(double value) {
      return set("init_sigma", Double.toString(value));
    }

    /**
     * {@code init_bias}: Initial bias.
     *
     * @param value a number; default {@code 0}
     * @return this builder
     */
    public Builder initBias(double value) {
      return set("init_bias", Double.toString(value));
    }

    /**
     * {@code target_recall}: Recall target of precision_at_target_recall.
     *
     * @param value a number in (0, 1]; default {@code 0.8}
     * @return this builder
     */
    public Builder targetRecall(double value) {
      return set("target_recall", Double.toString(value));
    }

    /**
     * {@code target_precision}: Precision target of recall_at_target_precision.
     *
     * @param value a number in (0, 1]; default {@code 0.8}
     * @return this builder
     */
    public Builder targetPrecision(double value) {
      return set("target_precision", Double.toString(value));
    }

    /**
     * {@code f_beta}: Beta of the F-beta score.
     *
     * @param value a number &gt; 0; default {@code 1.0}
     * @return this builder
     */
    public Builder fBeta(double value) {
      return set("f_beta", Double.toString(value));
    }

    /**
     * {@code positive_example_weight_mult}: Weight of positive examples: a positive number, balanced, or auto (= balanced).
     *
     * @param value a string; default {@code 1.0}
     * @return this builder
     */
    public Builder positiveExampleWeightMult(String value) {
      return set("positive_example_weight_mult", value);
    }

    /**
     * {@code balance_multiclass_weights}: Weight classes inversely to their frequency.
     *
     * @param value true or false; default {@code false}
     * @return this builder
     */
    public Builder balanceMulticlassWeights(boolean value) {
      return set("balance_multiclass_weights", Boolean.toString(value));
    }

    /**
     * {@code early_stopping_tolerance}: Relative loss improvement that counts as improvement.
     *
     * @param value a number &gt; 0; default {@code 0.001}
     * @return this builder
     */
    public Builder earlyStoppingTolerance(double value) {
      return set("early_stopping_tolerance", Double.toString(value));
    }

    /**
     * {@code margin}: Margin of hinge_loss.
     *
     * @param value a number &gt; 0; default {@code 1.0}
     * @return this builder
     */
    public Builder margin(double value) {
      return set("margin", Double.toString(value));
    }

    /**
     * {@code quantile}: Quantile of quantile_loss.
     *
     * @param value a number in (0, 1); default {@code 0.5}
     * @return this builder
     */
    public Builder quantile(double value) {
      return set("quantile", Double.toString(value));
    }

    /**
     * {@code loss_insensitivity}: Epsilon of the eps_insensitive losses, in label units.
     *
     * @param value a number &gt; 0; default {@code 0.01}
     * @return this builder
     */
    public Builder lossInsensitivity(double value) {
      return set("loss_insensitivity", Double.toString(value));
    }

    /**
     * {@code huber_delta}: Delta of huber_loss, in label units.
     *
     * @param value a number &gt; 0; default {@code 1.0}
     * @return this builder
     */
    public Builder huberDelta(double value) {
      return set("huber_delta", Double.toString(value));
    }

    /**
     * {@code accuracy_top_k}: k of multiclass_top_k_accuracy.
     *
     * @param value an integer &gt;= 1; default {@code 3}
     * @return this builder
     */
    public Builder accuracyTopK(int value) {
      return set("accuracy_top_k", Integer.toString(value));
    }

    /**
     * {@code use_lr_scheduler}: Decay the learning rate during training.
     *
     * @param value true or false; default {@code true}
     * @return this builder
     */
    public Builder useLrScheduler(boolean value) {
      return set("use_lr_scheduler", Boolean.toString(value));
    }

    /**
     * {@code lr_scheduler_step}: Updates between learning-rate decays.
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder lrSchedulerStep(int value) {
      return set("lr_scheduler_step", Integer.toString(value));
    }

    /**
     * {@code lr_scheduler_factor}: Factor applied at each decay.
     *
     * @param value a number in (0, 1] or auto; default {@code auto}
     * @return this builder
     */
    public Builder lrSchedulerFactor(double value) {
      return set("lr_scheduler_factor", Double.toString(value));
    }

    /**
     * {@code lr_scheduler_minimum_lr}: The learning rate never decays below this.
     *
     * @param value a number &gt; 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder lrSchedulerMinimumLr(double value) {
      return set("lr_scheduler_minimum_lr", Double.toString(value));
    }
  }
}

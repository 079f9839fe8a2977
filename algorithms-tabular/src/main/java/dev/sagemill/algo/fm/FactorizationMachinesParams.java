package dev.sagemill.algo.fm;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * Factorization Machines hyperparameters, with SageMaker's names, defaults and ranges. Built from the string map of
 * {@code hyperparameters.json} ({@link #parse(Map)}) or with the typed {@link #builder}; both go through the one
 * {@link #SPEC}.
 *
 * <p>Where SageMaker leaves a value unset, sagemill's documented choices: the update is MXNet's AdaGrad (SageMaker's
 * container is MXNet, and its {@code eps} is the name of AdaGrad's epsilon there) with each group's rate and
 * weight decay, {@code w ← w − lr·(g / √(G + eps) + wd·w)}, applied lazily to the rows a mini-batch touches;
 * {@code eps} 1e-7 (MXNet's AdaGrad default; 1e-8 for adam); {@code rescale_grad} 1/rows of the mini-batch (MXNet's
 * module default, so the gradient is the batch mean); {@code clip_gradient} none; a uniform initialisation without
 * its scale uses {@code sigma × √3}, a constant one without its value 0. {@code optimizer} and {@code seed}
 * are sagemill additions.
 *
 * <p>Immutable and thread-safe.
 */
public final class FactorizationMachinesParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "factorization-machines";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("feature_dim", ParamType.INT, 1, Integer.MAX_VALUE, "Number of features of the input.")
      .requiredNumber("num_factors", ParamType.INT, 1, 100_000, "Dimension of each feature's factor vector.")
      .choice("predictor_type", PredictorType.class, null, true, "binary_classifier or regressor.")
      .number("epochs", ParamType.INT, 1, true, INF, false, "1", false,
          "Passes over the training data.")
      .number("mini_batch_size", ParamType.INT, 1, true, INF, false, "1000", false,
          "Rows per optimisation step.")
      .number("bias_lr", ParamType.DOUBLE, 0, true, INF, false, "0.1", false,
          "Learning rate of the bias w0.")
      .number("linear_lr", ParamType.DOUBLE, 0, true, INF, false, "0.001", false,
          "Learning rate of the linear weights w.")
      .number("factors_lr", ParamType.DOUBLE, 0, true, INF, false, "0.0001", false,
          "Learning rate of the factor matrix V.")
      .number("bias_wd", ParamType.DOUBLE, 0, true, INF, false, "0.01", false,
          "Weight decay (L2) of the bias.")
      .number("linear_wd", ParamType.DOUBLE, 0, true, INF, false, "0.001", false,
          "Weight decay (L2) of the linear weights.")
      .number("factors_wd", ParamType.DOUBLE, 0, true, INF, false, "0.00001", false,
          "Weight decay (L2) of the factors.")
      .choice("bias_init_method", InitMethod.class, InitMethod.NORMAL, false,
          "How the bias are initialised: normal, uniform or constant.")
      .number("bias_init_scale", ParamType.DOUBLE, 0, true, INF, false, "auto", true,
          "Half-width of the uniform initialisation of the bias; auto is sigma x sqrt(3), the same spread.")
      .number("bias_init_sigma", ParamType.DOUBLE, 0, true, INF, false, "0.01", false,
          "Standard deviation of the normal initialisation of the bias.")
      .number("bias_init_value", ParamType.DOUBLE, Double.NEGATIVE_INFINITY, true, INF, false, "auto", true,
          "Value of the constant initialisation of the bias; auto is 0.")
      .choice("linear_init_method", InitMethod.class, InitMethod.NORMAL, false,
          "How the linear weights are initialised: normal, uniform or constant.")
      .number("linear_init_scale", ParamType.DOUBLE, 0, true, INF, false, "auto", true,
          "Half-width of the uniform initialisation of the linear weights; auto is sigma x sqrt(3), the same spread.")
      .number("linear_init_sigma", ParamType.DOUBLE, 0, true, INF, false, "0.01", false,
          "Standard deviation of the normal initialisation of the linear weights.")
      .number("linear_init_value", ParamType.DOUBLE, Double.NEGATIVE_INFINITY, true, INF, false, "auto", true,
          "Value of the constant initialisation of the linear weights; auto is 0.")
      .choice("factors_init_method", InitMethod.class, InitMethod.NORMAL, false,
          "How the factors are initialised: normal, uniform or constant.")
      .number("factors_init_scale", ParamType.DOUBLE, 0, true, INF, false, "auto", true,
          "Half-width of the uniform initialisation of the factors; auto is sigma x sqrt(3), the same spread.")
      .number("factors_init_sigma", ParamType.DOUBLE, 0, true, INF, false, "0.001", false,
          "Standard deviation of the normal initialisation of the factors.")
      .number("factors_init_value", ParamType.DOUBLE, Double.NEGATIVE_INFINITY, true, INF, false, "auto", true,
          "Value of the constant initialisation of the factors; auto is 0.")
      .number("clip_gradient", ParamType.DOUBLE, 0, false, INF, false, "auto", true,
          "Gradients are clipped to [-clip_gradient, clip_gradient]; auto = no clipping.")
      .number("eps", ParamType.DOUBLE, 0, false, INF, false, "auto", true,
          "Epsilon of the adaptive update's denominator; auto is 1e-7 (adagrad) or 1e-8 (adam).")
      .number("rescale_grad", ParamType.DOUBLE, 0, false, INF, false, "auto", true,
          "Factor applied to the summed mini-batch gradient; auto is 1/rows of the batch (its mean).")
      .choice("optimizer", Optimizer.class, Optimizer.ADAGRAD, false,
          "sagemill addition: the update; adagrad (SageMaker's, MXNet's AdaGrad with per-group rates), adam or sgd.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false,
          "Seed of initialisation and of the row order (sagemill addition).")
      .crossCheck(FactorizationMachinesParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    Object f = v.get("feature_dim");
    Object k = v.get("num_factors");
    if (f instanceof Number fd && k instanceof Number nf && fd.longValue() * nf.longValue() > Integer.MAX_VALUE - 8) {
      problems.add("feature_dim x num_factors is " + fd.longValue() * nf.longValue() + ", more factors than an array "
          + "holds (" + (Integer.MAX_VALUE - 8) + ")");
    }
  }

  private FactorizationMachinesParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static FactorizationMachinesParams parse(Map<String, String> hyperparameters) {
    return new FactorizationMachinesParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param type the predictor type
   * @param featureDim input features
   * @param numFactors factor dimension
   * @return a builder with the required values set
   */
  public static Builder builder(PredictorType type, int featureDim, int numFactors) {
    return new Builder().set("predictor_type", type.value()).set("feature_dim", Integer.toString(featureDim))
        .set("num_factors", Integer.toString(numFactors));
  }

  /** @return the predictor type */
  public PredictorType predictorType() {
    return values.getString("predictor_type").equals("binary_classifier") ? PredictorType.BINARY_CLASSIFIER
        : PredictorType.REGRESSOR;
  }

  /** @return feature_dim */
  public int featureDim() {
    return values.getInt("feature_dim");
  }

  /** @return num_factors */
  public int numFactors() {
    return values.getInt("num_factors");
  }

  /** @return the seed */
  long seed() {
    return values.getLong("seed");
  }

  /** @return the update's name */
  String optimizer() {
    return values.getString("optimizer");
  }

  /** @return eps, with auto resolved per optimizer */
  double eps() {
    return values.getDouble("eps", optimizer().equals("adam") ? 1e-8 : 1e-7);
  }

  /**
   * One parameter group's initial value.
   *
   * @param group {@code bias}, {@code linear} or {@code factors}
   * @param rng a standard normal and a uniform draw
   * @return the value
   */
  double initialValue(String group, dev.sagemill.core.random.RandomStream rng) {
    double sigma = values.getDouble(group + "_init_sigma");
    return switch (values.getString(group + "_init_method")) {
      case "uniform" -> values.getDouble(group + "_init_scale", sigma * Math.sqrt(3)) * (2 * rng.nextDouble() - 1);
      case "constant" -> values.getDouble(group + "_init_value", 0);
      default -> sigma * rng.nextGaussian();
    };
  }

  /** The values of {@code predictor_type}. */
  public enum PredictorType implements Choice {
    /** {@code binary_classifier}: labels 0 and 1, score the probability of 1 */
    BINARY_CLASSIFIER("binary_classifier"),
    /** {@code regressor}: a real label, score the prediction */
    REGRESSOR("regressor");

    private final String value;

    PredictorType(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of the {@code *_init_method} hyperparameters. */
  public enum InitMethod implements Choice {
    /** {@code normal} */
    NORMAL("normal"),
    /** {@code uniform} */
    UNIFORM("uniform"),
    /** {@code constant} */
    CONSTANT("constant");

    private final String value;

    InitMethod(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code optimizer}. */
  public enum Optimizer implements Choice {
    /** {@code adagrad} */
    ADAGRAD("adagrad"),
    /** {@code adam} */
    ADAM("adam"),
    /** {@code sgd} */
    SGD("sgd");

    private final String value;

    Optimizer(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** A typed builder; every optional hyperparameter has a setter. */
  public static final class Builder extends ParamsBuilder<FactorizationMachinesParams, Builder> {
    private Builder() {
      super(FactorizationMachinesParams::parse);
    }

    /**
     * {@code epochs}: Passes over the training data.
     *
     * @param value an integer &gt;= 1; default {@code 1}
     * @return this builder
     */
    public Builder epochs(int value) {
      return set("epochs", Integer.toString(value));
    }

    /**
     * {@code mini_batch_size}: Rows per optimisation step.
     *
     * @param value an integer &gt;= 1; default {@code 1000}
     * @return this builder
     */
    public Builder miniBatchSize(int value) {
      return set("mini_batch_size", Integer.toString(value));
    }

    /**
     * {@code bias_lr}: Learning rate of the bias w0.
     *
     * @param value a number &gt;= 0; default {@code 0.1}
     * @return this builder
     */
    public Builder biasLr(double value) {
      return set("bias_lr", Double.toString(value));
    }

    /**
     * {@code linear_lr}: Learning rate of the linear weights w.
     *
     * @param value a number &gt;= 0; default {@code 0.001}
     * @return this builder
     */
    public Builder linearLr(double value) {
      return set("linear_lr", Double.toString(value));
    }

    /**
     * {@code factors_lr}: Learning rate of the factor matrix V.
     *
     * @param value a number &gt;= 0; default {@code 0.0001}
     * @return this builder
     */
    public Builder factorsLr(double value) {
      return set("factors_lr", Double.toString(value));
    }

    /**
     * {@code bias_wd}: Weight decay (L2) of the bias.
     *
     * @param value a number &gt;= 0; default {@code 0.01}
     * @return this builder
     */
    public Builder biasWd(double value) {
      return set("bias_wd", Double.toString(value));
    }

    /**
     * {@code linear_wd}: Weight decay (L2) of the linear weights.
     *
     * @param value a number &gt;= 0; default {@code 0.001}
     * @return this builder
     */
    public Builder linearWd(double value) {
      return set("linear_wd", Double.toString(value));
    }

    /**
     * {@code factors_wd}: Weight decay (L2) of the factors.
     *
     * @param value a number &gt;= 0; default {@code 0.00001}
     * @return this builder
     */
    public Builder factorsWd(double value) {
      return set("factors_wd", Double.toString(value));
    }

    /**
     * {@code bias_init_method}: How the bias are initialised: normal, uniform or constant.
     *
     * @param value one of [normal, uniform, constant]; default {@code normal}
     * @return this builder
     */
    public Builder biasInitMethod(String value) {
      return set("bias_init_method", value);
    }

    /**
     * @param value the {@code bias_init_method} constant
     * @return this builder
     */
    public Builder biasInitMethod(InitMethod value) {
      return set("bias_init_method", value);
    }

    /**
     * {@code bias_init_scale}: Half-width of the uniform initialisation of the bias; auto is sigma x sqrt(3),
     * the same spread.
     *
     * @param value a number &gt;= 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder biasInitScale(double value) {
      return set("bias_init_scale", Double.toString(value));
    }

    /**
     * {@code bias_init_sigma}: Standard deviation of the normal initialisation of the bias.
     *
     * @param value a number &gt;= 0; default {@code 0.01}
     * @return this builder
     */
    public Builder biasInitSigma(double value) {
      return set("bias_init_sigma", Double.toString(value));
    }

    /**
     * {@code bias_init_value}: Value of the constant initialisation of the bias; auto is 0.
     *
     * @param value a number or auto; default {@code auto}
     * @return this builder
     */
    public Builder biasInitValue(double value) {
      return set("bias_init_value", Double.toString(value));
    }

    /**
     * {@code linear_init_method}: How the linear weights are initialised: normal, uniform or constant.
     *
     * @param value one of [normal, uniform, constant]; default {@code normal}
     * @return this builder
     */
    public Builder linearInitMethod(String value) {
      return set("linear_init_method", value);
    }

    /**
     * @param value the {@code linear_init_method} constant
     * @return this builder
     */
    public Builder linearInitMethod(InitMethod value) {
      return set("linear_init_method", value);
    }

    /**
     * {@code linear_init_scale}: Half-width of the uniform initialisation of the linear weights; auto is sigma x sqrt(3),
     * the same spread.
     *
     * @param value a number &gt;= 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder linearInitScale(double value) {
      return set("linear_init_scale", Double.toString(value));
    }

    /**
     * {@code linear_init_sigma}: Standard deviation of the normal initialisation of the linear weights.
     *
     * @param value a number &gt;= 0; default {@code 0.01}
     * @return this builder
     */
    public Builder linearInitSigma(double value) {
      return set("linear_init_sigma", Double.toString(value));
    }

    /**
     * {@code linear_init_value}: Value of the constant initialisation of the linear weights; auto is 0.
     *
     * @param value a number or auto; default {@code auto}
     * @return this builder
     */
    public Builder linearInitValue(double value) {
      return set("linear_init_value", Double.toString(value));
    }

    /**
     * {@code factors_init_method}: How the factors are initialised: normal, uniform or constant.
     *
     * @param value one of [normal, uniform, constant]; default {@code normal}
     * @return this builder
     */
    public Builder factorsInitMethod(String value) {
      return set("factors_init_method", value);
    }

    /**
     * @param value the {@code factors_init_method} constant
     * @return this builder
     */
    public Builder factorsInitMethod(InitMethod value) {
      return set("factors_init_method", value);
    }

    /**
     * {@code factors_init_scale}: Half-width of the uniform initialisation of the factors; auto is sigma x sqrt(3),
     * the same spread.
     *
     * @param value a number &gt;= 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder factorsInitScale(double value) {
      return set("factors_init_scale", Double.toString(value));
    }

    /**
     * {@code factors_init_sigma}: Standard deviation of the normal initialisation of the factors.
     *
     * @param value a number &gt;= 0; default {@code 0.001}
     * @return this builder
     */
    public Builder factorsInitSigma(double value) {
      return set("factors_init_sigma", Double.toString(value));
    }

    /**
     * {@code factors_init_value}: Value of the constant initialisation of the factors; auto is 0.
     *
     * @param value a number or auto; default {@code auto}
     * @return this builder
     */
    public Builder factorsInitValue(double value) {
      return set("factors_init_value", Double.toString(value));
    }

    /**
     * {@code clip_gradient}: Gradients are clipped to [-clip_gradient, clip_gradient]; auto = no clipping.
     *
     * @param value a number &gt; 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder clipGradient(double value) {
      return set("clip_gradient", Double.toString(value));
    }

    /**
     * {@code eps}: Epsilon of the adaptive update's denominator; auto is 1e-7 (adagrad) or 1e-8 (adam).
     *
     * @param value a number &gt; 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder eps(double value) {
      return set("eps", Double.toString(value));
    }

    /**
     * {@code rescale_grad}: Factor applied to the summed mini-batch gradient; auto is 1/rows of the batch (its mean).
     *
     * @param value a number &gt; 0 or auto; default {@code auto}
     * @return this builder
     */
    public Builder rescaleGrad(double value) {
      return set("rescale_grad", Double.toString(value));
    }

    /**
     * {@code optimizer}: sagemill addition: the update; adagrad (SageMaker's, MXNet's AdaGrad with per-group
     * rates), adam or sgd.
     *
     * @param value one of [adagrad, adam, sgd]; default {@code adagrad}
     * @return this builder
     */
    public Builder optimizer(String value) {
      return set("optimizer", value);
    }

    /**
     * @param value the {@code optimizer} constant
     * @return this builder
     */
    public Builder optimizer(Optimizer value) {
      return set("optimizer", value);
    }

    /**
     * {@code seed}: Seed of initialisation and of the row order (sagemill addition).
     *
     * @param value an integer; default {@code 0}
     * @return this builder
     */
    public Builder seed(long value) {
      return set("seed", Long.toString(value));
    }
  }
}

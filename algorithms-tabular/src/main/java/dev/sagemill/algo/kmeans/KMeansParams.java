package dev.sagemill.algo.kmeans;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SageMaker k-means hyperparameters with SageMaker's names, defaults and ranges, parsed from the string map of
 * {@code hyperparameters.json} ({@link #parse}) or built with {@link #builder(int, int)}.
 *
 * <p>Where SageMaker says {@code auto} without saying what it means, sagemill decides: {@code extra_center_factor}
 * auto keeps {@code k·⌈ln(mini_batch_size)⌉} centers while streaming (streaming k-means keeps O(k log n) centers, n
 * being what the centers are drawn from: the first mini-batch), capped at the first mini-batch's size;
 * {@code local_lloyd_num_trials} auto runs 10 trials. {@code seed} (not a SageMaker hyperparameter) seeds every
 * random choice.
 *
 * <p>Immutable and thread-safe.
 */
public final class KMeansParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "kmeans";

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final List<String> METRICS = List.of("msd", "ssd");

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("k", ParamType.INT, 1, Integer.MAX_VALUE, "Number of clusters.")
      .requiredNumber("feature_dim", ParamType.INT, 1, Integer.MAX_VALUE, "Number of features of the input.")
      .number("mini_batch_size", ParamType.INT, 1, true, INF, false, "5000", false,
          "Rows per mini-batch of the streaming pass.")
      .number("epochs", ParamType.INT, 1, true, INF, false, "1", false, "Passes over the training data.")
      .choice("init_method", InitMethod.class, InitMethod.RANDOM, false,
          "How the streaming centers are drawn from the first mini-batch.")
      .number("extra_center_factor", ParamType.INT, 1, true, INF, false, "auto", true,
          "Streaming keeps k x extra_center_factor centers, reduced to k at the end.")
      .number("local_lloyd_max_iter", ParamType.INT, 1, true, INF, false, "300", false,
          "Maximum iterations of the final local Lloyd's.")
      .number("local_lloyd_tol", ParamType.DOUBLE, 0, true, 1, true, "0.0001", false,
          "Relative change of the loss below which the local Lloyd's stops.")
      .number("local_lloyd_num_trials", ParamType.INT, 1, true, INF, false, "auto", true,
          "Local Lloyd's runs; the one with the least loss is kept.")
      .choice("local_lloyd_init_method", LocalLloydInitMethod.class, LocalLloydInitMethod.KMEANS_PLUS_PLUS, false,
          "How each local Lloyd's trial picks its k initial centers.")
      .number("half_life_time_size", ParamType.INT, 0, true, INF, false, "0", false,
          "Points after which an observation's weight in a center has halved; 0 = no decay.")
      .number("full_data_lloyd_passes", ParamType.INT, 0, true, INF, false, "0", false,
          "sagemill: Lloyd's passes over the whole training data after the reduction, stopping early at "
              + "local_lloyd_tol; 0 = SageMaker's method.")
      .text("eval_metrics", "[\"msd\"]", "JSON list of test metrics: msd, ssd.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Random seed.")
      .crossCheck(KMeansParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("eval_metrics") instanceof String s) {
      try {
        parseMetrics(s);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
  }

  /**
   * Parses SageMaker's JSON list of metric names, also in the unquoted forms SDKs send ({@code [msd, ssd]}).
   *
   * @param s the list
   * @return the names
   * @throws IllegalArgumentException naming an unknown metric
   */
  static List<String> parseMetrics(String s) {
    String body = s.trim().replace("\\\"", "\"");
    if (body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    }
    List<String> out = new ArrayList<>();
    for (String part : body.split(",")) {
      String m = part.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
      if (m.isEmpty()) {
        continue;
      }
      if (!METRICS.contains(m)) {
        throw new IllegalArgumentException("eval_metrics names " + m + "; k-means reports msd and ssd");
      }
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("eval_metrics is empty; give [\"msd\"], [\"ssd\"] or both");
    }
    return out;
  }

  private KMeansParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static KMeansParams parse(Map<String, String> hyperparameters) {
    return new KMeansParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param k clusters
   * @param featureDim input features
   * @return a builder with the required values set
   */
  public static Builder builder(int k, int featureDim) {
    return new Builder().set("k", Integer.toString(k)).set("feature_dim", Integer.toString(featureDim));
  }

  /** @return k */
  public int k() {
    return values.getInt("k");
  }

  /** @return feature_dim */
  public int featureDim() {
    return values.getInt("feature_dim");
  }

  /** @return the centers kept while streaming: k times the extra center factor (auto resolved) */
  int streamingCenters() {
    int factor = values.isAuto("extra_center_factor")
        ? (int) Math.ceil(Math.log(Math.max(Math.E, values.getInt("mini_batch_size"))))
        : values.getInt("extra_center_factor");
    return (int) Math.min(Integer.MAX_VALUE / 2, (long) k() * factor);
  }

  /** @return Lloyd's passes over the whole training data after the reduction (0: none, SageMaker's method) */
  int fullDataLloydPasses() {
    return values.getInt("full_data_lloyd_passes");
  }

  /** @return local Lloyd's trials (auto resolved) */
  int lloydTrials() {
    return values.getInt("local_lloyd_num_trials", 10);
  }

  /** @return the test metrics in order */
  public List<String> evalMetrics() {
    return parseMetrics(values.getString("eval_metrics"));
  }

  /** The values of {@code init_method}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum InitMethod implements Choice {
    /** {@code random} */
    RANDOM("random"),
    /** {@code kmeans++} */
    KMEANS_PLUS_PLUS("kmeans++");

    private final String value;

    InitMethod(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code local_lloyd_init_method}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum LocalLloydInitMethod implements Choice {
    /** {@code kmeans++} */
    KMEANS_PLUS_PLUS("kmeans++"),
    /** {@code random} */
    RANDOM("random");

    private final String value;

    LocalLloydInitMethod(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link KMeansParams}. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<KMeansParams, Builder> {
    private Builder() {
      super(KMeansParams::parse);
    }
    /**
     * {@code mini_batch_size}: Rows per mini-batch of the streaming pass.
     *
     * @param value an integer &gt;= 1; default {@code 5000}
     * @return this builder
     */
    public Builder miniBatchSize(int value) {
      return set("mini_batch_size", Integer.toString(value));
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
     * {@code init_method}: How the streaming centers are drawn from the first mini-batch.
     *
     * @param value one of [random, kmeans++]; default {@code random}
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
     * {@code extra_center_factor}: Streaming keeps k x extra_center_factor centers, reduced to k at the end.
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder extraCenterFactor(int value) {
      return set("extra_center_factor", Integer.toString(value));
    }

    /**
     * {@code local_lloyd_max_iter}: Maximum iterations of the final local Lloyd's.
     *
     * @param value an integer &gt;= 1; default {@code 300}
     * @return this builder
     */
    public Builder localLloydMaxIter(int value) {
      return set("local_lloyd_max_iter", Integer.toString(value));
    }

    /**
     * {@code local_lloyd_tol}: Relative change of the loss below which the local Lloyd's stops.
     *
     * @param value a number in [0, 1]; default {@code 0.0001}
     * @return this builder
     */
    public Builder localLloydTol(double value) {
      return set("local_lloyd_tol", Double.toString(value));
    }

    /**
     * {@code local_lloyd_num_trials}: Local Lloyd's runs; the one with the least loss is kept.
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder localLloydNumTrials(int value) {
      return set("local_lloyd_num_trials", Integer.toString(value));
    }

    /**
     * {@code local_lloyd_init_method}: How each local Lloyd's trial picks its k initial centers.
     *
     * @param value one of [kmeans++, random]; default {@code kmeans++}
     * @return this builder
     */
    public Builder localLloydInitMethod(String value) {
      return set("local_lloyd_init_method", value);
    }

    /**
     * @param value the {@code local_lloyd_init_method} constant
     * @return this builder
     */
    public Builder localLloydInitMethod(LocalLloydInitMethod value) {
      return set("local_lloyd_init_method", value);
    }

    /**
     * {@code half_life_time_size}: Points after which an observation's weight in a center has halved; 0 = no decay.
     *
     * @param value an integer &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder halfLifeTimeSize(int value) {
      return set("half_life_time_size", Integer.toString(value));
    }

    /**
     * {@code full_data_lloyd_passes}: sagemill: Lloyd's passes over the whole training data after the reduction,
     * stopping early at local_lloyd_tol; 0 = SageMaker's method.
     *
     * @param value an integer &gt;= 0; default {@code 0}
     * @return this builder
     */
    public Builder fullDataLloydPasses(int value) {
      return set("full_data_lloyd_passes", Integer.toString(value));
    }

    /**
     * {@code eval_metrics}: JSON list of test metrics: msd, ssd.
     *
     * @param value a string; default {@code ["msd"]}
     * @return this builder
     */
    public Builder evalMetrics(String value) {
      return set("eval_metrics", value);
    }

    /**
     * {@code seed}: Random seed.
     *
     * @param value an integer; default {@code 0}
     * @return this builder
     */
    public Builder seed(long value) {
      return set("seed", Long.toString(value));
    }
  }
}

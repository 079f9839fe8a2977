package dev.sagemill.algo.rcf;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * SageMaker Random Cut Forest hyperparameters with SageMaker's names, defaults and ranges, parsed from the string map
 * of {@code hyperparameters.json} ({@link #parse}) or built with {@link #builder(int)}. {@code seed} (not a SageMaker
 * hyperparameter) seeds the sampling and the cuts.
 *
 * <p>Immutable and thread-safe.
 */
public final class RandomCutForestParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "randomcutforest";

  /** The metric families {@code eval_metrics} may name. */
  public static final List<String> EVAL_METRICS = List.of("accuracy", "precision_recall_fscore");

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("feature_dim", ParamType.INT, 1, 10_000, "Number of features of the input.")
      .number("num_trees", ParamType.INT, 50, true, 1000, true, "100", false, "Trees in the forest.")
      .number("num_samples_per_tree", ParamType.INT, 1, true, 2048, true, "256", false,
          "Rows in each tree's random sample of the training data.")
      .text("eval_metrics", "accuracy,precision_recall_fscore",
          "Metrics on a labelled test channel: accuracy and/or precision_recall_fscore.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, "0", false,
          "Random seed.")
      .crossCheck(RandomCutForestParams::check)
      .build();

  /**
   * The hyperparameters of a {@link StreamingRandomCutForest}: SageMaker's names where they mean what they mean in
   * batch training, and the stream's own: {@code shingle_size} (inputs concatenated into one point) and
   * {@code time_decay} (AWS's λ; a sample's points are weighted by e^(λ·arrival), so about 1/λ recent points are
   * kept in view).
   */
  public static final ParamSpec STREAM_SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("feature_dim", ParamType.INT, 1, 10_000, "Number of values of each input.")
      .number("num_trees", ParamType.INT, 1, true, 1000, true, "100", false, "Trees in the forest.")
      .number("num_samples_per_tree", ParamType.INT, 1, true, 2048, true, "256", false,
          "Points in each tree's time-decayed sample of the stream.")
      .number("shingle_size", ParamType.INT, 1, true, 1024, true, "1", false,
          "Consecutive inputs concatenated into one point (1: each input alone).")
      .number("time_decay", ParamType.DOUBLE, 0, true, 1, true, "auto", true,
          "λ of the samples' exponential time decay; auto = 1 / (10 num_samples_per_tree), 0 = uniform over all.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, "0", false,
          "Random seed.")
      .build();

  /**
   * A new streaming forest from its hyperparameters.
   *
   * @param hyperparameters values for {@link #STREAM_SPEC}
   * @return the forest, before its first input
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static StreamingRandomCutForest newStream(Map<String, String> hyperparameters) {
    Hyperparameters v = STREAM_SPEC.parse(hyperparameters);
    int samples = v.getInt("num_samples_per_tree");
    return StreamingRandomCutForest.builder(v.getInt("feature_dim")).numberOfTrees(v.getInt("num_trees"))
        .sampleSize(samples).shingleSize(v.getInt("shingle_size"))
        .timeDecay(v.isAuto("time_decay") ? 1.0 / (10.0 * samples) : v.getDouble("time_decay"))
        .seed(v.getLong("seed")).build();
  }

  private static void check(Map<String, Object> v, List<String> problems) {
    Object m = v.get("eval_metrics");
    if (m instanceof String s) {
      for (String name : metricNames(s)) {
        if (!EVAL_METRICS.contains(name)) {
          problems.add("eval_metrics names \"" + name + "\"; allowed: " + EVAL_METRICS);
        }
      }
    }
  }

  private static List<String> metricNames(String s) {
    return List.of(s.replace("[", "").replace("]", "").replace("\"", "").replace("'", "").split(",")).stream()
        .map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private RandomCutForestParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static RandomCutForestParams parse(Map<String, String> hyperparameters) {
    return new RandomCutForestParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param featureDim input features
   * @return a builder with the required value set
   */
  public static Builder builder(int featureDim) {
    return new Builder().set("feature_dim", Integer.toString(featureDim));
  }

  /** @return feature_dim */
  public int featureDim() {
    return values.getInt("feature_dim");
  }

  /** @return num_trees */
  public int numTrees() {
    return values.getInt("num_trees");
  }

  /** @return num_samples_per_tree */
  public int samplesPerTree() {
    return values.getInt("num_samples_per_tree");
  }

  /** @return the metric families asked for, as SageMaker's names */
  public List<String> evalMetrics() {
    return metricNames(values.getString("eval_metrics"));
  }

  /** @return seed */
  public long seed() {
    return values.getLong("seed");
  }

  /** Typed construction of {@link RandomCutForestParams}. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<RandomCutForestParams, Builder> {
    private Builder() {
      super(RandomCutForestParams::parse);
    }

    /**
     * @param value trees in the forest
     * @return this builder
     */
    public Builder numTrees(int value) {
      return set("num_trees", Integer.toString(value));
    }

    /**
     * @param value rows sampled per tree
     * @return this builder
     */
    public Builder numSamplesPerTree(int value) {
      return set("num_samples_per_tree", Integer.toString(value));
    }

    /**
     * @param value comma-separated metric families
     * @return this builder
     */
    public Builder evalMetrics(String value) {
      return set("eval_metrics", value);
    }

    /**
     * @param value random seed
     * @return this builder
     */
    public Builder seed(long value) {
      return set("seed", Long.toString(value));
    }
  }
}

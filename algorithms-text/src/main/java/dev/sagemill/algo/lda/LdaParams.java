package dev.sagemill.algo.lda;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * LDA hyperparameters, with SageMaker's names, defaults and ranges: {@code num_topics}, {@code feature_dim} (the
 * vocabulary size) and {@code mini_batch_size} required; {@code alpha0} 1.0, {@code max_restarts} 10,
 * {@code max_iterations} 1000, {@code tol} 1e-8; {@code subspace_iterations} (2), {@code refinement_passes} (0)
 * and {@code seed} are sagemill additions. Immutable and thread-safe.
 */
public final class LdaParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "lda";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("num_topics", ParamType.INT, 1, Integer.MAX_VALUE, "Number of topics.")
      .requiredNumber("feature_dim", ParamType.INT, 1, Integer.MAX_VALUE, "Vocabulary size (words per document row).")
      .requiredNumber("mini_batch_size", ParamType.INT, 1, Integer.MAX_VALUE, "Documents per read batch.")
      .number("alpha0", ParamType.DOUBLE, 0, false, INF, false, "1.0", false,
          "Initial guess of the topic prior's concentration, the sum of the Dirichlet parameters.")
      .number("max_restarts", ParamType.INT, 1, true, INF, false, "10", false,
          "Random restarts of the tensor power method per topic.")
      .number("max_iterations", ParamType.INT, 1, true, INF, false, "1000", false,
          "Most iterations of the tensor power method per restart.")
      .number("tol", ParamType.DOUBLE, 0, false, INF, false, "1e-8", false,
          "Change of a topic's direction below which a power iteration stops.")
      .number("subspace_iterations", ParamType.INT, 0, true, INF, false, "2", false,
          "sagemill addition: extra passes of the randomized range finder that whitens the word co-occurrence moment.")
      .number("refinement_passes", ParamType.INT, 0, true, INF, false, "0", false,
          "sagemill addition: passes of variational EM that refine the spectral topics (0 = SageMaker's method).")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false,
          "Seed of the random projections and restarts (sagemill addition).")
      .crossCheck(LdaParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("num_topics") instanceof Number k && v.get("feature_dim") instanceof Number d
        && k.longValue() > d.longValue()) {
      problems.add("num_topics " + k + " is more than feature_dim " + d + ": each topic needs its own direction in "
          + "the vocabulary");
    }
  }

  private LdaParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static LdaParams parse(Map<String, String> hyperparameters) {
    return new LdaParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param numTopics topics
   * @param featureDim vocabulary size
   * @param miniBatchSize documents per read batch
   * @return a builder with the required values set
   */
  public static Builder builder(int numTopics, int featureDim, int miniBatchSize) {
    return new Builder().set("num_topics", Integer.toString(numTopics)).set("feature_dim",
        Integer.toString(featureDim)).set("mini_batch_size", Integer.toString(miniBatchSize));
  }

  /** @return num_topics */
  public int numTopics() {
    return values.getInt("num_topics");
  }

  /** @return feature_dim */
  public int featureDim() {
    return values.getInt("feature_dim");
  }

  SpectralLda estimator() {
    return new SpectralLda(numTopics(), featureDim(), values.getDouble("alpha0"), values.getInt("max_restarts"),
        values.getInt("max_iterations"), values.getDouble("tol"), values.getInt("subspace_iterations"),
        values.getLong("seed"));
  }

  /** A typed builder; every optional hyperparameter has a setter. */
  public static final class Builder extends ParamsBuilder<LdaParams, Builder> {
    private Builder() {
      super(LdaParams::parse);
    }

    /**
     * {@code alpha0}: Initial guess of the topic prior's concentration.
     *
     * @param value a number &gt; 0; default {@code 1.0}
     * @return this builder
     */
    public Builder alpha0(double value) {
      return set("alpha0", Double.toString(value));
    }

    /**
     * {@code max_restarts}: Random restarts of the tensor power method per topic.
     *
     * @param value an integer &gt;= 1; default {@code 10}
     * @return this builder
     */
    public Builder maxRestarts(int value) {
      return set("max_restarts", Integer.toString(value));
    }

    /**
     * {@code max_iterations}: Most iterations of the tensor power method per restart.
     *
     * @param value an integer &gt;= 1; default {@code 1000}
     * @return this builder
     */
    public Builder maxIterations(int value) {
      return set("max_iterations", Integer.toString(value));
    }

    /**
     * {@code tol}: Change of a topic's direction below which a power iteration stops.
     *
     * @param value a number &gt; 0; default {@code 1e-8}
     * @return this builder
     */
    public Builder tol(double value) {
      return set("tol", Double.toString(value));
    }

    /**
     * {@code subspace_iterations}: extra passes of the randomized range finder that whitens the word co-occurrence
     * moment (sagemill addition).
     *
     * @param value an integer &gt;= 0; default {@code 2}
     * @return this builder
     */
    public Builder subspaceIterations(int value) {
      return set("subspace_iterations", Integer.toString(value));
    }

    /**
     * {@code refinement_passes}: passes of variational EM that refine the spectral topics (sagemill addition).
     *
     * @param value an integer &gt;= 0; default {@code 0}, SageMaker's method
     * @return this builder
     */
    public Builder refinementPasses(int value) {
      return set("refinement_passes", Integer.toString(value));
    }

    /**
     * {@code seed}: Seed of the random projections and restarts.
     *
     * @param value any long; default {@code 0}
     * @return this builder
     */
    public Builder seed(long value) {
      return set("seed", Long.toString(value));
    }
  }
}

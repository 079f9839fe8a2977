package dev.sagemill.algo.pca;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * SageMaker PCA hyperparameters with SageMaker's names, defaults and ranges, parsed from the string map of
 * {@code hyperparameters.json} ({@link #parse}) or built with {@link #builder(int, int, int)}. {@code seed} (not a
 * SageMaker hyperparameter) seeds the randomized mode's test matrix.
 *
 * <p>Immutable and thread-safe.
 */
public final class PCAParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "pca";

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("feature_dim", ParamType.INT, 1, Integer.MAX_VALUE, "Number of features of the input.")
      .requiredNumber("mini_batch_size", ParamType.INT, 1, Integer.MAX_VALUE, "Rows per mini-batch read.")
      .requiredNumber("num_components", ParamType.INT, 1, Integer.MAX_VALUE,
          "Number of principal components to compute.")
      .choice("algorithm_mode", AlgorithmMode.class, AlgorithmMode.REGULAR, false,
          "regular: exact, from the streamed feature_dim x feature_dim scatter matrix; randomized: a streamed "
              + "randomized range finder, for many features.")
      .number("extra_components", ParamType.INT, -1, true, INF, false, "-1", false,
          "Oversampling of the randomized mode; -1 means max(10, num_components).")
      .number("subspace_iterations", ParamType.INT, 0, true, 20, true, "0", false,
          "sagemill: extra passes of the randomized mode, each a power iteration of the sketch (more accurate "
              + "components for a slowly decaying spectrum); 0 = two passes in all.")
      .bool("subtract_mean", "true", false, "Center the data (in training and at inference).")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Random seed.")
      .crossCheck(PCAParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("num_components") instanceof Number p && v.get("feature_dim") instanceof Number d
        && p.longValue() > d.longValue()) {
      problems.add("num_components = " + p + " is larger than feature_dim = " + d
          + "; there are at most feature_dim principal components");
    }
  }

  private PCAParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static PCAParams parse(Map<String, String> hyperparameters) {
    return new PCAParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param featureDim input features
   * @param miniBatchSize rows per mini-batch
   * @param numComponents components wanted
   * @return a builder with the required values set
   */
  public static Builder builder(int featureDim, int miniBatchSize, int numComponents) {
    return new Builder().set("feature_dim", Integer.toString(featureDim))
        .set("mini_batch_size", Integer.toString(miniBatchSize))
        .set("num_components", Integer.toString(numComponents));
  }

  /** @return feature_dim */
  public int featureDim() {
    return values.getInt("feature_dim");
  }

  /** @return num_components */
  public int numComponents() {
    return values.getInt("num_components");
  }

  /** @return true for the randomized mode */
  public boolean randomized() {
    return values.getString("algorithm_mode").equals("randomized");
  }

  /** @return subtract_mean */
  public boolean subtractMean() {
    return values.getBoolean("subtract_mean");
  }

  /** @return the randomized mode's power iterations beyond its first sketch */
  int subspaceIterations() {
    return values.getInt("subspace_iterations");
  }

  /** @return the randomized mode's sketch width: num_components + extra_components (-1 resolved), ≤ feature_dim */
  int sketchWidth() {
    int p = numComponents();
    int extra = values.getInt("extra_components");
    long l = (long) p + (extra < 0 ? Math.max(10, p) : extra);
    return (int) Math.min(l, featureDim());
  }

  /** The values of {@code algorithm_mode}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum AlgorithmMode implements Choice {
    /** {@code regular} */
    REGULAR("regular"),
    /** {@code randomized} */
    RANDOMIZED("randomized");

    private final String value;

    AlgorithmMode(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link PCAParams}. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<PCAParams, Builder> {
    private Builder() {
      super(PCAParams::parse);
    }
    /**
     * {@code algorithm_mode}: regular: exact, from the streamed feature_dim x feature_dim scatter matrix; randomized: a streamed randomized range finder, for many features.
     *
     * @param value one of [regular, randomized]; default {@code regular}
     * @return this builder
     */
    public Builder algorithmMode(String value) {
      return set("algorithm_mode", value);
    }

    /**
     * @param value the {@code algorithm_mode} constant
     * @return this builder
     */
    public Builder algorithmMode(AlgorithmMode value) {
      return set("algorithm_mode", value);
    }

    /**
     * {@code extra_components}: Oversampling of the randomized mode; -1 means max(10, num_components).
     *
     * @param value an integer &gt;= -1; default {@code -1}
     * @return this builder
     */
    public Builder extraComponents(int value) {
      return set("extra_components", Integer.toString(value));
    }

    /**
     * {@code subspace_iterations}: sagemill: extra passes of the randomized mode, each a power iteration of the
     * sketch (more accurate components for a slowly decaying spectrum); 0 = two passes in all.
     *
     * @param value an integer in [0, 20]; default {@code 0}
     * @return this builder
     */
    public Builder subspaceIterations(int value) {
      return set("subspace_iterations", Integer.toString(value));
    }

    /**
     * {@code subtract_mean}: Center the data (in training and at inference).
     *
     * @param value true or false; default {@code true}
     * @return this builder
     */
    public Builder subtractMean(boolean value) {
      return set("subtract_mean", Boolean.toString(value));
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

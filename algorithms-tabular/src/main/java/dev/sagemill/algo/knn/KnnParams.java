package dev.sagemill.algo.knn;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.List;
import java.util.Map;

/**
 * SageMaker k-NN hyperparameters with SageMaker's names, defaults and ranges, parsed from the string map of
 * {@code hyperparameters.json} ({@link #parse}) or built with {@link #builder}. Two are sagemill's own:
 * {@code seed} (the reservoir sample, the projections and the quantizers' k-means) and
 * {@code faiss_index_ivf_nprobe}, the inverted lists an IVF query visits (SageMaker fixes it internally; auto =
 * max(8, ⌈nlists / 32⌉), at most nlists). {@code faiss_index_pq_m} auto picks the allowed value nearest to
 * dimension / 4 that divides the (reduced) dimension.
 *
 * <p>Immutable and thread-safe.
 */
public final class KnnParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "knn";

  /** The values FAISS (and SageMaker) allow for {@code faiss_index_pq_m}. */
  public static final List<Integer> PQ_M = List.of(1, 2, 3, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 96);

  private static final double INF = Double.POSITIVE_INFINITY;

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("feature_dim", ParamType.INT, 1, Integer.MAX_VALUE, "Number of features of the input.")
      .requiredNumber("k", ParamType.INT, 1, 2048, "Number of nearest neighbors.")
      .choice("predictor_type", PredictorType.class, null, true,
          "classifier: the neighbors' majority label; regressor: their mean label.")
      .requiredNumber("sample_size", ParamType.INT, 1, Integer.MAX_VALUE,
          "Training rows kept (a uniform reservoir sample when the data has more).")
      .choice("dimension_reduction_type", DimensionReductionType.class, DimensionReductionType.NONE, false,
          "Random projection before indexing: sign (random ±1 matrix) or fjlt (fast Johnson-Lindenstrauss).")
      .number("dimension_reduction_target", ParamType.INT, 1, true, INF, false, null, false,
          "Target dimension of the reduction; required with dimension_reduction_type.")
      .choice("index_type", IndexType.class, IndexType.FAISS_FLAT, false,
          "Exact search, inverted file, or inverted file with product quantization.")
      .choice("index_metric", IndexMetric.class, IndexMetric.L2, false, "Distance of the search.")
      .number("faiss_index_ivf_nlists", ParamType.INT, 1, true, INF, false, "auto", true,
          "Inverted lists (coarse centroids) of an IVF index; auto = round(sqrt(sample_size)).")
      .number("faiss_index_pq_m", ParamType.INT, 1, true, 96, true, "auto", true,
          "Product-quantizer sub-vectors of an IVFPQ index; one of " + PQ_M + ", dividing the dimension.")
      .number("faiss_index_ivf_nprobe", ParamType.INT, 1, true, INF, false, "auto", true,
          "sagemill: inverted lists an IVF query visits; auto = max(8, ceil(nlists / 32)), at most nlists.")
      .number("mini_batch_size", ParamType.INT, 1, true, INF, false, "5000", false, "Rows per batch read.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, INF, true, "0", false, "Random seed.")
      .crossCheck(KnnParams::check)
      .build();

  private static void check(Map<String, Object> v, List<String> problems) {
    boolean reduce = !"none".equals(v.get("dimension_reduction_type"));
    Object target = v.get("dimension_reduction_target");
    if (reduce && !(target instanceof Number)) {
      problems.add("dimension_reduction_type = " + v.get("dimension_reduction_type")
          + " needs dimension_reduction_target");
    }
    int dim = v.get("feature_dim") instanceof Number d ? d.intValue() : -1;
    if (reduce && target instanceof Number t && dim > 0 && t.intValue() > dim) {
      problems.add("dimension_reduction_target = " + t + " is larger than feature_dim = " + dim);
    }
    if (reduce && target instanceof Number t) {
      dim = t.intValue();
    }
    if (v.get("faiss_index_pq_m") instanceof Number m) {
      if (!PQ_M.contains(m.intValue())) {
        problems.add("faiss_index_pq_m = " + m + " is not one of " + PQ_M);
      } else if (dim > 0 && dim % m.intValue() != 0) {
        problems.add("faiss_index_pq_m = " + m + " does not divide the indexed dimension " + dim);
      }
    } else if ("faiss.IVFPQ".equals(v.get("index_type")) && dim > 0 && pqM(dim) < 0) {
      problems.add("no allowed faiss_index_pq_m divides the indexed dimension " + dim + "; give one of " + PQ_M
          + " and a dimension_reduction_target it divides");
    }
  }

  /** The allowed sub-vector count nearest to dim / 4 that divides dim, or -1. */
  private static int pqM(int dim) {
    int best = -1;
    for (int m : PQ_M) {
      if (dim % m == 0 && (best < 0 || Math.abs(dim / 4.0 - m) < Math.abs(dim / 4.0 - best))) {
        best = m;
      }
    }
    return best;
  }

  private KnnParams(Hyperparameters values) {
    super(values);
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static KnnParams parse(Map<String, String> hyperparameters) {
    return new KnnParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param featureDim input features
   * @param k neighbors
   * @param predictorType {@code classifier} or {@code regressor}
   * @param sampleSize training rows kept
   * @return a builder with the required values set
   */
  public static Builder builder(int featureDim, int k, String predictorType, int sampleSize) {
    return new Builder().set("feature_dim", Integer.toString(featureDim)).set("k", Integer.toString(k))
        .set("predictor_type", predictorType).set("sample_size", Integer.toString(sampleSize));
  }

  /**
   * @param featureDim input features
   * @param k neighbors
   * @param predictorType classifier or regressor
   * @param sampleSize training rows kept
   * @return a builder with the required values set
   */
  public static Builder builder(int featureDim, int k, PredictorType predictorType, int sampleSize) {
    return builder(featureDim, k, predictorType.value(), sampleSize);
  }

  /** @return feature_dim */
  public int featureDim() {
    return values.getInt("feature_dim");
  }

  /** @return k */
  public int k() {
    return values.getInt("k");
  }

  /** @return true for {@code predictor_type=classifier} */
  public boolean classifier() {
    return values.getString("predictor_type").equals("classifier");
  }

  /** @return the dimension the index holds: dimension_reduction_target, or feature_dim */
  public int indexedDim() {
    return values.getString("dimension_reduction_type").equals("none") ? featureDim()
        : values.getInt("dimension_reduction_target");
  }

  /**
   * @param rows the rows indexed
   * @return the inverted lists (auto resolved), at most the rows
   */
  int nlists(int rows) {
    int n = values.getInt("faiss_index_ivf_nlists", (int) Math.max(1, Math.round(Math.sqrt(rows))));
    return Math.max(1, Math.min(n, rows));
  }

  /**
   * @param nlists the inverted lists
   * @return the lists a query visits (auto resolved)
   */
  int nprobe(int nlists) {
    return Math.min(nlists, values.getInt("faiss_index_ivf_nprobe", Math.max(8, (nlists + 31) / 32)));
  }

  /** @return product-quantizer sub-vectors (auto resolved) */
  int pqM() {
    return values.getInt("faiss_index_pq_m", pqM(indexedDim()));
  }

  /** The values of {@code predictor_type}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum PredictorType implements Choice {
    /** {@code classifier} */
    CLASSIFIER("classifier"),
    /** {@code regressor} */
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

  /** The values of {@code dimension_reduction_type}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum DimensionReductionType implements Choice {
    /** {@code none} */
    NONE("none"),
    /** {@code sign} */
    SIGN("sign"),
    /** {@code fjlt} */
    FJLT("fjlt");

    private final String value;

    DimensionReductionType(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code index_type}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum IndexType implements Choice {
    /** {@code faiss.Flat} */
    FAISS_FLAT("faiss.Flat"),
    /** {@code faiss.IVFFlat} */
    FAISS_IVFFLAT("faiss.IVFFlat"),
    /** {@code faiss.IVFPQ} */
    FAISS_IVFPQ("faiss.IVFPQ");

    private final String value;

    IndexType(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** The values of {@code index_metric}, for {@link Builder}; {@link #SPEC} documents their meaning. */
  public enum IndexMetric implements Choice {
    /** {@code L2} */
    L2("L2"),
    /** {@code INNER_PRODUCT} */
    INNER_PRODUCT("INNER_PRODUCT"),
    /** {@code COSINE} */
    COSINE("COSINE");

    private final String value;

    IndexMetric(String value) {
      this.value = value;
    }

    @Override
    public String value() {
      return value;
    }
  }

  /** Typed construction of {@link KnnParams}. Not thread-safe. */
  public static final class Builder extends ParamsBuilder<KnnParams, Builder> {
    private Builder() {
      super(KnnParams::parse);
    }
    /**
     * {@code dimension_reduction_type}: Random projection before indexing: sign (random ±1 matrix) or fjlt (fast Johnson-Lindenstrauss).
     *
     * @param value one of [none, sign, fjlt]; default {@code none}
     * @return this builder
     */
    public Builder dimensionReductionType(String value) {
      return set("dimension_reduction_type", value);
    }

    /**
     * @param value the {@code dimension_reduction_type} constant
     * @return this builder
     */
    public Builder dimensionReductionType(DimensionReductionType value) {
      return set("dimension_reduction_type", value);
    }

    /**
     * {@code dimension_reduction_target}: Target dimension of the reduction; required with dimension_reduction_type.
     *
     * @param value an integer &gt;= 1
     * @return this builder
     */
    public Builder dimensionReductionTarget(int value) {
      return set("dimension_reduction_target", Integer.toString(value));
    }

    /**
     * {@code index_type}: Exact search, inverted file, or inverted file with product quantization.
     *
     * @param value one of [faiss.Flat, faiss.IVFFlat, faiss.IVFPQ]; default {@code faiss.Flat}
     * @return this builder
     */
    public Builder indexType(String value) {
      return set("index_type", value);
    }

    /**
     * @param value the {@code index_type} constant
     * @return this builder
     */
    public Builder indexType(IndexType value) {
      return set("index_type", value);
    }

    /**
     * {@code index_metric}: Distance of the search.
     *
     * @param value one of [L2, INNER_PRODUCT, COSINE]; default {@code L2}
     * @return this builder
     */
    public Builder indexMetric(String value) {
      return set("index_metric", value);
    }

    /**
     * @param value the {@code index_metric} constant
     * @return this builder
     */
    public Builder indexMetric(IndexMetric value) {
      return set("index_metric", value);
    }

    /**
     * {@code faiss_index_ivf_nlists}: Inverted lists (coarse centroids) of an IVF index; auto = round(sqrt(sample_size)).
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder faissIndexIvfNlists(int value) {
      return set("faiss_index_ivf_nlists", Integer.toString(value));
    }

    /**
     * {@code faiss_index_pq_m}: Product-quantizer sub-vectors of an IVFPQ index; one of [1, 2, 3, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 96], dividing the dimension.
     *
     * @param value an integer in [1, 96] or auto; default {@code auto}
     * @return this builder
     */
    public Builder faissIndexPqM(int value) {
      return set("faiss_index_pq_m", Integer.toString(value));
    }

    /**
     * {@code faiss_index_ivf_nprobe}: sagemill: inverted lists an IVF query visits; auto = max(8, ceil(nlists / 32)), at most nlists.
     *
     * @param value an integer &gt;= 1 or auto; default {@code auto}
     * @return this builder
     */
    public Builder faissIndexIvfNprobe(int value) {
      return set("faiss_index_ivf_nprobe", Integer.toString(value));
    }

    /**
     * {@code mini_batch_size}: Rows per batch read.
     *
     * @param value an integer &gt;= 1; default {@code 5000}
     * @return this builder
     */
    public Builder miniBatchSize(int value) {
      return set("mini_batch_size", Integer.toString(value));
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

package dev.sagemill.algo.pca;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.MxNdArrays;
import dev.sagemill.core.io.NdArrayArtifactReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A PCA model laid out as SageMaker's: {@code v}, the components as the columns of a {@code feature_dim ×
 * num_components} matrix; {@code s}, their singular values (singular values of the centered data matrix, so
 * {@code s²/(rows − 1)} is the variance along each); and {@code mean}, when the data was centered. Like SageMaker's,
 * the components are ordered by <b>ascending</b> singular value: the most important component is the last, and
 * {@link #predict} answers {@code projection} = (x − mean)ᵀ v in that order. {@link #fromSageMaker} loads the
 * {@code model_algo-1} of a SageMaker PCA job and {@link #toSageMaker} writes one.
 *
 * <p>Immutable and thread-safe.
 */
public final class PCAModel implements Model, dev.sagemill.core.estimator.PlaneView {
  private final double[] v;
  private final double[] s;
  private final double[] mean;
  private final double totalVariance;
  private final int components;
  private final Schema schema;
  private final ModelCard card;

  /**
   * @param v components, {@code feature_dim × p} row-major, columns by ascending singular value (copied)
   * @param s the p singular values, ascending (copied)
   * @param mean the mean subtracted before projecting, or null (copied)
   * @param totalVariance Σ‖x − mean‖² over the training rows (the denominator of the explained variance ratio),
   *     or NaN when unknown
   * @param schema the training schema
   * @param card hyperparameters and metrics
   * @throws IllegalArgumentException if the shapes disagree or a value is not finite
   */
  public PCAModel(double[] v, double[] s, double[] mean, double totalVariance, Schema schema, ModelCard card) {
    int d = schema.featureDim();
    int p = s.length;
    if (p < 1 || v.length != (long) d * p || (mean != null && mean.length != d)) {
      throw new IllegalArgumentException("components of " + v.length + " values, " + p + " singular values and a "
          + "mean of " + (mean == null ? "none" : mean.length) + " do not fit " + d + " features");
    }
    for (double[] a : new double[][] {v, s, mean == null ? new double[0] : mean}) {
      for (double x : a) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("a PCA model value is " + x);
        }
      }
    }
    this.v = v.clone();
    this.s = s.clone();
    this.mean = mean == null ? null : mean.clone();
    this.totalVariance = totalVariance;
    this.components = p;
    this.schema = schema;
    this.card = card;
  }

  /**
   * Loads SageMaker's PCA artifact: an MXNet NDArray dict holding {@code s}, {@code v} and, with
   * {@code subtract_mean}, {@code mean}.
   *
   * @param file {@code model.tar.gz} (the job's output) or the unpacked {@code model_algo-1}
   * @return the model
   * @throws IOException if reading fails
   * @throws CorruptModelException if the file is not such an artifact, naming why
   */
  public static PCAModel fromSageMaker(Path file) throws IOException {
    Map<String, MxNdArrays.NdArray> a = MxNdArrays.readArtifact(file, NdArrayArtifactReader.FILE_NAME);
    if (!a.containsKey("s") || !a.containsKey("v")) {
      throw new CorruptModelException(file + " holds arrays " + a.keySet() + "; a PCA artifact holds s, v and "
          + "optionally mean");
    }
    MxNdArrays.NdArray v = a.get("v");
    double[] s = a.get("s").values();
    if (v.shape().length != 2 || v.cols() != s.length || s.length == 0) {
      throw new CorruptModelException(file + ": v has shape " + Arrays.toString(v.shape()) + " and s " + s.length
          + " values; expected (feature_dim, num_components) and num_components");
    }
    double[] mean = a.containsKey("mean") ? a.get("mean").values() : null;
    if (mean != null && mean.length != v.rows()) {
      throw new CorruptModelException(file + ": mean has " + mean.length + " values, v has " + v.rows()
          + " features");
    }
    ModelCard card = new ModelCard(PCAParams.ALGORITHM, Map.of("feature_dim", Integer.toString(v.rows()),
        "num_components", Integer.toString(s.length), "subtract_mean", Boolean.toString(mean != null)), Map.of(),
        SagemillVersion.get());
    return new PCAModel(v.values(), s, mean, Double.NaN, Schema.of(v.rows(), 0), card);
  }

  /**
   * Writes this model as SageMaker's {@code model_algo-1} (an MXNet NDArray dict {@code s}, {@code v},
   * {@code mean}, float32), which SageMaker's PCA container serves.
   *
   * @return the file's bytes
   */
  public byte[] toSageMaker() {
    Map<String, MxNdArrays.NdArray> a = new LinkedHashMap<>();
    a.put("s", new MxNdArrays.NdArray(new long[] {components}, s));
    a.put("v", new MxNdArrays.NdArray(new long[] {schema.featureDim(), components}, v));
    if (mean != null) {
      a.put("mean", new MxNdArrays.NdArray(new long[] {1, schema.featureDim()}, mean));
    }
    return MxNdArrays.write(a);
  }

  /** @return the number of components */
  public int numComponents() {
    return components;
  }

  /** @return the components, {@code feature_dim × num_components} row-major, ascending singular value (a copy) */
  public double[] components() {
    return v.clone();
  }

  /**
   * @param c a component index in the model's (ascending) order
   * @return that component, {@code feature_dim} values (unit length)
   */
  public double[] component(int c) {
    double[] out = new double[schema.featureDim()];
    for (int p = 0; p < out.length; p++) {
      out[p] = v[p * components + c];
    }
    return out;
  }

  /** @return the singular values, ascending (a copy) */
  public double[] singularValues() {
    return s.clone();
  }

  /** @return the mean subtracted before projecting (a copy), or null when the model does not center */
  public double[] mean() {
    return mean == null ? null : mean.clone();
  }

  /**
   * The fraction of the training data's total variance along each component, s²/Σ‖x − mean‖², in the model's
   * (ascending) order. Models read from SageMaker artifacts do not know the total: their ratios are NaN.
   *
   * @return one ratio per component
   */
  public double[] explainedVarianceRatio() {
    double[] r = new double[components];
    for (int c = 0; c < components; c++) {
      r[c] = s[c] * s[c] / totalVariance;
    }
    return r;
  }

  /** @return Σ‖x − mean‖² over the training rows, or NaN when unknown */
  public double totalVariance() {
    return totalVariance;
  }

  @Override
  public String algorithm() {
    return PCAParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public Prediction predict(FeatureVector x) {
    return predict(x.toBatch()).get(0);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    double[] out = project(batch);
    List<Prediction> predictions = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      predictions.add(Prediction.builder()
          .put("projection", Arrays.copyOfRange(out, r * components, (r + 1) * components)).build());
    }
    return predictions;
  }

  /** The components with the two largest singular values, largest first (the last one twice for one component). */
  private int[] topTwo() {
    int first = 0;
    for (int c = 1; c < components; c++) {
      first = s[c] > s[first] ? c : first;
    }
    int second = first;
    for (int c = 0; c < components; c++) {
      if (c != first && (second == first || s[c] > s[second])) {
        second = c;
      }
    }
    return new int[] {first, second};
  }

  @Override
  public List<String> axes() {
    int[] top = topTwo();
    double[] ratio = explainedVarianceRatio();
    return List.of(axis(top[0], ratio[top[0]]), axis(top[1], ratio[top[1]]));
  }

  private static String axis(int component, double ratio) {
    return Double.isNaN(ratio) ? "component " + component : String.format(java.util.Locale.ROOT,
        "component %d (%.1f%% of the variance)", component, 100 * ratio);
  }

  @Override
  public double[] place(RowBatch batch) {
    int[] top = topTwo();
    double[] all = project(batch);
    double[] out = new double[batch.rows() * 2];
    for (int r = 0; r < batch.rows(); r++) {
      out[2 * r] = all[r * components + top[0]];
      out[2 * r + 1] = all[r * components + top[1]];
    }
    return out;
  }

  /**
   * Projects rows: (x − mean)ᵀ v.
   *
   * @param batch rows of {@code feature_dim} finite features
   * @return {@code rows × num_components}, row-major, in the model's (ascending) component order
   * @throws InvalidDataException if the batch has another feature count or a NaN or infinite feature
   */
  public double[] project(RowBatch batch) {
    int d = schema.featureDim();
    if (batch.featureDim() != d) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, this PCA model has " + d);
    }
    double[] offset = new double[components];
    if (mean != null) {
      for (int p = 0; p < d; p++) {
        for (int c = 0; c < components; c++) {
          offset[c] -= mean[p] * v[p * components + c];
        }
      }
    }
    double[] out = new double[batch.rows() * components];
    IntStream rows = IntStream.range(0, batch.rows());
    (batch.rows() >= 1024 ? rows.parallel() : rows).forEach(r -> projectRow(batch, r, offset, out));
    return out;
  }

  private void projectRow(RowBatch batch, int r, double[] offset, double[] out) {
    int o = r * components;
    System.arraycopy(offset, 0, out, o, components);
    if (batch.isSparse()) {
      int[] ptr = batch.rowPointers();
      for (int e = ptr[r]; e < ptr[r + 1]; e++) {
        axpy(check(batch.sparseValues()[e], batch, r, batch.indices()[e]), batch.indices()[e], out, o);
      }
      return;
    }
    float[] x = batch.denseValues();
    int d = schema.featureDim();
    for (int p = 0; p < d; p++) {
      float a = check(x[r * d + p], batch, r, p);
      if (a != 0f) {
        axpy(a, p, out, o);
      }
    }
  }

  private void axpy(double a, int p, double[] out, int o) {
    int vp = p * components;
    for (int c = 0; c < components; c++) {
      out[o + c] += a * v[vp + c];
    }
  }

  private static float check(float x, RowBatch b, int r, int feature) {
    if (!Float.isFinite(x)) {
      throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r, "feature " + feature + " is " + x
          + "; PCA needs finite features");
    }
    return x;
  }
}

package dev.sagemill.algo.kmeans;

import dev.sagemill.core.cluster.Centers;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * A k-means model: k centroids of {@code feature_dim} features. {@link #predict} answers as SageMaker's k-means
 * endpoint: {@code closest_cluster} (the centroid's index) and {@code distance_to_cluster} (the Euclidean distance to
 * it). {@link #fromSageMaker} loads the {@code model_algo-1} artifact of a SageMaker k-means job (inside its
 * {@code model.tar.gz} or unpacked).
 *
 * <p>Batch prediction runs on the common fork-join pool. Immutable and thread-safe.
 */
public final class KMeansModel implements Model, dev.sagemill.core.estimator.PlaneView {
  private final float[] centroids;
  private final int k;
  private final Schema schema;
  private final ModelCard card;
  private final Centers centers;

  /**
   * @param centroids {@code k × feature_dim} centroids, row-major (copied)
   * @param k the number of centroids
   * @param schema the training schema
   * @param card hyperparameters and metrics
   */
  public KMeansModel(float[] centroids, int k, Schema schema, ModelCard card) {
    if (k < 1 || centroids.length != (long) k * schema.featureDim()) {
      throw new IllegalArgumentException(centroids.length + " centroid values do not make " + k + " centroids of "
          + schema.featureDim() + " features");
    }
    for (float c : centroids) {
      if (!Float.isFinite(c)) {
        throw new IllegalArgumentException("a centroid holds " + c);
      }
    }
    this.centroids = centroids.clone();
    this.k = k;
    this.schema = schema;
    this.card = card;
    this.centers = new Centers(this.centroids, k, schema.featureDim());
  }

  /**
   * Loads SageMaker's k-means artifact: an MXNet NDArray list holding one {@code k × feature_dim} matrix.
   *
   * @param file {@code model.tar.gz} (the job's output) or the unpacked {@code model_algo-1}
   * @return the model
   * @throws IOException if reading fails
   * @throws CorruptModelException if the file is not such an artifact, naming why
   */
  public static KMeansModel fromSageMaker(Path file) throws IOException {
    String name = file.toString();
    Map<String, MxNdArrays.NdArray> arrays = MxNdArrays.readArtifact(file, NdArrayArtifactReader.FILE_NAME);
    if (arrays.size() != 1) {
      throw new CorruptModelException(name + " holds " + arrays.size() + " arrays; a k-means artifact holds one "
          + "(the centroids)");
    }
    MxNdArrays.NdArray a = arrays.values().iterator().next();
    if (a.shape().length != 2 || a.rows() < 1 || a.cols() < 1) {
      throw new CorruptModelException(name + ": the centroid array has shape " + java.util.Arrays.toString(a.shape())
          + ", expected (k, feature_dim)");
    }
    float[] c = new float[a.values().length];
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) a.values()[i];
    }
    ModelCard card = new ModelCard(KMeansParams.ALGORITHM, Map.of("k", Integer.toString(a.rows()), "feature_dim",
        Integer.toString(a.cols())), Map.of(), SagemillVersion.get());
    return new KMeansModel(c, a.rows(), Schema.of(a.cols(), 0), card);
  }

  /** @return k */
  public int k() {
    return k;
  }

  /** @return a copy of the centroids, {@code k × feature_dim} row-major */
  public float[] centroids() {
    return centroids.clone();
  }

  @Override
  public String algorithm() {
    return KMeansParams.ALGORITHM;
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
    int[] nearest = new int[batch.rows()];
    double[] dist2 = new double[batch.rows()];
    assign(batch, nearest, dist2, null);
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(Prediction.builder().put("closest_cluster", nearest[r])
          .put("distance_to_cluster", Math.sqrt(dist2[r])).build());
    }
    return out;
  }

  /** The plane of the pictures: the centers' mean, then two orthonormal directions, {@code 3 × feature_dim}. */
  private volatile double[][] plane;

  private double[][] plane() {
    double[][] p = plane;
    if (p == null) {
      p = centerPlane();
      plane = p;
    }
    return p;
  }

  /**
   * The centers' two main directions (the right singular vectors of the centered centers), completed with
   * coordinate axes by Gram-Schmidt when the centers span fewer than two.
   */
  private double[][] centerPlane() {
    int d = schema.featureDim();
    double[] mean = new double[d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mean[j] += centroids[c * d + j] / (double) k;
      }
    }
    double[][] centered = new double[Math.max(k, 2)][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centered[c][j] = centroids[c * d + j] - mean[j];
      }
    }
    org.apache.commons.math3.linear.SingularValueDecomposition svd =
        new org.apache.commons.math3.linear.SingularValueDecomposition(
            org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(centered));
    org.apache.commons.math3.linear.RealMatrix v = svd.getV();
    double[] sv = svd.getSingularValues();
    double[][] basis = new double[2][];
    int have = 0;
    for (int i = 0; i < v.getColumnDimension() && have < 2; i++) {
      if (sv[i] > 1e-12) {
        basis[have++] = v.getColumn(i);
      }
    }
    for (int axis = 0; axis < d && have < 2; axis++) {
      double[] e = new double[d];
      e[axis] = 1;
      for (int b = 0; b < have; b++) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += e[j] * basis[b][j];
        }
        for (int j = 0; j < d; j++) {
          e[j] -= dot * basis[b][j];
        }
      }
      double norm = Math.sqrt(java.util.Arrays.stream(e).map(x -> x * x).sum());
      if (norm > 1e-6) {
        for (int j = 0; j < d; j++) {
          e[j] /= norm;
        }
        basis[have++] = e;
      }
    }
    if (have < 2) {
      basis[1] = new double[d];
    }
    return new double[][] {mean, basis[0], basis[1]};
  }

  @Override
  public List<String> axes() {
    return List.of("the centers' first direction", "the centers' second direction");
  }

  @Override
  public double[] place(RowBatch batch) {
    if (batch.featureDim() != schema.featureDim()) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, this k-means model has " + schema.featureDim());
    }
    double[][] p = plane();
    double[] out = new double[2 * batch.rows()];
    for (int r = 0; r < batch.rows(); r++) {
      float[] x = batch.row(r).toDense();
      for (int j = 0; j < x.length; j++) {
        double c = x[j] - p[0][j];
        out[2 * r] += c * p[1][j];
        out[2 * r + 1] += c * p[2][j];
      }
    }
    return out;
  }

  @Override
  public int[] groups(RowBatch batch) {
    int[] nearest = new int[batch.rows()];
    assign(batch, nearest, new double[batch.rows()], null);
    return nearest;
  }

  @Override
  public double[][] centers() {
    double[][] p = plane();
    int d = schema.featureDim();
    double[][] out = new double[k][2];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        double x = centroids[c * d + j] - p[0][j];
        out[c][0] += x * p[1][j];
        out[c][1] += x * p[2][j];
      }
    }
    return out;
  }

  /**
   * The nearest centroid of every row and the squared distance to it.
   *
   * @param batch rows of {@code feature_dim} features
   * @param nearest receives the centroid indices
   * @param dist2 receives the squared Euclidean distances
   * @param pool threads, or null for the common pool
   * @throws InvalidDataException if the batch has another feature count, or a NaN or infinite feature
   */
  public void assign(RowBatch batch, int[] nearest, double[] dist2, ForkJoinPool pool) {
    if (batch.featureDim() != schema.featureDim()) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, this k-means model has " + schema.featureDim());
    }
    centers.assign(batch, nearest, dist2, pool == null ? ForkJoinPool.commonPool() : pool);
  }

  /**
   * Streams a channel through the model.
   *
   * @param source the rows
   * @param pool threads, or null for the common pool
   * @return {@code {Σ squared distance to the nearest centroid, rows}}: ssd, and msd = ssd / rows
   * @throws IOException if reading fails
   */
  public double[] loss(DataSource source, ForkJoinPool pool) throws IOException {
    double[] out = new double[2];
    try (BatchStream s = source.open(8192)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        RowBatch batch = b.get();
        int[] nearest = new int[batch.rows()];
        double[] dist2 = new double[batch.rows()];
        assign(batch, nearest, dist2, pool);
        for (double v : dist2) {
          out[0] += v;
        }
        out[1] += batch.rows();
      }
    }
    return out;
  }
}

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
public final class KMeansModel implements Model {
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

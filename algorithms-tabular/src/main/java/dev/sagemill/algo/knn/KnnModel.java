package dev.sagemill.algo.knn;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * A k-NN model: the sampled training vectors (after dimension reduction) with their labels in an index.
 * {@link #predict} answers as SageMaker's k-NN endpoint: {@code predicted_label} (classifier: the most frequent label
 * among the k neighbors, a tie going to the label of the nearest tied neighbor; regressor: their mean label). The
 * {@link #verbose()} view adds {@code labels} and {@code distances} of the neighbors, nearest first (distances as
 * {@link Metric} defines them, ascending), as SageMaker does for {@code Accept: application/json; verbose=true}.
 *
 * <p>Immutable and thread-safe: any number of threads may query at once; a batch's queries run on the common
 * fork-join pool.
 */
public final class KnnModel implements Model {
  final int k;
  final boolean classifier;
  final Reduction reduction;
  final KnnIndex index;
  final float[] labels;
  final String indexType;
  private final Schema schema;
  private final ModelCard card;
  private final boolean verbose;

  KnnModel(int k, boolean classifier, Reduction reduction, KnnIndex index, float[] labels, String indexType,
      Schema schema, ModelCard card, boolean verbose) {
    this.k = k;
    this.classifier = classifier;
    this.reduction = reduction;
    this.index = index;
    this.labels = labels;
    this.indexType = indexType;
    this.schema = schema;
    this.card = card;
    this.verbose = verbose;
  }

  /** @return this model answering also the neighbors' {@code labels} and {@code distances} */
  public KnnModel verbose() {
    return new KnnModel(k, classifier, reduction, index, labels, indexType, schema, card, true);
  }

  /** @return k */
  public int k() {
    return k;
  }

  /** @return the number of indexed training rows */
  public int size() {
    return index.size();
  }

  /** @return the index metric */
  public Metric metric() {
    return index.metric;
  }

  /** @return SageMaker's index type name */
  public String indexType() {
    return indexType;
  }

  @Override
  public String algorithm() {
    return KnnParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  /**
   * The k nearest indexed rows of every row of a batch.
   *
   * @param ids {@code rows × k} indexed-row ids (their order in the sample)
   * @param distances {@code rows × k} distances, ascending per row
   * @param labels {@code rows × k} the neighbors' labels
   */
  public record Neighbors(int[] ids, double[] distances, float[] labels) {}

  /**
   * Searches the index.
   *
   * @param batch rows of {@code feature_dim} finite features
   * @param pool threads, or null for the common pool
   * @return the neighbors
   * @throws InvalidDataException if the batch has another feature count or a NaN or infinite feature
   */
  public Neighbors neighbors(RowBatch batch, ForkJoinPool pool) {
    if (batch.featureDim() != schema.featureDim()) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, this k-NN model has " + schema.featureDim());
    }
    int n = batch.rows();
    int dim = reduction.out;
    float[] q = new float[n * dim];
    float[] scratch = new float[reduction.scratchLength()];
    for (int r = 0; r < n; r++) {
      reduction.apply(batch, r, q, r * dim, scratch);
    }
    int[] ids = new int[n * k];
    double[] dist = new double[n * k];
    index.search(q, n, k, ids, dist, pool == null ? ForkJoinPool.commonPool() : pool);
    float[] l = new float[n * k];
    for (int i = 0; i < l.length; i++) {
      l[i] = labels[ids[i]];
    }
    return new Neighbors(ids, dist, l);
  }

  @Override
  public Prediction predict(FeatureVector x) {
    return predict(x.toBatch()).get(0);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    Neighbors nb = neighbors(batch, null);
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      Prediction.Builder p = Prediction.builder().put("predicted_label", label(nb.labels(), r * k));
      if (verbose) {
        double[] l = new double[k];
        for (int i = 0; i < k; i++) {
          l[i] = nb.labels()[r * k + i];
        }
        p.put("labels", l).put("distances", java.util.Arrays.copyOfRange(nb.distances(), r * k, (r + 1) * k));
      }
      out.add(p.build());
    }
    return out;
  }

  /** The answer from k neighbor labels, nearest first. */
  double label(float[] l, int off) {
    if (!classifier) {
      double s = 0;
      for (int i = 0; i < k; i++) {
        s += l[off + i];
      }
      return s / k;
    }
    float best = l[off];
    int bestCount = 0;
    for (int i = 0; i < k; i++) { // the first (nearest) label reaching the top count wins ties
      int c = 0;
      for (int j = 0; j < k; j++) {
        if (l[off + j] == l[off + i]) {
          c++;
        }
      }
      if (c > bestCount) {
        bestCount = c;
        best = l[off + i];
      }
    }
    return best;
  }
}

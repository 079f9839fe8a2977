package dev.sagemill.algo.rcf;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A trained Random Cut Forest. {@link #predict} answers SageMaker's {@code score}: the forest's anomaly score of the
 * row, on the scale of AWS's Random Cut Forest library (higher = more anomalous). {@link #threshold()} is mean + 3σ
 * of the training rows' scores, SageMaker's guidance for flagging anomalies; {@link #isAnomaly} applies it.
 *
 * <p>Immutable and thread-safe.
 */
public final class RandomCutForestModel implements Model {
  private final RandomCutForest forest;
  private final double threshold;
  private final Schema schema;
  private final ModelCard card;

  RandomCutForestModel(RandomCutForest forest, double threshold, Schema schema, ModelCard card) {
    this.forest = forest;
    this.threshold = threshold;
    this.schema = schema;
    this.card = card;
  }

  @Override
  public String algorithm() {
    return RandomCutForestParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  RandomCutForest forest() {
    return forest;
  }

  /** @return mean + 3 standard deviations of the training rows' scores */
  public double threshold() {
    return threshold;
  }

  /** @return the number of trees */
  public int trees() {
    return forest.trees().size();
  }

  /**
   * @param x a row of {@code feature_dim} finite values
   * @return its anomaly score
   * @throws InvalidDataException if the dimension differs or a value is not finite
   */
  public double score(FeatureVector x) {
    return forest.score(values(x), new int[forest.capacity()]);
  }

  private float[] values(FeatureVector x) {
    int d = forest.dim();
    if (x.dim() != d) {
      throw new InvalidDataException("the row has " + x.dim() + " features; the model was trained on " + d);
    }
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = x.get(i);
      if (!Float.isFinite(v[i])) {
        throw new InvalidDataException("feature " + i + " is " + v[i] + "; Random Cut Forest needs finite features");
      }
    }
    return v;
  }

  /**
   * @param x a row of {@code feature_dim} finite values
   * @return each feature's share of its score, above and below the data
   * @throws InvalidDataException if the dimension differs or a value is not finite
   */
  public Attribution attribution(FeatureVector x) {
    return forest.attribution(values(x), new int[forest.capacity()]);
  }

  /**
   * The sample points near a row: each tree's candidate (the point at the leaf the row reaches), within
   * {@code maxDistance}, nearest first, with the share of trees proposing each.
   *
   * @param x a row of {@code feature_dim} finite values
   * @param maxDistance the largest Euclidean distance kept ({@code Double.POSITIVE_INFINITY}: all)
   * @return the neighbours
   */
  public List<Neighbor> neighbors(FeatureVector x, double maxDistance) {
    return RandomCutForest.neighbors(forest.trees(), values(x), maxDistance);
  }

  /**
   * The expected values of a row's missing features given the others: each tree completes the row with the sample
   * point that makes it least anomalous (cuts on missing features explored both ways), and each missing feature
   * takes the median of the trees' values, as AWS's library imputes.
   *
   * @param x the row; the values of missing features are ignored (NaN is fine there)
   * @param missing the indices of the missing features
   * @return the completed row
   * @throws InvalidDataException if the dimension differs, an index is out of range, or a present value is not finite
   */
  public float[] impute(FeatureVector x, int... missing) {
    int d = forest.dim();
    if (x.dim() != d) {
      throw new InvalidDataException("the row has " + x.dim() + " features; the model was trained on " + d);
    }
    boolean[] m = new boolean[d];
    for (int i : missing) {
      if (i < 0 || i >= d) {
        throw new InvalidDataException("missing feature " + i + " is outside [0, " + d + ")");
      }
      m[i] = true;
    }
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = m[i] ? 0 : x.get(i);
      if (!Float.isFinite(v[i])) {
        throw new InvalidDataException("feature " + i + " is " + v[i] + " and not listed as missing");
      }
    }
    return RandomCutForest.impute(forest.trees(), v, m, new int[forest.capacity()]);
  }

  /**
   * @param x a row
   * @return whether its score exceeds {@link #threshold()}
   */
  public boolean isAnomaly(FeatureVector x) {
    return score(x) > threshold;
  }

  @Override
  public Prediction predict(FeatureVector x) {
    return Prediction.builder().put("score", score(x)).build();
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    int d = forest.dim();
    if (batch.featureDim() != d) {
      throw new InvalidDataException("the rows of " + batch.origin() + " have " + batch.featureDim()
          + " features; the model was trained on " + d);
    }
    float[] x = RandomCutForestEstimator.densify(batch, d, new float[0]);
    double[] s = new double[batch.rows()];
    IntStream.range(0, batch.rows()).parallel().forEach(r -> {
      float[] row = Arrays.copyOfRange(x, r * d, (r + 1) * d);
      s[r] = forest.score(row, new int[forest.capacity()]);
    });
    return Arrays.stream(s).mapToObj(v -> Prediction.builder().put("score", v).build()).toList();
  }
}

package dev.sagemill.algo.rcf;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.StreamingModel;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A Random Cut Forest that learns from a stream, as AWS's library and Kinesis' {@code RANDOM_CUT_FOREST} do: each
 * point is scored against the forest as it stands and then offered to every tree's time-decayed sample
 * ({@link TimeDecaySampler}); a point that enters a sample is inserted into the tree and the point it evicts is
 * deleted. With {@code shingleSize} s > 1 the forest keeps the last s inputs and works on their concatenation
 * (oldest first), so a time series is judged by its recent shape. Scores are 0 until {@code sampleSize / 4} points
 * have been seen, as AWS's library outputs nothing before then.
 *
 * <p>{@link #scoreThenUpdate} handles a block of points with the trees in parallel, each tree taking the block in
 * order: the scores and the forest are exactly those of feeding the points one at a time, whatever the threads.
 * The whole state (trees, samples, random streams, shingle) saves with {@link dev.sagemill.core.io.ModelIO} and a
 * loaded forest continues the stream exactly as the saved one would have.
 *
 * <p>Not thread-safe for updates; {@link #score} alone may be called concurrently between updates.
 */
public final class StreamingRandomCutForest implements StreamingModel {
  private final int inputDim;
  private final int shingleSize;
  private final int dim;
  private final int sampleSize;
  private final double timeDecay;
  private final long seed;
  private final RandomCutTree[] trees;
  private final TimeDecaySampler[] samplers;
  private final SplitMix64[] rngs;
  private final float[] shingle;
  private long seen;

  private StreamingRandomCutForest(int inputDim, int shingleSize, int trees, int sampleSize, double timeDecay,
      long seed) {
    if (inputDim < 1 || shingleSize < 1 || trees < 1 || sampleSize < 1 || !(timeDecay >= 0)) {
      throw new IllegalArgumentException("dimensions, shingleSize, numberOfTrees and sampleSize must be >= 1 and "
          + "timeDecay >= 0; got " + inputDim + ", " + shingleSize + ", " + trees + ", " + sampleSize + ", "
          + timeDecay);
    }
    this.inputDim = inputDim;
    this.shingleSize = shingleSize;
    this.dim = inputDim * shingleSize;
    this.sampleSize = sampleSize;
    this.timeDecay = timeDecay;
    this.seed = seed;
    this.trees = new RandomCutTree[trees];
    this.samplers = new TimeDecaySampler[trees];
    this.rngs = new SplitMix64[trees];
    RandomStream root = RandomStream.of(seed);
    for (int t = 0; t < trees; t++) {
      this.trees[t] = new RandomCutTree(dim, sampleSize);
      this.samplers[t] = new TimeDecaySampler(sampleSize, timeDecay);
      this.rngs[t] = new SplitMix64(root.fork("tree", t).nextLong());
    }
    this.shingle = new float[dim];
  }

  /**
   * @param dimensions the values of each input point
   * @return a builder with AWS's defaults: 50 trees, 256 samples, time decay 1/(10 × sample size), shingle 1
   */
  public static Builder builder(int dimensions) {
    return new Builder(dimensions);
  }

  /** Settings of a streaming forest. Not thread-safe. */
  public static final class Builder {
    private final int dimensions;
    private int shingleSize = 1;
    private int trees = 50;
    private int sampleSize = 256;
    private double timeDecay = Double.NaN;
    private long seed;

    private Builder(int dimensions) {
      this.dimensions = dimensions;
    }

    /**
     * @param value inputs concatenated into one point (1: none)
     * @return this builder
     */
    public Builder shingleSize(int value) {
      shingleSize = value;
      return this;
    }

    /**
     * @param value trees
     * @return this builder
     */
    public Builder numberOfTrees(int value) {
      trees = value;
      return this;
    }

    /**
     * @param value points each tree keeps
     * @return this builder
     */
    public Builder sampleSize(int value) {
      sampleSize = value;
      return this;
    }

    /**
     * @param value the rate at which old points lose weight (0: a uniform sample of everything seen)
     * @return this builder
     */
    public Builder timeDecay(double value) {
      timeDecay = value;
      return this;
    }

    /**
     * @param value random seed
     * @return this builder
     */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * @return the forest
     * @throws IllegalArgumentException if a setting is out of range
     */
    public StreamingRandomCutForest build() {
      return new StreamingRandomCutForest(dimensions, shingleSize, trees, sampleSize,
          Double.isNaN(timeDecay) ? 1.0 / (10.0 * sampleSize) : timeDecay, seed);
    }
  }

  /** Whether the point at stream position {@code index} (0-based) is scored: the forest holds enough points. */
  private boolean ready(long index) {
    return index + 1 >= shingleSize && index - (shingleSize - 1) >= Math.max(1, sampleSize / 4);
  }

  /**
   * The anomaly score of {@code x} as the next point of the stream, without learning from it.
   *
   * @param x the input point
   * @return its score; 0 while the forest is still filling
   */
  public double score(float[] x) {
    float[] s = shingledFrom(shingle, x);
    if (!ready(seen)) {
      return 0;
    }
    double sum = 0;
    int[] scratch = new int[sampleSize];
    for (RandomCutTree t : trees) {
      sum += t.score(s, scratch);
    }
    return sum / trees.length;
  }

  /**
   * Each input dimension's share of {@link #score}, above and below the sample. With shingling the shares are per
   * shingled dimension, oldest input first.
   *
   * @param x the input point
   * @return the attribution; all zeros while the forest is still filling
   */
  public Attribution attribution(float[] x) {
    float[] s = shingledFrom(shingle, x);
    if (!ready(seen)) {
      return new Attribution(new double[dim], new double[dim]);
    }
    return RandomCutForest.attribution(List.of(trees), s, new int[sampleSize]);
  }

  /**
   * The sampled (shingled) points near {@code x} as the next point, nearest first; see
   * {@link RandomCutForestModel#neighbors}.
   *
   * @param x the input point
   * @param maxDistance the largest Euclidean distance kept
   * @return the neighbours
   */
  public List<Neighbor> neighbors(float[] x, double maxDistance) {
    return RandomCutForest.neighbors(List.of(trees), shingledFrom(shingle, x), maxDistance);
  }

  /**
   * Learns from one point.
   *
   * @param x the input point
   */
  public void update(float[] x) {
    scoreThenUpdate(new float[][] {x});
  }

  /**
   * Scores each point against the forest as it stands, then learns from it, for a block of points in order.
   *
   * @param xs the points, in stream order
   * @return their scores before each learned
   */
  public double[] scoreThenUpdate(float[][] xs) {
    int n = xs.length;
    float[][] s = new float[n][];
    boolean[] ready = new boolean[n];
    boolean[] full = new boolean[n];
    long base = seen;
    float[] window = shingle.clone();
    for (int i = 0; i < n; i++) {
      float[] p = shingledFrom(window, xs[i]);
      s[i] = p;
      ready[i] = ready(base + i);
      full[i] = base + i + 1 >= shingleSize;
      window = p;
    }
    double[][] perTree = new double[trees.length][];
    IntStream.range(0, trees.length).parallel().forEach(t -> {
      double[] out = new double[n];
      int[] scratch = new int[sampleSize];
      RandomCutTree tree = trees[t];
      TimeDecaySampler sampler = samplers[t];
      SplitMix64 rng = rngs[t];
      for (int i = 0; i < n; i++) {
        if (ready[i]) {
          out[i] = tree.score(s[i], scratch);
        }
        if (!full[i]) {
          continue; // the shingle is not complete yet: nothing to learn
        }
        double w = sampler.offer(base + i, rng);
        if (!Double.isNaN(w)) {
          if (sampler.full()) {
            tree.delete(sampler.evict());
          }
          sampler.add(w, tree.insert(s[i], rng));
        }
      }
      perTree[t] = out;
    });
    double[] scores = new double[n];
    for (double[] out : perTree) {
      for (int i = 0; i < n; i++) {
        scores[i] += out[i];
      }
    }
    for (int i = 0; i < n; i++) {
      scores[i] /= trees.length;
    }
    System.arraycopy(window, 0, shingle, 0, dim);
    seen += n;
    return scores;
  }

  private float[] shingledFrom(float[] window, float[] x) {
    if (x.length != inputDim) {
      throw new InvalidDataException("the point has " + x.length + " values; the forest takes " + inputDim);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        throw new InvalidDataException("value " + i + " of the point is " + x[i] + "; Random Cut Forest needs finite "
            + "values");
      }
    }
    float[] s = new float[dim];
    System.arraycopy(window, inputDim, s, 0, dim - inputDim);
    System.arraycopy(x, 0, s, dim - inputDim, inputDim);
    return s;
  }

  /**
   * {@link #scoreThenUpdate} for rows: each row's {@code score} before it is learned. A row of another width or with
   * a value that is not finite refuses the whole batch, naming its origin and record, before any of it is learned.
   *
   * @param rows the inputs, in stream order
   * @return one {@code score} answer per row
   */
  @Override
  public List<Prediction> answerThenLearn(RowBatch rows) {
    if (rows.featureDim() != inputDim) {
      throw new InvalidDataException(rows.origin(), "record", rows.firstRecord(), "has " + rows.featureDim()
          + " values; the forest takes feature_dim " + inputDim);
    }
    float[][] xs = new float[rows.rows()][];
    for (int r = 0; r < xs.length; r++) {
      float[] x = rows.row(r).toDense();
      for (int i = 0; i < x.length; i++) {
        if (!Float.isFinite(x[i])) {
          throw new InvalidDataException(rows.origin(), "record", rows.firstRecord() + r, "value " + i + " is "
              + x[i] + "; Random Cut Forest needs finite values");
        }
      }
      xs[r] = x;
    }
    double[] scores = scoreThenUpdate(xs);
    List<Prediction> out = new ArrayList<>(scores.length);
    for (double v : scores) {
      out.add(Prediction.builder().put("score", v).build());
    }
    return out;
  }

  /** @return the input points seen */
  @Override
  public long seen() {
    return seen;
  }

  @Override
  public String algorithm() {
    return RandomCutForestParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return Schema.of(inputDim, 0);
  }

  @Override
  public ModelCard card() {
    return new ModelCard(algorithm(), Map.of("feature_dim", Integer.toString(inputDim), "num_trees",
        Integer.toString(trees.length), "num_samples_per_tree", Integer.toString(sampleSize), "shingle_size",
        Integer.toString(shingleSize), "time_decay", Double.toString(timeDecay), "seed", Long.toString(seed)),
        Map.of(), SagemillVersion.get());
  }

  @Override
  public Prediction predict(FeatureVector x) {
    float[] v = new float[inputDim];
    if (x.dim() != inputDim) {
      throw new InvalidDataException("the row has " + x.dim() + " features; the forest takes " + inputDim);
    }
    for (int i = 0; i < inputDim; i++) {
      v[i] = x.get(i);
    }
    return Prediction.builder().put("score", score(v)).build();
  }

  /** The state a codec saves. */
  record State(int inputDim, int shingleSize, int sampleSize, double timeDecay, long seed, long seen, float[] shingle,
      List<RandomCutTree> trees, List<double[]> weights, List<int[]> slots, long[] rngs) {}

  State state() {
    List<double[]> w = new ArrayList<>();
    List<int[]> sl = new ArrayList<>();
    long[] r = new long[trees.length];
    for (int t = 0; t < trees.length; t++) {
      w.add(samplers[t].weights());
      sl.add(samplers[t].slots());
      r[t] = rngs[t].state();
    }
    return new State(inputDim, shingleSize, sampleSize, timeDecay, seed, seen, shingle.clone(), List.of(trees), w, sl,
        r);
  }

  static StreamingRandomCutForest of(State st) {
    StreamingRandomCutForest f = new StreamingRandomCutForest(st.inputDim(), st.shingleSize(), st.trees().size(),
        st.sampleSize(), st.timeDecay(), st.seed());
    for (int t = 0; t < f.trees.length; t++) {
      f.trees[t] = st.trees().get(t);
      f.samplers[t].restore(st.weights().get(t), st.slots().get(t));
      f.rngs[t].restore(st.rngs()[t]);
    }
    System.arraycopy(st.shingle(), 0, f.shingle, 0, f.dim);
    f.seen = st.seen();
    return f;
  }
}

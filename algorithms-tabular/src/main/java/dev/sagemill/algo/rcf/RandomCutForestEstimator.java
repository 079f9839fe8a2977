package dev.sagemill.algo.rcf;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.ThreadBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's Random Cut Forest in one streamed pass: every tree keeps its own uniform reservoir sample of
 * {@code num_samples_per_tree} rows (so memory does not grow with the rows), then each tree is built by inserting its
 * sample. A separate reservoir of {@value #CALIBRATION_ROWS} rows is scored afterwards to set the model's anomaly
 * threshold at mean + 3 standard deviations of their scores, SageMaker's guidance. With a labelled {@code test}
 * channel (label 1 = anomaly) the threshold gives {@code test:accuracy}, {@code test:precision}, {@code test:recall}
 * and {@code test:f1}, as {@code eval_metrics} asks.
 *
 * <p>Trees are sampled and built in parallel, each from its own random stream: the same data and seed give the
 * same forest whatever the thread count. With fewer rows than {@code num_samples_per_tree}, every tree holds all
 * the rows (a warning says so). Rows with NaN or infinite features are refused with their file and record.
 *
 * <p>Immutable and thread-safe.
 */
public final class RandomCutForestEstimator implements Estimator<RandomCutForestModel> {
  private static final Logger LOG = LoggerFactory.getLogger(RandomCutForestEstimator.class);
  /** Rows kept to set the threshold. */
  static final int CALIBRATION_ROWS = 10_000;
  private static final int BATCH_ROWS = 4096;

  private final RandomCutForestParams params;

  /**
   * @param params validated hyperparameters
   */
  public RandomCutForestEstimator(RandomCutForestParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  @Override
  public String algorithm() {
    return RandomCutForestParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  /** The reservoir of one tree (or of the calibration rows). */
  private static final class Reservoir {
    final float[] rows;
    final int capacity;
    final RandomStream rng;
    long seen;

    Reservoir(int capacity, int dim, RandomStream rng) {
      this.rows = new float[capacity * dim];
      this.capacity = capacity;
      this.rng = rng;
    }

    void offer(float[] x, int dim) {
      seen++;
      long slot = seen <= capacity ? seen - 1 : (long) (rng.nextDouble() * seen);
      if (slot < capacity) {
        System.arraycopy(x, 0, rows, (int) slot * dim, dim);
      }
    }

    int size() {
      return (int) Math.min(seen, capacity);
    }
  }

  @Override
  public RandomCutForestModel fit(DataSource train, FitOptions options) throws IOException {
    int dim = params.featureDim();
    Schema schema = train.schema();
    if (schema.featureDim() != dim) {
      throw new InvalidDataException("feature_dim is " + dim + " but the training data " + train.description()
          + " has " + schema.featureDim() + " features" + (schema.featureDim() == dim - 1 && schema.labelDim() == 1
              ? "; its first column was read as a label: Random Cut Forest trains on unlabelled rows, declare CSV as "
                  + "text/csv;label_size=0" : ""));
    }
    int trees = params.numTrees();
    int k = params.samplesPerTree();
    long bytes = 2L * trees * k * dim * 4;
    if (bytes > Runtime.getRuntime().maxMemory() / 2) {
      throw new IllegalArgumentException("num_trees = " + trees + " x num_samples_per_tree = " + k + " x feature_dim = "
          + dim + " needs about " + (bytes >> 20) + " MB for the samples and trees, more than half the heap ("
          + (Runtime.getRuntime().maxMemory() >> 20) + " MB)");
    }
    RandomStream root = RandomStream.of(params.seed());
    List<Reservoir> samples = new ArrayList<>(trees);
    for (int t = 0; t < trees; t++) {
      samples.add(new Reservoir(k, dim, root.fork("sample", t)));
    }
    Reservoir calibration = new Reservoir(CALIBRATION_ROWS, dim, root.fork("calibration"));
    List<TrainingListener> listeners = options.listeners();
    listeners.forEach(l -> l.onStart(algorithm(), 1));
    ForkJoinPool pool = new ForkJoinPool(ThreadBudget.threads(options));
    try {
      long rows = 0;
      float[] dense = new float[BATCH_ROWS * dim];
      try (BatchStream s = train.open(BATCH_ROWS)) {
        for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
          RowBatch b = ob.get();
          int n = b.rows();
          float[] x = densify(b, dim, dense);
          // Each tree's reservoir sees the batch's rows in order: parallel over trees, same result as sequential.
          pool.submit(() -> IntStream.range(0, trees).parallel().forEach(t -> {
            Reservoir r = samples.get(t);
            float[] row = new float[dim];
            for (int i = 0; i < n; i++) {
              System.arraycopy(x, i * dim, row, 0, dim);
              r.offer(row, dim);
            }
          })).join();
          float[] row = new float[dim];
          for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * dim, row, 0, dim);
            calibration.offer(row, dim);
          }
          rows += n;
        }
      }
      if (rows == 0) {
        throw new InvalidDataException("the training data " + train.description() + " has no rows");
      }
      if (rows < k) {
        LOG.warn("randomcutforest: {} training rows, fewer than num_samples_per_tree = {}: every tree holds all of "
            + "them", rows, k);
      }
      List<RandomCutTree> built = pool.submit(() -> IntStream.range(0, trees).parallel().mapToObj(t -> {
        Reservoir r = samples.get(t);
        RandomCutTree tree = new RandomCutTree(dim, k);
        RandomStream cuts = root.fork("cuts", t);
        float[] p = new float[dim];
        for (int i = 0; i < r.size(); i++) {
          System.arraycopy(r.rows, i * dim, p, 0, dim);
          tree.insert(p, cuts);
        }
        return tree;
      }).toList()).join();
      RandomCutForest forest = new RandomCutForest(built, dim, k);
      double[] cal = scores(forest, calibration.rows, calibration.size(), dim, pool);
      double mean = 0;
      for (double c : cal) {
        mean += c;
      }
      mean /= cal.length;
      double var = 0;
      for (double c : cal) {
        var += (c - mean) * (c - mean);
      }
      double sd = cal.length > 1 ? Math.sqrt(var / (cal.length - 1)) : 0;
      double threshold = mean + 3 * sd;
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("train:rows", (double) rows);
      metrics.put("train:score_mean", mean);
      metrics.put("train:score_sd", sd);
      Optional<DataSource> test = options.test();
      if (test.isPresent()) {
        testMetrics(forest, threshold, test.get(), dim, pool, metrics);
      }
      listeners.forEach(l -> l.onEpoch(1, 1, metrics));
      listeners.forEach(l -> l.onEnd(1, false, metrics));
      return new RandomCutForestModel(forest, threshold, schema, new ModelCard(algorithm(),
          params.values().toSageMaker(), metrics, SagemillVersion.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Dense copies of a batch's rows (sparse rows filled in), each checked finite. */
  static float[] densify(RowBatch b, int dim, float[] into) {
    int n = b.rows();
    float[] x = into.length >= n * dim ? into : new float[n * dim];
    if (b.isSparse()) {
      java.util.Arrays.fill(x, 0, n * dim, 0f);
      int[] ptr = b.rowPointers();
      int[] idx = b.indices();
      float[] val = b.sparseValues();
      for (int r = 0; r < n; r++) {
        for (int j = ptr[r]; j < ptr[r + 1]; j++) {
          x[r * dim + idx[j]] = val[j];
        }
      }
    } else {
      System.arraycopy(b.denseValues(), 0, x, 0, n * dim);
    }
    for (int i = 0; i < n * dim; i++) {
      if (!Float.isFinite(x[i])) {
        throw new InvalidDataException(b.origin(), "record", b.firstRecord() + i / dim, "feature " + (i % dim)
            + " is " + x[i] + "; Random Cut Forest needs finite features");
      }
    }
    return x;
  }

  private static double[] scores(RandomCutForest forest, float[] rows, int n, int dim, ForkJoinPool pool) {
    double[] out = new double[n];
    pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
      float[] x = new float[dim];
      System.arraycopy(rows, i * dim, x, 0, dim);
      out[i] = forest.score(x, new int[forest.capacity()]);
    })).join();
    return out;
  }

  private void testMetrics(RandomCutForest forest, double threshold, DataSource test, int dim, ForkJoinPool pool,
      Map<String, Double> metrics) throws IOException {
    List<Double> labels = new ArrayList<>();
    List<Double> predicted = new ArrayList<>();
    float[] dense = new float[BATCH_ROWS * dim];
    try (BatchStream s = test.open(BATCH_ROWS)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch b = ob.get();
        if (b.labelDim() < 1) {
          throw new InvalidDataException("the test channel " + test.description() + " has no labels; eval_metrics "
              + params.evalMetrics() + " need a label column (label_size=1, 1 = anomaly)");
        }
        if (b.featureDim() != dim) {
          throw new InvalidDataException("feature_dim is " + dim + " but the test channel " + test.description()
              + " has " + b.featureDim() + " features");
        }
        float[] x = densify(b, dim, dense);
        double[] sc = scores(forest, x, b.rows(), dim, pool);
        for (int i = 0; i < b.rows(); i++) {
          labels.add((double) b.label(i));
          predicted.add(sc[i] > threshold ? 1.0 : 0.0);
        }
      }
    }
    double[] y = labels.stream().mapToDouble(Double::doubleValue).toArray();
    double[] p = predicted.stream().mapToDouble(Double::doubleValue).toArray();
    if (y.length == 0) {
      throw new InvalidDataException("the test channel " + test.description() + " has no rows");
    }
    List<String> asked = params.evalMetrics();
    if (asked.contains("accuracy")) {
      metrics.put("test:accuracy", Metrics.accuracy(y, p, null));
    }
    if (asked.contains("precision_recall_fscore")) {
      double[] c = Metrics.confusion(y, p, null);
      double precision = c[0] + c[1] == 0 ? 0 : c[0] / (c[0] + c[1]);
      double recall = c[0] + c[3] == 0 ? 0 : c[0] / (c[0] + c[3]);
      metrics.put("test:precision", precision);
      metrics.put("test:recall", recall);
      metrics.put("test:f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }
  }
}

package dev.sagemill.algo.knn;

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
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.ThreadBudget;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's k-NN. One pass over the training channel keeps a uniform reservoir sample of
 * {@code sample_size} rows (Vitter's algorithm R; every row when there are fewer), each transformed on entry
 * (dimension reduction, unit length for COSINE) so memory is {@code sample_size × indexed dimension} floats whatever
 * the input's width. The sample is then indexed ({@link KnnIndex}). A test channel is scored into
 * {@code test:accuracy} (classifier) or {@code test:mse} (regressor). Labels come from the first label column.
 *
 * <p>Deterministic for a seed, the data and its order. Immutable and thread-safe.
 */
public final class KnnEstimator implements Estimator<KnnModel> {
  private static final Logger LOG = LoggerFactory.getLogger(KnnEstimator.class);

  private final KnnParams params;

  /**
   * @param params validated hyperparameters
   */
  public KnnEstimator(KnnParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  @Override
  public String algorithm() {
    return KnnParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public KnnModel fit(DataSource train, FitOptions options) throws IOException {
    Objects.requireNonNull(train, "train");
    Hyperparameters v = params.values();
    Schema schema = train.schema();
    if (schema.featureDim() != params.featureDim()) {
      throw new InvalidDataException("feature_dim is " + params.featureDim() + " but the training data "
          + train.description() + " has " + schema.featureDim() + " features");
    }
    int threads = ThreadBudget.threads(options);
    ForkJoinPool pool = new ForkJoinPool(threads);
    RandomStream rng = RandomStream.of(v.getLong("seed"));
    Metric metric = Metric.of(v.getString("index_metric"));
    Reduction reduction = Reduction.draw(v.getString("dimension_reduction_type"), params.featureDim(),
        params.indexedDim(), metric == Metric.COSINE, rng.fork("reduction"));
    List<TrainingListener> listeners = options.listeners();
    long started = System.nanoTime();
    try {
      listeners.forEach(l -> l.onStart(KnnParams.ALGORITHM, 1));
      Sample s = sample(train, reduction, rng.fork("reservoir"));
      int n = s.rows;
      if (n < params.k()) {
        throw new InvalidDataException("k = " + params.k() + " is larger than the " + n + " rows of the training "
            + "data " + train.description());
      }
      float[] vectors = java.util.Arrays.copyOf(s.vectors, n * reduction.out);
      float[] labels = java.util.Arrays.copyOf(s.labels, n);
      String type = v.getString("index_type");
      KnnIndex index;
      if (type.equals("faiss.Flat")) {
        index = KnnIndex.flat(metric, vectors, n, reduction.out);
      } else {
        int nlists = params.nlists(n);
        index = KnnIndex.ivf(metric, vectors, n, reduction.out, nlists, params.nprobe(nlists),
            type.equals("faiss.IVFPQ") ? params.pqM() : 0, rng.fork("index"), pool);
      }
      Map<String, Double> epoch = Map.of("train:rows", (double) s.seen);
      listeners.forEach(l -> l.onEpoch(1, 1, epoch));
      KnnModel model = new KnnModel(params.k(), params.classifier(), reduction, index, labels, type, schema,
          new ModelCard(KnnParams.ALGORITHM, v.toSageMaker(), Map.of(), SagemillVersion.get()), false);
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (options.test().isPresent()) {
        metrics.put(params.classifier() ? "test:accuracy" : "test:mse", score(model, options.test().get(), pool));
      }
      LOG.info("knn: {} of {} rows indexed ({}, {} dimensions, {}) in {} ms; {}", n, s.seen, type, reduction.out,
          metric, (System.nanoTime() - started) / 1_000_000, metrics);
      listeners.forEach(l -> l.onEnd(1, false, metrics));
      return new KnnModel(params.k(), params.classifier(), reduction, index, labels, type, schema,
          new ModelCard(KnnParams.ALGORITHM, v.toSageMaker(), metrics, SagemillVersion.get()), false);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The reservoir: transformed vectors and labels of the kept rows, and how many rows were read. */
  private static final class Sample {
    float[] vectors;
    float[] labels;
    int rows;
    long seen;
  }

  private Sample sample(DataSource train, Reduction reduction, RandomStream rng) throws IOException {
    int cap = params.values().getInt("sample_size");
    int dim = reduction.out;
    Sample s = new Sample();
    int initial = Math.min(cap, 1 << 16);
    s.vectors = new float[initial * dim];
    s.labels = new float[initial];
    float[] scratch = new float[reduction.scratchLength()];
    try (BatchStream stream = train.open(params.values().getInt("mini_batch_size"))) {
      for (Optional<RowBatch> next = stream.next(); next.isPresent(); next = stream.next()) {
        RowBatch b = next.get();
        if (b.featureDim() != params.featureDim()) {
          throw new InvalidDataException(b.origin(), "record", b.firstRecord(), "has " + b.featureDim()
              + " features, feature_dim is " + params.featureDim());
        }
        if (b.labelDim() < 1) {
          throw new InvalidDataException(b.origin(), "record", b.firstRecord(), "has no label; k-NN trains on "
              + "labelled rows (label in the first column)");
        }
        for (int r = 0; r < b.rows(); r++) {
          float label = b.label(r);
          if (!Float.isFinite(label)) {
            throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r, "label is " + label);
          }
          long i = s.seen++;
          int slot;
          if (i < cap) {
            slot = (int) i;
            if (slot == s.labels.length) {
              int grown = (int) Math.min(cap, 2L * slot);
              s.vectors = java.util.Arrays.copyOf(s.vectors, grown * dim);
              s.labels = java.util.Arrays.copyOf(s.labels, grown);
            }
            s.rows++;
          } else {
            long j = (long) (rng.nextDouble() * (i + 1));
            if (j >= cap) {
              Reduction.validate(b, r); // not kept, but bad values are still reported
              continue;
            }
            slot = (int) j;
          }
          reduction.apply(b, r, s.vectors, slot * dim, scratch);
          s.labels[slot] = label;
        }
      }
    }
    if (s.seen == 0) {
      throw new InvalidDataException("training data " + train.description() + " has no rows");
    }
    return s;
  }

  private double score(KnnModel model, DataSource test, ForkJoinPool pool) throws IOException {
    double sum = 0;
    long rows = 0;
    try (BatchStream stream = test.open(params.values().getInt("mini_batch_size"))) {
      for (Optional<RowBatch> next = stream.next(); next.isPresent(); next = stream.next()) {
        RowBatch b = next.get();
        if (b.labelDim() < 1) {
          throw new InvalidDataException(b.origin(), "record", b.firstRecord(), "has no label; the test channel "
              + "needs labels for test:" + (params.classifier() ? "accuracy" : "mse"));
        }
        KnnModel.Neighbors nb = model.neighbors(b, pool);
        for (int r = 0; r < b.rows(); r++) {
          double y = model.label(nb.labels(), r * model.k);
          double t = b.label(r);
          sum += params.classifier() ? (y == t ? 1 : 0) : (y - t) * (y - t);
        }
        rows += b.rows();
      }
    }
    if (rows == 0) {
      throw new InvalidDataException("the test channel " + test.description() + " has no rows");
    }
    return sum / rows;
  }
}

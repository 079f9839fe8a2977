package dev.sagemill.algo.kmeans;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.cluster.Centers;
import dev.sagemill.core.cluster.LocalLloyd;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.distributed.Message;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.ThreadBudget;
import dev.sagemill.core.train.TrainingLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's k-means. Streaming phase ({@code epochs} passes, memory independent of the number of rows):
 * {@code K = k × extra_center_factor} centers are drawn from the first mini-batch ({@code random}: K distinct rows;
 * {@code kmeans++}: D² sampling), then every mini-batch assigns its rows to the nearest center and moves each center
 * to the weighted mean of its old position (weight = the points it has absorbed, decayed by
 * {@code 0.5^(rows / half_life_time_size)} per mini-batch when a half-life is set) and the batch's rows assigned to
 * it: Sculley's web-scale mini-batch k-means with per-center learning rates 1/weight. Final phase: a local Lloyd's
 * ({@link LocalLloyd}) on the K weighted centers reduces them to k, the best of {@code local_lloyd_num_trials}. One
 * more pass measures the final model's {@code train:msd}; a test channel gives {@code test:msd} / {@code test:ssd}.
 *
 * <p>Listeners get {@code train:msd} of every epoch (each row's squared distance to its nearest streaming center
 * when it was assigned). With a checkpoint folder the streaming state is saved after every epoch and a restarted
 * job continues from it. Deterministic for a seed and data (batch boundaries included).
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class KMeansEstimator implements ShardedEstimator<KMeansModel> {
  private static final Logger LOG = LoggerFactory.getLogger(KMeansEstimator.class);
  private static final String CHECKPOINT_FORMAT = "sagemill.kmeans.checkpoint";
  /** Version 2: the shared training loop's progress record. */
  private static final int CHECKPOINT_VERSION = 2;

  private final KMeansParams params;

  /**
   * @param params validated hyperparameters
   */
  public KMeansEstimator(KMeansParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  @Override
  public String algorithm() {
    return KMeansParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  /** The streaming phase's state: K centers and the weight each has absorbed. */
  private static final class Streaming {
    float[] centers;
    double[] weights;
    int count;
    int epochsDone;
  }

  @Override
  public KMeansModel fit(DataSource train, FitOptions options) throws IOException {
    Objects.requireNonNull(train, "train");
    Hyperparameters v = params.values();
    int d = params.featureDim();
    int k = params.k();
    Schema schema = train.schema();
    if (schema.featureDim() != d) {
      throw new InvalidDataException("feature_dim is " + d + " but the training data " + train.description()
          + " has " + schema.featureDim() + " features");
    }
    int threads = ThreadBudget.threads(options);
    ForkJoinPool pool = new ForkJoinPool(threads);
    RandomStream rng = RandomStream.of(v.getLong("seed"));
    int epochs = v.getInt("epochs");
    try {
      long started = System.nanoTime();
      Streaming s = new Streaming();
      TrainingLoop.Job job = new TrainingLoop.Job() {
        @Override
        public Map<String, Double> iterate(int epoch) throws IOException {
          double[] loss = new double[2]; // Σ squared distance, rows
          if (streamEpoch(train, s, epoch - 1, rng, loss, options, pool)) {
            return null; // cancelled part-way
          }
          if (loss[1] == 0) {
            throw new InvalidDataException("training data " + train.description() + " has no rows");
          }
          if (s.count < k) {
            // fewer streaming centers than k means the first mini-batch held every row, and fewer than k
            throw new InvalidDataException("k = " + k + " is larger than the " + s.count
                + " rows of the training data " + train.description());
          }
          s.epochsDone = epoch;
          return Map.of("train:msd", loss[0] / loss[1]);
        }

        @Override
        public void save(ModelWriter out) {
          out.putFloats("centers", java.util.Arrays.copyOf(s.centers, s.count * d));
          out.putDoubles("weights", java.util.Arrays.copyOf(s.weights, s.count));
        }

        @Override
        public void restore(ModelReader r) throws IOException {
          s.centers = r.floats("centers");
          s.weights = r.doubles("weights");
          s.count = s.weights.length;
          r.require(s.centers.length == (long) s.count * d, "centers hold " + s.centers.length + " values, "
              + s.count + " centers of " + d + " features need " + (long) s.count * d);
        }
      };
      TrainingLoop.Result result = TrainingLoop.run(new TrainingLoop.Settings(KMeansParams.ALGORITHM, v, schema,
          epochs, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, 1), job, options);
      s.epochsDone = result.iterationsRun();
      float[] centers = refine(train, reduce(s, d, k, v, rng, pool), k, d, pool);
      KMeansModel unscored = new KMeansModel(centers, k, schema, new ModelCard(KMeansParams.ALGORITHM,
          v.toSageMaker(), Map.of(), SagemillVersion.get()));
      Map<String, Double> metrics = new LinkedHashMap<>();
      LloydSums trainLoss = LloydSums.of(train, centers, k, d, pool);
      metrics.put("train:msd", trainLoss.loss / trainLoss.rows);
      if (options.test().isPresent()) {
        double[] t = unscored.loss(options.test().get(), pool);
        if (t[1] == 0) {
          throw new InvalidDataException("the test channel " + options.test().get().description() + " has no rows");
        }
        for (String m : params.evalMetrics()) {
          metrics.put("test:" + m, m.equals("msd") ? t[0] / t[1] : t[0]);
        }
      }
      LOG.info("kmeans: {} epochs, {} streaming centers reduced to {} in {} ms; {}", s.epochsDone, s.count, k,
          (System.nanoTime() - started) / 1_000_000, metrics);
      TrainingLoop.end(options, result, metrics);
      return new KMeansModel(centers, k, schema, new ModelCard(KMeansParams.ALGORITHM, v.toSageMaker(), metrics,
          SagemillVersion.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Message tags of the sharded fit. */
  private static final int STREAM = 1;
  private static final int LLOYD = 2;
  private static final int SCORE = 3;

  /**
   * SageMaker's multi-host k-means: every shard runs the streaming phase on its own rows ({@code epochs} passes,
   * its own {@code k × extra_center_factor} centers; shard 0 draws from the seed itself, shard i from its fork
   * {@code shard/i}), and the driver reduces all shards' weighted centers, in shard order, with the local Lloyd's.
   * {@code full_data_lloyd_passes} then add rounds in which every shard sums its rows per nearest center, and a last
   * round scores the final centers ({@code train:msd}). With one shard the model equals {@link #fit} bit for bit.
   */
  @Override
  public KMeansModel fitSharded(Shards shards, FitOptions options) throws IOException {
    Schema schema = shards.schema();
    if (schema.featureDim() != params.featureDim()) {
      throw new InvalidDataException("feature_dim is " + params.featureDim() + " but the training rows have "
          + schema.featureDim() + " features");
    }
    KMeansShardedRun run = new KMeansShardedRun(schema, options);
    for (Optional<byte[]> m = run.nextMessage(); m.isPresent(); m = run.nextMessage()) {
      run.absorb(shards.ask(m.get()));
    }
    return run.model();
  }

  @Override
  public ShardWorker shardWorker(DataSource rows, int shard, int shards, int threads) {
    return message -> {
      Message.Reader in = Message.reader(message);
      int tag = in.tag();
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        if (tag == STREAM) {
          return streamShard(rows, shard, pool);
        }
        LloydSums sums = LloydSums.of(rows, in.getFloats(), params.k(), params.featureDim(), pool);
        Message.Writer out = Message.writer(tag);
        sums.writeTo(out);
        return out.toBytes();
      } finally {
        pool.shutdownNow();
      }
    };
  }

  /** A shard's streaming phase: its weighted centers and each epoch's loss. */
  private byte[] streamShard(DataSource rows, int shard, ForkJoinPool pool) throws IOException {
    if (rows.schema().featureDim() != params.featureDim()) {
      throw new InvalidDataException("feature_dim is " + params.featureDim() + " but shard " + shard + " ("
          + rows.description() + ") has " + rows.schema().featureDim() + " features");
    }
    RandomStream root = RandomStream.of(params.values().getLong("seed"));
    RandomStream rng = shard == 0 ? root : root.fork("shard", shard);
    int epochs = params.values().getInt("epochs");
    Streaming s = new Streaming();
    double[] epochLoss = new double[epochs];
    long[] epochRows = new long[epochs];
    for (int e = 0; e < epochs; e++) {
      double[] loss = new double[2];
      streamEpoch(rows, s, e, rng, loss, FitOptions.defaults(), pool);
      epochLoss[e] = loss[0];
      epochRows[e] = (long) loss[1];
    }
    int d = params.featureDim();
    Message.Writer out = Message.writer(STREAM)
        .putFloats(s.centers == null ? new float[0] : java.util.Arrays.copyOf(s.centers, s.count * d))
        .putDoubles(s.weights == null ? new double[0] : java.util.Arrays.copyOf(s.weights, s.count))
        .putDoubles(epochLoss)
        .putLongs(epochRows);
    return out.toBytes();
  }

  /** The driver's side of {@link #startSharded}. */
  private final class KMeansShardedRun {
    private final Schema schema;
    private final FitOptions options;
    private final int k = params.k();
    private final int d = params.featureDim();
    private LloydRefinement refinement;
    private float[] centers;
    private KMeansModel model;
    private int epochs;
    private final long started = System.nanoTime();

    KMeansShardedRun(Schema schema, FitOptions options) {
      this.schema = schema;
      this.options = options;
    }

    Optional<byte[]> nextMessage() {
      if (model != null) {
        return Optional.empty();
      }
      if (refinement == null) {
        return Optional.of(Message.writer(STREAM).toBytes());
      }
      if (refinement.wantsPass()) {
        return Optional.of(Message.writer(LLOYD).putFloats(refinement.centers()).toBytes());
      }
      centers = refinement.centers();
      return Optional.of(Message.writer(SCORE).putFloats(centers).toBytes());
    }

    void absorb(List<byte[]> answers) {
      Message.Reader first = Message.reader(answers.get(0));
      int tag = first.tag();
      if (tag == STREAM) {
        absorbStreaming(answers);
        return;
      }
      LloydSums all = LloydSums.readFrom(first);
      for (int i = 1; i < answers.size(); i++) {
        Message.Reader in = Message.reader(answers.get(i));
        in.tag();
        all.add(LloydSums.readFrom(in));
      }
      if (tag == LLOYD) {
        refinement.absorb(all);
        return;
      }
      Map<String, Double> metrics = Map.of("train:msd", all.loss / all.rows);
      LOG.info("kmeans: {} shards, {} epochs each, reduced to {} centers in {} ms; {}", answers.size(), epochs, k,
          (System.nanoTime() - started) / 1_000_000, metrics);
      options.listeners().forEach(l -> l.onEnd(epochs, false, metrics));
      model = new KMeansModel(centers, k, schema, new ModelCard(KMeansParams.ALGORITHM,
          params.values().toSageMaker(), metrics, SagemillVersion.get()));
    }

    private void absorbStreaming(List<byte[]> answers) {
      Hyperparameters v = params.values();
      epochs = v.getInt("epochs");
      List<float[]> shardCenters = new ArrayList<>();
      List<double[]> shardWeights = new ArrayList<>();
      double[] epochLoss = new double[epochs];
      long[] epochRows = new long[epochs];
      int count = 0;
      for (byte[] a : answers) {
        Message.Reader in = Message.reader(a);
        in.tag();
        shardCenters.add(in.getFloats());
        double[] w = in.getDoubles();
        shardWeights.add(w);
        count += w.length;
        double[] loss = in.getDoubles();
        long[] rows = in.getLongs();
        for (int e = 0; e < epochs; e++) {
          epochLoss[e] += loss[e];
          epochRows[e] += rows[e];
        }
      }
      if (epochRows[0] == 0) {
        throw new InvalidDataException("the training data has no rows in any of its " + answers.size() + " shards");
      }
      if (epochRows[0] < k) {
        throw new InvalidDataException("k = " + k + " is larger than the " + epochRows[0]
            + " rows of the training data");
      }
      Streaming all = new Streaming();
      all.centers = new float[count * d];
      all.weights = new double[count];
      for (int i = 0, at = 0; i < shardWeights.size(); at += shardWeights.get(i).length, i++) {
        System.arraycopy(shardCenters.get(i), 0, all.centers, at * d, shardWeights.get(i).length * d);
        System.arraycopy(shardWeights.get(i), 0, all.weights, at, shardWeights.get(i).length);
      }
      all.count = count;
      all.epochsDone = epochs;
      List<TrainingListener> listeners = options.listeners();
      listeners.forEach(l -> l.onStart(KMeansParams.ALGORITHM, epochs));
      for (int e = 0; e < epochs; e++) {
        int epoch = e + 1;
        Map<String, Double> m = Map.of("train:msd", epochLoss[e] / epochRows[e]);
        listeners.forEach(l -> l.onEpoch(epoch, epochs, m));
      }
      ForkJoinPool pool = new ForkJoinPool(ThreadBudget.threads(options));
      try {
        float[] reduced = reduce(all, d, k, v, RandomStream.of(v.getLong("seed")), pool);
        refinement = new LloydRefinement(reduced, k, d, params.fullDataLloydPasses(), v.getDouble("local_lloyd_tol"));
      } finally {
        pool.shutdownNow();
      }
    }

    KMeansModel model() {
      if (model == null) {
        throw new IllegalStateException("the sharded k-means fit has rounds left");
      }
      return model;
    }
  }

  /** sagemill's {@code full_data_lloyd_passes} on one machine ({@link LloydRefinement}). */
  private float[] refine(DataSource train, float[] start, int k, int d, ForkJoinPool pool) throws IOException {
    LloydRefinement r = new LloydRefinement(start, k, d, params.fullDataLloydPasses(),
        params.values().getDouble("local_lloyd_tol"));
    while (r.wantsPass()) {
      r.absorb(LloydSums.of(train, r.centers(), k, d, pool));
    }
    return r.centers();
  }

  /**
   * One streaming pass. The first epoch's first mini-batch (at least {@code mini_batch_size} rows, or all the data)
   * seeds the centers. Returns true when cancelled.
   */
  private boolean streamEpoch(DataSource train, Streaming s, int epoch, RandomStream rng, double[] loss,
      FitOptions options, ForkJoinPool pool) throws IOException {
    Hyperparameters v = params.values();
    int batchRows = v.getInt("mini_batch_size");
    int halfLife = v.getInt("half_life_time_size");
    int d = params.featureDim();
    try (BatchStream stream = train.open(batchRows)) {
      Optional<RowBatch> next = stream.next();
      if (s.centers == null) {
        List<RowBatch> first = new ArrayList<>();
        int rows = 0;
        while (next.isPresent() && rows < batchRows) {
          first.add(next.get());
          rows += next.get().rows();
          next = stream.next();
        }
        if (first.isEmpty()) {
          return false; // no rows: the caller says so, for the whole data
        }
        RowBatch seed = RowBatch.concat(first);
        initialize(s, seed, rng.fork("init"), d, pool);
        LOG.info("kmeans: {} streaming centers ({} x extra_center_factor) drawn from the first {} rows ({})",
            s.count, params.k(), seed.rows(), v.getString("init_method"));
        update(s, seed, halfLife, loss, pool);
      }
      for (; next.isPresent(); next = stream.next()) {
        if (options.cancellation() != null && options.cancellation().isCancelled()) {
          return true;
        }
        update(s, next.get(), halfLife, loss, pool);
      }
    }
    return false;
  }

  private void initialize(Streaming s, RowBatch seed, RandomStream rng, int d, ForkJoinPool pool) {
    int count = Math.min(params.streamingCenters(), seed.rows());
    s.count = count;
    s.centers = new float[count * d];
    s.weights = new double[count];
    if (params.values().getString("init_method").equals("kmeans++")) {
      float[] points = new float[seed.rows() * d];
      for (int r = 0; r < seed.rows(); r++) {
        System.arraycopy(seed.row(r).toDense(), 0, points, r * d, d);
      }
      double[] ones = new double[seed.rows()];
      java.util.Arrays.fill(ones, 1);
      double[] c = LocalLloyd.plusPlus(points, ones, seed.rows(), d, count, rng, pool);
      for (int i = 0; i < c.length; i++) {
        s.centers[i] = (float) c[i];
      }
    } else {
      int[] order = new int[seed.rows()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      rng.shuffle(order);
      for (int j = 0; j < count; j++) {
        System.arraycopy(seed.row(order[j]).toDense(), 0, s.centers, j * d, d);
      }
    }
  }

  /** One mini-batch: assign, decay the weights, move each center to the weighted mean. */
  private void update(Streaming s, RowBatch batch, int halfLife, double[] loss, ForkJoinPool pool) {
    if (batch.featureDim() != params.featureDim()) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, feature_dim is " + params.featureDim());
    }
    int m = batch.rows();
    int d = params.featureDim();
    int[] nearest = new int[m];
    double[] dist2 = new double[m];
    new Centers(s.centers, s.count, d).assign(batch, nearest, dist2, pool);
    if (halfLife > 0) {
      double decay = Math.pow(0.5, m / (double) halfLife);
      for (int j = 0; j < s.count; j++) {
        s.weights[j] *= decay;
      }
    }
    double[] sums = new double[s.count * d];
    int[] counts = new int[s.count];
    for (int r = 0; r < m; r++) {
      int j = nearest[r];
      counts[j]++;
      loss[0] += dist2[r];
      if (batch.isSparse()) {
        int[] ptr = batch.rowPointers();
        for (int e = ptr[r]; e < ptr[r + 1]; e++) {
          sums[j * d + batch.indices()[e]] += batch.sparseValues()[e];
        }
      } else {
        float[] x = batch.denseValues();
        for (int p = 0; p < d; p++) {
          sums[j * d + p] += x[r * d + p];
        }
      }
    }
    loss[1] += m;
    for (int j = 0; j < s.count; j++) {
      if (counts[j] == 0) {
        continue;
      }
      double w = s.weights[j];
      double total = w + counts[j];
      for (int p = 0; p < d; p++) {
        s.centers[j * d + p] = (float) ((w * s.centers[j * d + p] + sums[j * d + p]) / total);
      }
      s.weights[j] = total;
    }
  }

  /** The local Lloyd's on the streaming centers that absorbed any weight. */
  private float[] reduce(Streaming s, int d, int k, Hyperparameters v, RandomStream rng, ForkJoinPool pool) {
    int m = 0;
    float[] points = new float[s.count * d];
    double[] weights = new double[s.count];
    for (int j = 0; j < s.count; j++) {
      if (s.weights[j] > 0) {
        System.arraycopy(s.centers, j * d, points, m * d, d);
        weights[m++] = s.weights[j];
      }
    }
    if (m < k) {
      LOG.warn("kmeans: only {} distinct centers absorbed data (k = {}); some final centers coincide "
          + "(the data has fewer distinct points than k)", m, k);
    }
    LocalLloyd.Result r = LocalLloyd.reduce(points, weights, m, d, k,
        v.getString("local_lloyd_init_method").equals("kmeans++"), v.getInt("local_lloyd_max_iter"),
        v.getDouble("local_lloyd_tol"), params.lloydTrials(), rng.fork("lloyd"), pool);
    return r.centers();
  }
}

package dev.sagemill.algo.pca;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.CachedSource;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.distributed.Message;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.distributed.LocalShards;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.listen.TrainingListener;
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
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's PCA by streaming the training channel in {@code mini_batch_size} batches; memory does not grow
 * with the number of rows.
 *
 * <ul>
 *   <li>{@code regular}: one pass accumulates the {@code feature_dim × feature_dim} scatter matrix (in double, about
 *       a shift, centered afterwards), whose symmetric eigen-decomposition gives the exact components: eigenvalue λ
 *       is the squared singular value of the centered data.</li>
 *   <li>{@code randomized}: Halko, Martinsson and Tropp's randomized range finder applied to the scatter matrix C
 *       without forming it. Pass 1 sketches Y = CΩ for a Gaussian {@code feature_dim × (num_components +
 *       extra_components)} Ω; Q is an orthonormal basis of Y's range; pass 2 accumulates the small QᵀCQ, whose
 *       eigenvectors rotate Q into the components (Rayleigh–Ritz). Sketching C = XᵀX rather than X is one power
 *       iteration's worth of accuracy for free; sagemill's {@code subspace_iterations} adds passes that sketch CQ
 *       through the current basis Q and orthonormalise again (subspace iteration). Memory is
 *       O(feature_dim × width).</li>
 * </ul>
 *
 * <p>Rows are split into as many contiguous chunks as threads, each summed by its own thread and merged in order:
 * the same data, seed and thread count give the same model bit for bit. Each component's sign is fixed so that its
 * largest-magnitude entry is positive. Components of zero variance (constant or duplicate data) come out as finite
 * orthonormal directions with singular value 0. Listeners see one epoch per pass. A fit always completes its passes
 * (each is a single read of the data).
 *
 * <p>Immutable and thread-safe.
 */
public final class PCAEstimator implements ShardedEstimator<PCAModel> {
  private static final Logger LOG = LoggerFactory.getLogger(PCAEstimator.class);

  /** Message tags: the passes over the rows. */
  private static final int SHIFT = 1;
  private static final int SCATTER = 2;
  private static final int SKETCH = 3;
  private static final int PROJECT = 4;

  private final PCAParams params;

  /**
   * @param params validated hyperparameters
   */
  public PCAEstimator(PCAParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  @Override
  public String algorithm() {
    return PCAParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public PCAModel fit(DataSource train, FitOptions options) throws IOException {
    Objects.requireNonNull(train, "train");
    checkDim(train.schema(), "the training data " + train.description());
    return runOn(LocalShards.of(this, List.of(train), ThreadBudget.threads(options)),
        "training data " + train.description(), options);
  }

  /**
   * PCA on rows split into shards: every pass of {@link #fit} runs on each shard and the driver adds the shards'
   * sums in shard order (SageMaker's PCA adds its hosts' sums the same way). The shift comes from the first batch of
   * the first shard that has rows. One shard gives the model {@link #fit} gives, bit for bit; more shards differ
   * from it only in the order of floating-point additions.
   */
  @Override
  public PCAModel fitSharded(Shards shards, FitOptions options) throws IOException {
    checkDim(shards.schema(), "the training rows");
    return runOn(shards, "the training data (" + shards.count() + " shards)", options);
  }

  private PCAModel runOn(Shards shards, String data, FitOptions options) throws IOException {
    PcaRun run = new PcaRun(shards.schema(), data, options);
    for (Optional<byte[]> m = run.nextMessage(); m.isPresent(); m = run.nextMessage()) {
      run.absorb(shards.ask(m.get()));
    }
    return run.model();
  }

  @Override
  public ShardWorker shardWorker(DataSource shardRows, int shard, int shards, int threads) {
    int d = params.featureDim();
    // The randomized mode reads the rows two or more times: a shard that fits an eighth of the heap is parsed once.
    DataSource rows = CachedSource.of(shardRows, Runtime.getRuntime().maxMemory() / 8);
    return message -> {
      Message.Reader in = Message.reader(message);
      int tag = in.tag();
      if (tag == SHIFT) {
        return firstBatchSums(rows);
      }
      double[] shift = in.getDoubles();
      IntFunction<RowSums> make;
      if (tag == SCATTER) {
        make = t -> new ScatterSums(d, shift);
      } else if (tag == SKETCH) {
        double[][] through = RowSums.rowsOf(in.getDoubles(), d, params.sketchWidth());
        make = t -> new SketchSums(d, shift, through, params.sketchWidth());
      } else {
        double[][] basis = RowSums.rowsOf(in.getDoubles(), d, params.sketchWidth());
        double[] center = in.getDoubles();
        make = t -> new ProjectedSums(d, shift, basis, params.sketchWidth(), center.length == 0 ? null : center);
      }
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        RowSums sums = pass(rows, threads, pool, make);
        Message.Writer out = Message.writer(tag);
        sums.writeTo(out);
        return out.toBytes();
      } finally {
        pool.shutdownNow();
      }
    };
  }

  private void checkDim(Schema schema, String what) {
    if (schema.featureDim() != params.featureDim()) {
      throw new InvalidDataException("feature_dim is " + params.featureDim() + " but " + what + " has "
          + schema.featureDim() + " features");
    }
  }

  /** The driver's side of a fit, on one machine or many: which pass comes next, and what the passes' sums make. */
  private final class PcaRun {
    private final Schema schema;
    private final String data;
    private final FitOptions options;
    private final int d = params.featureDim();
    private final boolean center = params.subtractMean();
    private final int passes = params.randomized() ? 2 + params.subspaceIterations() : 1;
    private final long started = System.nanoTime();
    private double[] shift;
    private int pass;
    private double[] basis;
    private SketchSums sketch;
    /** What the last sketch pass multiplied by (Ω, then Q): centering the sketch needs it. */
    private double[] through;
    private PCAModel model;

    PcaRun(Schema schema, String data, FitOptions options) {
      this.schema = schema;
      this.data = data;
      this.options = options;
      options.listeners().forEach(l -> l.onStart(PCAParams.ALGORITHM, passes));
      if (!center) {
        shift = new double[d];
      }
    }

    Optional<byte[]> nextMessage() {
      if (model != null) {
        return Optional.empty();
      }
      if (shift == null) {
        return Optional.of(Message.writer(SHIFT).toBytes());
      }
      if (!params.randomized()) {
        return Optional.of(Message.writer(SCATTER).putDoubles(shift).toBytes());
      }
      if (pass == 0) {
        through = gaussian(d, params.sketchWidth(), RandomStream.of(params.values().getLong("seed")).fork("omega"));
        return Optional.of(Message.writer(SKETCH).putDoubles(shift).putDoubles(through).toBytes());
      }
      if (pass < passes - 1) {
        // Subspace iteration: sketch C again through the orthonormal basis, C·Q, and orthonormalise; each pass
        // raises the spectrum's decay to one more power (Halko, Martinsson and Tropp, algorithm 4.4).
        through = basis;
        return Optional.of(Message.writer(SKETCH).putDoubles(shift).putDoubles(through).toBytes());
      }
      return Optional.of(Message.writer(PROJECT).putDoubles(shift).putDoubles(basis)
          .putDoubles(center ? sketch.shiftedMean() : new double[0]).toBytes());
    }

    void absorb(List<byte[]> answers) {
      if (shift == null) {
        shift = shiftFrom(answers);
        return;
      }
      int l = params.sketchWidth();
      double[][] throughRows = through == null ? null : RowSums.rowsOf(through, d, l);
      RowSums sums = null;
      for (byte[] a : answers) {
        Message.Reader in = Message.reader(a);
        int tag = in.tag();
        RowSums s = tag == SCATTER ? new ScatterSums(d, shift)
            : tag == SKETCH ? new SketchSums(d, shift, throughRows, l)
            : new ProjectedSums(d, shift, new double[d][l], l, null);
        s.readFrom(in);
        if (sums == null) {
          sums = s;
        } else {
          sums.merge(s);
        }
      }
      if (sums.count == 0) {
        throw new InvalidDataException(data + " has no rows");
      }
      pass++;
      Map<String, Double> m = Map.of("train:rows", (double) sums.count);
      int done = pass;
      options.listeners().forEach(x -> x.onEpoch(done, passes, m));
      if (sums instanceof ScatterSums scatter) {
        finish(Decomposition.of(scatter.scatter(center), d, null, d), totalVariance(scatter, center),
            center ? meanOf(scatter) : null);
      } else if (sums instanceof SketchSums s) {
        sketch = s;
        RandomStream seed = RandomStream.of(params.values().getLong("seed"));
        basis = orthonormalize(s.centered(center), d, l, pass == 1 ? seed.fork("basis") : seed.fork("basis",
            pass - 1));
      } else {
        finish(Decomposition.of(((ProjectedSums) sums).matrix(), l, basis, d), totalVariance(sketch, center),
            center ? meanOf(sketch) : null);
      }
    }

    /** The shift: the first batch's mean of the first shard with rows (sparse data keeps the origin). */
    private double[] shiftFrom(List<byte[]> answers) {
      for (byte[] a : answers) {
        Message.Reader in = Message.reader(a);
        in.tag();
        double[] sum = in.getDoubles();
        long rows = in.getLong();
        if (rows == 0) {
          continue;
        }
        double[] out = new double[d];
        for (int p = 0; rows > 0 && p < d; p++) {
          out[p] = Float.isFinite((float) sum[p]) ? sum[p] / rows : 0; // a bad value is reported later
        }
        return out;
      }
      return new double[d];
    }

    private void finish(Decomposition dec, double total, double[] mean) {
      int p = params.numComponents();
      double[] v = new double[d * p];
      double[] s = new double[p];
      double kept = 0;
      for (int c = 0; c < p; c++) {
        int src = p - 1 - c; // SageMaker's order: ascending singular value
        s[c] = Math.sqrt(Math.max(0, dec.values[src]));
        kept += s[c] * s[c];
        for (int q = 0; q < d; q++) {
          v[q * p + c] = dec.vectors[q * dec.count + src];
        }
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("train:explained_variance_ratio", total > 0 ? kept / total : 0);
      LOG.info("pca ({}): {} components of {} features in {} ms; they explain {} of the variance",
          params.values().getString("algorithm_mode"), p, d, (System.nanoTime() - started) / 1_000_000,
          metrics.get("train:explained_variance_ratio"));
      options.listeners().forEach(l -> l.onEnd(passes, false, metrics));
      model = new PCAModel(v, s, mean, total, schema, new ModelCard(PCAParams.ALGORITHM,
          params.values().toSageMaker(), metrics, SagemillVersion.get()));
    }

    PCAModel model() {
      if (model == null) {
        throw new IllegalStateException("the PCA fit has passes left");
      }
      return model;
    }
  }

  /** A shard's first mini-batch: its column sums and row count (-1 when sparse: sparse data is not shifted). */
  private byte[] firstBatchSums(DataSource train) throws IOException {
    int d = params.featureDim();
    double[] sum = new double[d];
    long rows = 0;
    try (BatchStream s = train.open(params.values().getInt("mini_batch_size"))) {
      Optional<RowBatch> first = s.next();
      if (first.isPresent()) {
        RowBatch b = first.get();
        rows = b.isSparse() ? -1 : b.rows();
        float[] x = b.isSparse() ? null : b.denseValues();
        for (int r = 0; x != null && r < b.rows(); r++) {
          for (int p = 0; p < d; p++) {
            sum[p] += x[r * d + p];
          }
        }
      }
    }
    return Message.writer(SHIFT).putDoubles(sum).putLong(rows).toBytes();
  }

  /** One read of the channel: every batch split into one contiguous chunk per thread, merged in thread order. */
  private <S extends RowSums> S pass(DataSource train, int threads, ForkJoinPool pool, IntFunction<S> make)
      throws IOException {
    List<S> sums = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      sums.add(make.apply(t));
    }
    int d = params.featureDim();
    try (BatchStream stream = train.open(params.values().getInt("mini_batch_size"))) {
      for (Optional<RowBatch> next = stream.next(); next.isPresent(); next = stream.next()) {
        RowBatch b = next.get();
        if (b.featureDim() != d) {
          throw new InvalidDataException(b.origin(), "record", b.firstRecord(), "has " + b.featureDim()
              + " features, feature_dim is " + d);
        }
        int rows = b.rows();
        int chunks = Math.max(1, Math.min(threads, rows / 64));
        Runnable work = () -> IntStream.range(0, chunks).parallel().forEach(t ->
            sums.get(t).add(b, (int) ((long) rows * t / chunks), (int) ((long) rows * (t + 1) / chunks)));
        if (chunks == 1) {
          work.run();
        } else {
          pool.submit(work).join();
        }
      }
    }
    S all = sums.get(0);
    for (int t = 1; t < threads; t++) {
      all.merge(sums.get(t));
    }
    return all;
  }

  private static double totalVariance(RowSums sums, boolean center) {
    double total = sums.squares;
    double[] ybar = sums.shiftedMean();
    if (center) {
      for (double m : ybar) {
        total -= sums.count * m * m;
      }
    }
    return Math.max(0, total);
  }

  private static double[] meanOf(RowSums sums) {
    double[] m = sums.shiftedMean();
    for (int p = 0; p < m.length; p++) {
      m[p] += sums.shift[p];
    }
    return m;
  }

  private static double[] gaussian(int rows, int cols, RandomStream rng) {
    double[] g = new double[rows * cols];
    for (int i = 0; i < g.length; i++) {
      g[i] = rng.nextGaussian();
    }
    return g;
  }

  /**
   * An orthonormal basis of the columns of a {@code rows × cols} matrix: modified Gram–Schmidt, applied twice for
   * orthogonality to working precision. A column that is (numerically) in the span of the previous ones, as happens
   * when the data has fewer directions than the sketch is wide, is replaced by a random direction so the basis
   * stays full.
   */
  static double[] orthonormalize(double[] a, int rows, int cols, RandomStream rng) {
    double[] q = a.clone();
    for (int c = 0; c < cols; c++) {
      double before = norm(q, rows, cols, c);
      for (int round = 0; round < 2; round++) {
        for (int prev = 0; prev < c; prev++) {
          double dot = 0;
          for (int i = 0; i < rows; i++) {
            dot += q[i * cols + prev] * q[i * cols + c];
          }
          for (int i = 0; i < rows; i++) {
            q[i * cols + c] -= dot * q[i * cols + prev];
          }
        }
      }
      double after = norm(q, rows, cols, c);
      if (!(after > 1e-10 * before) || after == 0) {
        for (int i = 0; i < rows; i++) {
          q[i * cols + c] = rng.nextGaussian();
        }
        c--; // orthogonalize the random replacement
        continue;
      }
      for (int i = 0; i < rows; i++) {
        q[i * cols + c] /= after;
      }
    }
    return q;
  }

  private static double norm(double[] q, int rows, int cols, int c) {
    double s = 0;
    for (int i = 0; i < rows; i++) {
      s += q[i * cols + c] * q[i * cols + c];
    }
    return Math.sqrt(s);
  }

  /** Eigenvalues (descending) and unit eigenvectors (as columns, {@code dim × count}) in feature space. */
  private static final class Decomposition {
    final double[] values;
    final double[] vectors;
    final int count;

    private Decomposition(double[] values, double[] vectors, int count) {
      this.values = values;
      this.vectors = vectors;
      this.count = count;
    }

    /**
     * @param sym a symmetric {@code n × n} matrix
     * @param n its size
     * @param basis null, or a {@code dim × n} basis whose coordinates sym is in (the eigenvectors are mapped back)
     * @param dim features
     */
    static Decomposition of(double[] sym, int n, double[] basis, int dim) {
      double[][] m = new double[n][n];
      for (int i = 0; i < n; i++) {
        System.arraycopy(sym, i * n, m[i], 0, n);
      }
      EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
      double[] raw = e.getRealEigenvalues();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
      RealMatrix u = e.getV();
      double[] values = new double[n];
      double[] vectors = new double[dim * n];
      for (int c = 0; c < n; c++) {
        values[c] = raw[order[c]];
        double[] col = u.getColumn(order[c]);
        double[] vec = col;
        if (basis != null) {
          vec = new double[dim];
          for (int q = 0; q < dim; q++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
              s += basis[q * n + j] * col[j];
            }
            vec[q] = s;
          }
        }
        int big = 0;
        for (int q = 1; q < dim; q++) {
          if (Math.abs(vec[q]) > Math.abs(vec[big])) {
            big = q;
          }
        }
        double sign = vec[big] < 0 ? -1 : 1;
        for (int q = 0; q < dim; q++) {
          vectors[q * n + c] = sign * vec[q];
        }
      }
      return new Decomposition(values, vectors, n);
    }
  }
}

package dev.sagemill.algo.pca;

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
public final class PCAEstimator implements Estimator<PCAModel> {
  private static final Logger LOG = LoggerFactory.getLogger(PCAEstimator.class);

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
    int d = params.featureDim();
    Schema schema = train.schema();
    if (schema.featureDim() != d) {
      throw new InvalidDataException("feature_dim is " + d + " but the training data " + train.description()
          + " has " + schema.featureDim() + " features");
    }
    int threads = ThreadBudget.threads(options);
    ForkJoinPool pool = new ForkJoinPool(threads);
    boolean center = params.subtractMean();
    int passes = params.randomized() ? 2 + params.subspaceIterations() : 1;
    List<TrainingListener> listeners = options.listeners();
    long started = System.nanoTime();
    try {
      listeners.forEach(l -> l.onStart(PCAParams.ALGORITHM, passes));
      double[] shift = center ? firstBatchMean(train) : new double[d];
      Decomposition dec;
      double total;
      double[] mean;
      if (params.randomized()) {
        int l = params.sketchWidth();
        double[] omega = gaussian(d, l, RandomStream.of(params.values().getLong("seed")).fork("omega"));
        SketchSums sketch = pass(train, threads, pool, t -> new SketchSums(d, shift, omega, l));
        report(listeners, 1, passes, sketch);
        double[] basis = orthonormalize(sketch.centered(center), d, l,
            RandomStream.of(params.values().getLong("seed")).fork("basis"));
        for (int it = 1; it <= params.subspaceIterations(); it++) {
          // Subspace iteration: sketch C again through the orthonormal basis, C·Q, and orthonormalise; each pass
          // raises the spectrum's decay to one more power (Halko, Martinsson and Tropp, algorithm 4.4).
          double[] q = basis;
          sketch = pass(train, threads, pool, t -> new SketchSums(d, shift, q, l));
          report(listeners, 1 + it, passes, sketch);
          basis = orthonormalize(sketch.centered(center), d, l,
              RandomStream.of(params.values().getLong("seed")).fork("basis", it));
        }
        double[] finalBasis = basis;
        double[] ybar = sketch.shiftedMean();
        ProjectedSums small = pass(train, threads, pool, t -> new ProjectedSums(d, shift, finalBasis, l,
            center ? ybar : null));
        report(listeners, passes, passes, small);
        dec = Decomposition.of(small.matrix(), l, finalBasis, d);
        total = totalVariance(sketch, center);
        mean = center ? meanOf(sketch) : null;
      } else {
        ScatterSums scatter = pass(train, threads, pool, t -> new ScatterSums(d, shift));
        report(listeners, 1, passes, scatter);
        dec = Decomposition.of(scatter.scatter(center), d, null, d);
        total = totalVariance(scatter, center);
        mean = center ? meanOf(scatter) : null;
      }
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
      listeners.forEach(l -> l.onEnd(passes, false, metrics));
      return new PCAModel(v, s, mean, total, schema, new ModelCard(PCAParams.ALGORITHM,
          params.values().toSageMaker(), metrics, SagemillVersion.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(List<TrainingListener> listeners, int pass, int passes, RowSums sums) {
    Map<String, Double> m = Map.of("train:rows", (double) sums.count);
    listeners.forEach(l -> l.onEpoch(pass, passes, m));
  }

  /** The shift rows are summed about: the first dense batch's mean (sparse data keeps the origin). */
  private double[] firstBatchMean(DataSource train) throws IOException {
    int d = params.featureDim();
    double[] shift = new double[d];
    try (BatchStream s = train.open(params.values().getInt("mini_batch_size"))) {
      Optional<RowBatch> first = s.next();
      if (first.isEmpty() || first.get().isSparse()) {
        return shift;
      }
      RowBatch b = first.get();
      float[] x = b.denseValues();
      for (int r = 0; r < b.rows(); r++) {
        for (int p = 0; p < d; p++) {
          shift[p] += x[r * d + p];
        }
      }
      for (int p = 0; p < d; p++) {
        shift[p] = Float.isFinite((float) shift[p]) ? shift[p] / b.rows() : 0; // a bad value is reported later
      }
    }
    return shift;
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
    if (all.count == 0) {
      throw new InvalidDataException("training data " + train.description() + " has no rows");
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

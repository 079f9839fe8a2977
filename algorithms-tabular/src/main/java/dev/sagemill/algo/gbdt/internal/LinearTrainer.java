package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * XGBoost's {@code gblinear} boosting loop. Each round takes the objective's gradients {@code (g, h)} at the
 * current margins, then:
 * <ol>
 *   <li>moves each output's intercept by {@code eta·(−Σg / Σh)};</li>
 *   <li>visits features in the order of the feature selector and moves each weight by {@code eta} times the
 *       elastic-net coordinate step {@code δ = −(G + λ'w ± α') / (H + λ')} clipped at {@code −w} where it would cross
 *       zero ({@code G = Σ g·x}, {@code H = Σ h·x²} over the feature's present values; no step when
 *       {@code H < 1e-5}), where {@code λ' = lambda·Σ weights} and {@code α' = alpha·Σ weights} because XGBoost
 *       states the penalties per unit of instance weight;</li>
 *   <li>after every step keeps the gradients current ({@code g += h·x·Δw}), so later coordinates see earlier
 *       ones, exactly as XGBoost's {@code shotgun} and {@code coord_descent} updaters do.</li>
 * </ol>
 * {@code coord_descent} visits outputs in the outer loop and features inside; {@code shotgun} visits features in
 * the outer loop and all outputs of a feature inside. XGBoost runs {@code shotgun}'s features concurrently without
 * locks, so its result varies with thread timing; here features are visited in order (the same model as XGBoost's
 * {@code shotgun} with one thread), and threads split each long column's sums in fixed chunks, so the model depends
 * only on the data, parameters and seed.
 *
 * <p>Not thread-safe; one trainer per fit.
 */
public final class LinearTrainer {
  /** Columns longer than this are summed in chunks of this size on several threads. */
  private static final int CHUNK = 1 << 15;

  /** XGBoost's linear updaters. */
  public enum Updater {
    /** Features in the outer loop, every output of a feature inside (XGBoost's default). */
    SHOTGUN,
    /** Outputs in the outer loop, features inside; works with every feature selector. */
    COORD_DESCENT
  }

  /** XGBoost's feature selectors: the order in which a round visits the features. */
  public enum Selector {
    /** 0, 1, 2, ... */
    CYCLIC,
    /** A fresh random permutation every round. */
    SHUFFLE,
    /** Features drawn uniformly with replacement, as many draws as features. */
    RANDOM,
    /** Each step takes the feature with the largest coordinate step now, up to {@code top_k} steps per output. */
    GREEDY,
    /** Features sorted once per round by the size of their coordinate step, the first {@code top_k} visited. */
    THRIFTY
  }

  /**
   * The linear booster's settings, validated.
   *
   * @param eta step shrinkage, (0, 1]
   * @param lambda L2 penalty per unit of instance weight, ≥ 0
   * @param alpha L1 penalty per unit of instance weight, ≥ 0
   * @param updater the updater
   * @param selector the feature selector ({@code shotgun} takes cyclic or shuffle only, as in XGBoost)
   * @param topK features per output and round for greedy and thrifty; 0 = all
   */
  public record LinearParams(double eta, double lambda, double alpha, Updater updater, Selector selector, int topK) {
    /**
     * Validates.
     *
     * @param eta step shrinkage
     * @param lambda L2 penalty
     * @param alpha L1 penalty
     * @param updater the updater
     * @param selector the feature selector
     * @param topK features per output and round; 0 = all
     */
    public LinearParams {
      if (!(eta > 0 && eta <= 1) || !(lambda >= 0) || !(alpha >= 0) || topK < 0) {
        throw new IllegalArgumentException("gblinear parameters out of range: eta " + eta + ", lambda " + lambda
            + ", alpha " + alpha + ", top_k " + topK);
      }
      if (updater == Updater.SHOTGUN && selector != Selector.CYCLIC && selector != Selector.SHUFFLE) {
        throw new IllegalArgumentException("updater shotgun supports feature_selector cyclic or shuffle, got "
            + selector.name().toLowerCase(java.util.Locale.ROOT) + "; use updater coord_descent");
      }
    }
  }

  private final ColumnMatrix data;
  private final Objective objective;
  private final LinearParams params;
  private final BoostConfig cfg;
  private final int outputs;
  private final ForkJoinPool pool;

  /**
   * @param data training columns
   * @param objective the loss
   * @param params the linear booster's settings
   * @param cfg rounds, seed, base score, metrics, early stopping, class weights
   * @param outputs margins per row
   * @param pool threads
   */
  LinearTrainer(ColumnMatrix data, Objective objective, LinearParams params, BoostConfig cfg, int outputs,
      ForkJoinPool pool) {
    this.data = data;
    this.objective = objective;
    this.params = params;
    this.cfg = cfg;
    this.outputs = outputs;
    this.pool = pool;
  }

  /** @return the base margin per output: from {@code base_score}, or estimated from the labels when NaN */
  double[] baseMargins() {
    double score = Double.isNaN(cfg.baseScore()) ? objective.estimateBaseScore(data.labels, data.weights)
        : cfg.baseScore();
    double[] b = new double[outputs];
    Arrays.fill(b, objective.baseMargin(score));
    return b;
  }

  /**
   * Starts boosting, round by round: the caller (the shared training loop) asks for each round.
   *
   * @param start the booster to continue (its base margins and weights), or null for a fresh one
   * @param best the best booster so far when resuming from a checkpoint, or null
   * @param bestState early stopping's state matching {@code best}, or null
   * @param evals evaluation sets
   * @return the rounds
   */
  Rounds start(LinearBooster start, LinearBooster best, GbdtTrainer.Best bestState, List<GbdtTrainer.EvalSet> evals) {
    return new Rounds(start, best, bestState, evals);
  }

  /**
   * One linear boosting run's state between rounds: weights, margins and early stopping. Each {@link #next()}
   * updates the biases and then every weight once, and scores the round.
   *
   * <p>Not thread-safe.
   */
  final class Rounds implements BoostingRounds {
    private final int k = outputs;
    private final int d = data.features;
    private LinearBooster current;
    private final double[] base;
    private final float[] w;
    private LinearBooster kept;
    private final RoundScorer scorer;
    private final Objective.GradientContext ctx;
    private final double lambda;
    private final double alpha;
    private final RandomStream rng;
    private final float[][] gh;
    private double[] margin;
    private final List<GbdtTrainer.EvalSet> evals;
    private int round;
    private boolean stopped;

    private Rounds(LinearBooster start, LinearBooster best, GbdtTrainer.Best bestState,
        List<GbdtTrainer.EvalSet> evals) {
      this.evals = evals;
      current = start != null ? start : LinearBooster.zero(d, k, baseMargins());
      base = current.baseMargin();
      w = current.weights();
      round = current.rounds();
      kept = best != null ? best : current;
      scorer = new RoundScorer(cfg, objective, k, data.labels, data.weights, data.groupPtr, evals, bestState, round,
          pool);
      ctx = new Objective.GradientContext(data.labels,
          GbdtTrainer.classWeighted(data.labels, data.weights, cfg.scalePosWeight(), cfg.scaleNegWeight()),
          data.groupPtr, k);
      double sumWeights = data.sumWeights();
      lambda = params.lambda() * sumWeights;
      alpha = params.alpha() * sumWeights;
      rng = RandomStream.of(cfg.seed());
      gh = new float[k][2 * data.rows];
      margin = trainMargins(base, w);
    }

    /** @return whether early stopping has ended the run */
    @Override
    public boolean stopped() {
      return stopped;
    }

    /** @return the booster after the last round */
    LinearBooster current() {
      return current;
    }

    /** @return the booster of the best round so far (early stopping keeps it) */
    LinearBooster kept() {
      return kept;
    }

    /** @return early stopping's state */
    @Override
    public GbdtTrainer.Best best() {
      return scorer.best();
    }

    /**
     * Runs and scores one round.
     *
     * @return the round's metrics keyed {@code <set>-<metric>} ({@code train-auc}, ...)
     */
    @Override
    public Map<String, Double> next() {
        GbdtTrainer.computeGradients(objective, ctx, data.rows, data.groupPtr, margin, gh, pool);
        for (int c = 0; c < k; c++) {
          double[] s = biasSums(gh[c]);
          float db = s[1] < 1e-5 ? 0f : (float) (params.eta() * (-s[0] / s[1]));
          w[d * k + c] += db;
          updateBiasResidual(gh[c], db);
        }
        FeatureOrder order = new FeatureOrder(rng.fork("selector", round), gh, w, lambda, alpha);
        if (params.updater() == Updater.COORD_DESCENT) {
          for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
              int f = order.next(i, c);
              if (f < 0) {
                break;
              }
              step(f, c, gh[c], w, lambda, alpha);
            }
          }
        } else {
          for (int i = 0; i < d; i++) {
            int f = order.next(i, 0);
            if (f < 0) {
              break;
            }
            for (int c = 0; c < k; c++) {
              step(f, c, gh[c], w, lambda, alpha);
            }
          }
        }
      current = new LinearBooster(d, k, base, w, round + 1);
      margin = trainMargins(base, w);
      List<double[]> evalMargins = new ArrayList<>();
      for (GbdtTrainer.EvalSet e : evals) {
        evalMargins.add(current.margins(e.rows(), pool));
      }
      Map<String, Double> metrics = scorer.score(margin, evalMargins);
      stopped = scorer.record(round, metrics);
      if (scorer.best().round() == round) {
        kept = current;
      }
      round++;
      return metrics;
    }

    /**
     * @param stoppedEarly whether early stopping or cancellation ended training
     * @return the booster to keep: the best round's when early stopping ended training, else the last
     */
    LinearBooster result(boolean stoppedEarly) {
      return stoppedEarly && scorer.stopsEarly() ? kept : current;
    }
  }

  /** One coordinate step on weight (f, c), then the gradients brought up to date. */
  private void step(int f, int c, float[] g, float[] w, double lambda, double alpha) {
    double[] s = columnSums(f, g);
    int at = f * outputs + c;
    float dw = (float) (params.eta() * coordinateDelta(s[0], s[1], w[at], alpha, lambda));
    if (dw == 0f) {
      return;
    }
    w[at] += dw;
    int from = data.colPtr[f];
    int to = data.colPtr[f + 1];
    if (to - from <= CHUNK) {
      updateResidual(g, from, to, dw);
    } else {
      int chunks = (to - from + CHUNK - 1) / CHUNK;
      pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(ch ->
          updateResidual(g, from + ch * CHUNK, Math.min(to, from + (ch + 1) * CHUNK), dw))).join();
    }
  }

  /**
   * XGBoost's elastic-net coordinate step (coordinate_common.h): the Newton step on {@code G + λw}, moved by
   * {@code α} towards zero and stopped at zero rather than crossing it.
   */
  static double coordinateDelta(double sumGrad, double sumHess, double w, double alpha, double lambda) {
    if (sumHess < 1e-5) {
      return 0;
    }
    double g = sumGrad + lambda * w;
    double h = sumHess + lambda;
    if (w - g / h >= 0) {
      return Math.max(-(g + alpha) / h, -w);
    }
    return Math.min(-(g - alpha) / h, -w);
  }

  private void updateResidual(float[] g, int from, int to, float dw) {
    for (int j = from; j < to; j++) {
      int r = data.rowIndex[j];
      float h = g[2 * r + 1];
      if (h >= 0f) {
        g[2 * r] += h * data.values[j] * dw;
      }
    }
  }

  private void updateBiasResidual(float[] g, float db) {
    if (db == 0f) {
      return;
    }
    int n = data.rows;
    int chunks = (n + CHUNK - 1) / CHUNK;
    pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(ch -> {
      for (int r = ch * CHUNK; r < Math.min(n, (ch + 1) * CHUNK); r++) {
        float h = g[2 * r + 1];
        if (h >= 0f) {
          g[2 * r] += h * db;
        }
      }
    })).join();
  }

  /** {@code (Σ g, Σ h)} over rows with a non-negative hessian, in fixed chunks reduced in order. */
  private double[] biasSums(float[] g) {
    int n = data.rows;
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[][] part = new double[chunks][2];
    pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(ch -> {
      double sg = 0;
      double sh = 0;
      for (int r = ch * CHUNK; r < Math.min(n, (ch + 1) * CHUNK); r++) {
        float h = g[2 * r + 1];
        if (h >= 0f) {
          sg += g[2 * r];
          sh += h;
        }
      }
      part[ch][0] = sg;
      part[ch][1] = sh;
    })).join();
    return reduce(part);
  }

  /** {@code (Σ g·x, Σ h·x²)} over the feature's present values; long columns in fixed chunks reduced in order. */
  private double[] columnSums(int f, float[] g) {
    int from = data.colPtr[f];
    int to = data.colPtr[f + 1];
    if (to - from <= CHUNK) {
      double[] s = new double[2];
      sumRange(g, from, to, s);
      return s;
    }
    int chunks = (to - from + CHUNK - 1) / CHUNK;
    double[][] part = new double[chunks][2];
    pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(ch ->
        sumRange(g, from + ch * CHUNK, Math.min(to, from + (ch + 1) * CHUNK), part[ch]))).join();
    return reduce(part);
  }

  private void sumRange(float[] g, int from, int to, double[] out) {
    double sg = 0;
    double sh = 0;
    for (int j = from; j < to; j++) {
      int r = data.rowIndex[j];
      float h = g[2 * r + 1];
      if (h >= 0f) {
        double v = data.values[j];
        sg += g[2 * r] * v;
        sh += h * v * v;
      }
    }
    out[0] = sg;
    out[1] = sh;
  }

  private static double[] reduce(double[][] part) {
    double[] s = new double[2];
    for (double[] p : part) {
      s[0] += p[0];
      s[1] += p[1];
    }
    return s;
  }

  /** Margins of every training row, rows split over threads. */
  private double[] trainMargins(double[] base, float[] w) {
    int k = outputs;
    int n = data.rows;
    int d = data.features;
    double[] m = new double[n * k];
    int chunks = (n + 4095) / 4096;
    pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(ch -> {
      for (int r = ch * 4096; r < Math.min(n, (ch + 1) * 4096); r++) {
        for (int c = 0; c < k; c++) {
          m[r * k + c] = base[c] + w[d * k + c];
        }
        for (int j = data.rowPtr[r]; j < data.rowPtr[r + 1]; j++) {
          int f = data.rowFeature[j];
          double v = data.rowValue[j];
          for (int c = 0; c < k; c++) {
            m[r * k + c] += w[f * k + c] * v;
          }
        }
      }
    })).join();
    return m;
  }

  /** The feature selector of one round. */
  private final class FeatureOrder {
    private final RandomStream rng;
    private final float[][] gh;
    private final float[] w;
    private final double lambda;
    private final double alpha;
    private final int limit;
    private int[] permutation;
    private int[][] sorted;
    private final int[] taken = new int[outputs];

    FeatureOrder(RandomStream rng, float[][] gh, float[] w, double lambda, double alpha) {
      this.rng = rng;
      this.gh = gh;
      this.w = w;
      this.lambda = lambda;
      this.alpha = alpha;
      int d = data.features;
      this.limit = params.topK() > 0 ? Math.min(params.topK(), d) : d;
      switch (params.selector()) {
        case SHUFFLE -> {
          permutation = IntStream.range(0, d).toArray();
          rng.shuffle(permutation);
        }
        case THRIFTY -> {
          sorted = new int[outputs][];
          for (int c = 0; c < outputs; c++) {
            double[] size = stepSizes(c);
            sorted[c] = IntStream.range(0, d).boxed()
                .sorted((a, b) -> Double.compare(size[b], size[a])).mapToInt(Integer::intValue).toArray();
          }
        }
        default -> { }
      }
    }

    /** The feature of step {@code i} for output {@code c}, or -1 to end the output's steps this round. */
    int next(int i, int c) {
      return switch (params.selector()) {
        case CYCLIC -> i;
        case SHUFFLE -> permutation[i];
        case RANDOM -> rng.nextInt(data.features);
        case THRIFTY -> i < limit ? sorted[c][i] : -1;
        case GREEDY -> {
          if (taken[c]++ >= limit) {
            yield -1;
          }
          double[] size = stepSizes(c);
          int bestF = -1;
          double bestSize = 0;
          for (int f = 0; f < size.length; f++) {
            if (size[f] > bestSize) {
              bestSize = size[f];
              bestF = f;
            }
          }
          yield bestF;
        }
      };
    }

    /** |coordinate step| of every feature for output c at the current gradients and weights. */
    private double[] stepSizes(int c) {
      double[] size = new double[data.features];
      pool.submit(() -> IntStream.range(0, data.features).parallel().forEach(f -> {
        double[] s = columnSums(f, gh[c]);
        size[f] = Math.abs(coordinateDelta(s[0], s[1], w[f * outputs + c], alpha, lambda));
      })).join();
      return size;
    }
  }
}

package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The boosting loop shared by the tree algorithms: per round, gradients of the objective at the current margins,
 * row sampling (uniform bagging, XGBoost's gradient-based sampling or LightGBM's GOSS), one tree per output grown by
 * {@link TreeGrower}, margins updated from the leaves' row ranges (no tree walk for sampled rows), DART dropout and
 * normalisation or random-forest averaging when configured, evaluation of every metric on the training rows and
 * each evaluation set, and early stopping on the last metric of the last evaluation set.
 *
 * <p>Deterministic: every random draw comes from a stream forked by round and output from the seed, and the
 * histogram sums are exact (fixed point, see {@link TreeGrower}), so a tree depends neither on the thread count nor
 * on the order the rows are stored in; metrics are reduced in a fixed order per thread count, so the same data,
 * parameters and thread count give the same model, early stopping included. A run resumed from the trees of round
 * {@code r} (with their margins) continues exactly as the uninterrupted run.
 *
 * <p>Not thread-safe; one trainer per fit.
 */
final class GbdtTrainer {
  private final BinnedData data;
  private final Objective objective;
  private final TreeParams treeParams;
  private final BoostConfig cfg;
  private final ForkJoinPool pool;
  private final int outputs;
  private final Allreduce allreduce;

  /**
   * @param data binned training rows
   * @param objective the loss
   * @param treeParams how trees grow
   * @param cfg rounds, sampling, metrics, early stopping
   * @param outputs margins per row (num_class for multiclass, else 1)
   * @param pool threads
   */
  public GbdtTrainer(BinnedData data, Objective objective, TreeParams treeParams, BoostConfig cfg, int outputs,
      ForkJoinPool pool) {
    this(data, objective, treeParams, cfg, outputs, pool, Allreduce.LOCAL);
  }

  /**
   * One shard's trainer of a sharded run: it grows, with every other shard, the trees of all their rows
   * ({@link Allreduce}). Evaluation metrics are not computed (they would be this shard's alone).
   */
  GbdtTrainer(BinnedData data, Objective objective, TreeParams treeParams, BoostConfig cfg, int outputs,
      ForkJoinPool pool, Allreduce allreduce) {
    this.allreduce = allreduce;
    this.data = data;
    this.objective = objective;
    this.treeParams = treeParams;
    this.cfg = cfg;
    this.outputs = outputs;
    this.pool = pool;
  }

  /**
   * An evaluation set: raw rows with labels, scored after every round.
   *
   * @param name the name printed in logs ({@code validation}, {@code test})
   * @param rows the rows
   * @param groupPtr query boundaries or null
   */
  public record EvalSet(String name, RowBatch rows, int[] groupPtr) {}

  /**
   * Early stopping's state: the best round so far and its score (NaN before any).
   *
   * @param round the 0-based best round, or -1
   * @param score its score on the last metric of the last evaluation set
   */
  public record Best(int round, double score) {}

  /**
   * The outcome of training.
   *
   * @param ensemble the trees (up to the best round when early stopping ended training)
   * @param bestRound the 0-based round whose model was kept
   * @param roundsRun how many rounds ran in this call
   * @param stoppedEarly whether early stopping or cancellation ended training
   * @param history per-round metrics
   */
  public record Result(TreeEnsemble ensemble, int bestRound, int roundsRun, boolean stoppedEarly,
      List<Map<String, Double>> history) {}

  /**
   * The base margin per output: from {@code base_score}, or estimated from the labels when it is NaN.
   *
   * @return the margins
   */
  public double[] baseMargins() {
    double score = !Double.isNaN(cfg.baseScore()) ? cfg.baseScore()
        : allreduce.isLocal() ? objective.estimateBaseScore(data.labels, data.weights) : shardedBaseScore();
    double[] b = new double[outputs];
    Arrays.fill(b, objective.baseMargin(score));
    return b;
  }

  /** The base score of every shard's labels: their weighted mean, summed shard by shard. */
  private double shardedBaseScore() {
    double s = 0;
    double sw = 0;
    for (int i = 0; i < data.labels.length; i++) {
      double w = data.weights == null ? 1 : data.weights[i];
      s += w * data.labels[i];
      sw += w;
    }
    double[] total = allreduce.sum(new double[] {s, sw});
    return objective.baseScoreOfMean(total[1] > 0 ? total[0] / total[1] : 0);
  }

  /**
   * Starts boosting, round by round: the caller (the shared training loop) asks for each round.
   *
   * @param start the model to continue from (its base margins are kept), or null for a fresh model
   * @param startMargins training margins of {@code start} ({@code rows × outputs}), or null when start is null
   * @param evals evaluation sets
   * @param best early stopping's state when resuming from a checkpoint, or null
   * @return the rounds
   */
  public Rounds start(TreeEnsemble start, double[] startMargins, List<EvalSet> evals, Best best) {
    return new Rounds(start, startMargins, evals, best);
  }

  /**
   * One boosting run's state between rounds: margins, trees, sampling and early stopping. Each {@link #next()}
   * grows one round of trees (one per output) and scores it.
   *
   * <p>Not thread-safe.
   */
  public final class Rounds implements BoostingRounds {
    private final int n;
    private final int k;
    private final double[] base;
    private TreeEnsemble ensemble;
    private final double[] margin;
    private final List<EvalSet> evals;
    private final List<double[]> evalMargins;
    private final double[] forestSum;
    private final int[] forestTrees;
    private final TreeGrower grower;
    private final Objective.GradientContext ctx;
    private final float[][] gh;
    private final double[] gradientMargins;
    private final TreeGrower.GradientFill fill;
    private final int[] allFeatures;
    private final RandomStream rng;
    private final List<Map<String, Double>> history = new ArrayList<>();
    private final RoundScorer scorer;
    private final List<Tree> trees;
    private final List<Integer> groups = new ArrayList<>();
    private final List<Float> weights = new ArrayList<>();
    private int round;
    private int roundsRun;
    private boolean stopped;

    private Rounds(TreeEnsemble start, double[] startMargins, List<EvalSet> evals, Best best) {
      this.evals = evals;
      this.n = data.rows;
      this.k = outputs;
      this.base = start != null ? start.baseMargin() : baseMargins();
      ensemble = start != null ? start
          : new TreeEnsemble(data.features, k, base, List.of(), new int[0], new float[0]);
      int firstRound = ensemble.size() / k;
      if (startMargins != null) {
        margin = startMargins.clone();
      } else {
        margin = new double[n * k];
        for (int r = 0; r < n; r++) {
          System.arraycopy(base, 0, margin, r * k, k);
        }
      }
      evalMargins = new ArrayList<>();
      for (EvalSet e : evals) {
        evalMargins.add(ensemble.margins(e.rows(), pool));
      }
      // Random forest: trees add up here (unweighted); the margin is the base plus their mean per output.
      forestTrees = new int[k];
      double[] baseRows = null;
      if (cfg.averageTrees()) {
        for (int i = 0; i < ensemble.size(); i++) {
          forestTrees[ensemble.group(i)]++;
        }
        forestSum = new double[n * k];
        baseRows = new double[n * k];
        for (int j = 0; j < n * k; j++) {
          baseRows[j] = base[j % k];
          forestSum[j] = (margin[j] - base[j % k]) * forestTrees[j % k];
        }
      } else {
        forestSum = null;
      }
      grower = new TreeGrower(data, treeParams, pool, allreduce);
      ctx = new Objective.GradientContext(data.labels, gradientWeights(), data.groupPtr, k);
      // Gradients by row are kept only where something needs them; otherwise the grower has the objective write
      // them straight into its position order, so they are stored once.
      boolean byRow = k > 1 || !objective.pointwise() || !grower.fillsGradients()
          || cfg.rowSampling().kind() != BoostConfig.RowSampling.Kind.UNIFORM;
      gh = byRow ? new float[k][2 * n] : null;
      gradientMargins = cfg.averageTrees() ? baseRows : margin;
      fill = byRow ? null
          : (rowAt, out, from, to) -> objective.gradientsAt(ctx, gradientMargins, rowAt, out, from, to);
      allFeatures = IntStream.range(0, data.features).toArray();
      rng = RandomStream.of(cfg.seed());
      scorer = allreduce.isLocal() ? new RoundScorer(cfg, objective, k, data.labels, data.weights, data.groupPtr,
          evals, best, firstRound, pool) : null;
      trees = new ArrayList<>(ensemble.trees());
      for (int i = 0; i < ensemble.size(); i++) {
        groups.add(ensemble.group(i));
        weights.add(ensemble.weight(i));
      }
      round = firstRound;
    }

    /** @return whether early stopping has ended the run */
    @Override
    public boolean stopped() {
      return stopped;
    }

    /** @return the trees so far */
    public TreeEnsemble ensemble() {
      return ensemble;
    }

    /** @return early stopping's state after the last round (what a checkpoint keeps to resume exactly) */
    @Override
    public Best best() {
      return scorer == null ? new Best(-1, Double.NaN) : scorer.best();
    }

    /**
     * Grows and scores one round.
     *
     * @return the round's metrics keyed {@code <set>-<metric>} in XGBoost's order ({@code train-auc}, ...)
     */
    @Override
    public Map<String, Double> next() {
      boolean byRow = gh != null;
      // DART: drop some trees, take gradients at the margins without them.
      int[] dropped = cfg.dart() == null ? new int[0] : chooseDropped(weights, rng.fork("dart", round));
      double[][] droppedTrain = new double[dropped.length][];
      for (int i = 0; i < dropped.length; i++) {
        droppedTrain[i] = binnedContribution(trees.get(dropped[i]), groups.get(dropped[i]),
            weights.get(dropped[i]));
        for (int j = 0; j < margin.length; j++) {
          margin[j] -= droppedTrain[i][j];
        }
      }
      if (byRow) {
        computeGradients(ctx, gradientMargins, gh);
      }
      int count = sampleRows(gh, rng, round);
      // Weights: 1, or DART's normalisation of the new trees and the dropped ones.
      float newWeight = 1f;
      if (cfg.dart() != null && dropped.length > 0) {
        double lr = cfg.dart().xgboostMode() ? treeParams.eta() / k : 1.0;
        double factor;
        if (cfg.dart().forestNormalization()) {
          factor = 1.0 / (1.0 + lr);
          newWeight = (float) factor;
        } else {
          factor = dropped.length / (dropped.length + lr);
          newWeight = (float) (1.0 / (dropped.length + lr));
        }
        for (int i = 0; i < dropped.length; i++) {
          int t = dropped[i];
          float old = weights.get(t);
          float now = (float) (old * factor);
          weights.set(t, now);
          double scale = old == 0 ? 0 : now / old;
          for (int j = 0; j < margin.length; j++) {
            margin[j] += droppedTrain[i][j] * scale;
          }
        }
      }
      for (int c = 0; c < k; c++) {
        int[] treeFeatures = FeatureSampling.sample(allFeatures, cfg.colsampleBytree(),
            rng.fork("colsample", (long) round * k + c));
        int[] sampled = count < n ? rowIndex : null;
        RandomStream treeRng = rng.fork("tree", (long) round * k + c);
        TreeGrower.Result res = byRow ? grower.grow(gh[c], sampled, count, treeFeatures, treeRng)
            : grower.grow(fill, sampled, count, treeFeatures, treeRng);
        Tree tree = res.tree();
        if (objective.refreshesLeaves()) {
          tree = refreshLeaves(tree, res, margin, c);
        }
        if (cfg.averageTrees()) {
          addTreeToTrainMargins(tree, res, count, c, 1f, forestSum);
          int m = ++forestTrees[c];
          for (int i = 0; i < trees.size(); i++) {
            if (groups.get(i) == c) {
              weights.set(i, 1f / m);
            }
          }
          for (int r = 0; r < n; r++) {
            margin[r * k + c] = base[c] + forestSum[r * k + c] / m;
          }
          newWeight = 1f / m;
        } else {
          addTreeToTrainMargins(tree, res, count, c, newWeight, margin);
        }
        trees.add(tree);
        groups.add(c);
        weights.add(newWeight);
      }
      ensemble = new TreeEnsemble(data.features, k, base, trees, toInts(groups), toFloats(weights));
      // Evaluation sets: DART and forests changed old trees' weights, so recompute; otherwise add the new trees.
      for (int e = 0; e < evals.size(); e++) {
        if (dropped.length > 0 || cfg.averageTrees()) {
          evalMargins.set(e, ensemble.margins(evals.get(e).rows(), pool));
        } else {
          ensemble.addMargins(evals.get(e).rows(), ensemble.size() - k, ensemble.size(), evalMargins.get(e), pool);
        }
      }
      Map<String, Double> metrics = scorer == null ? Map.of() : scorer.score(margin, evalMargins);
      history.add(metrics);
      roundsRun++;
      stopped = scorer != null && scorer.record(round, metrics);
      round++;
      return metrics;
    }

    /**
     * The outcome so far: the trees up to the best round when early stopping ended training.
     *
     * @param stoppedEarly whether early stopping or cancellation ended training
     * @return the result
     */
    public Result result(boolean stoppedEarly) {
      TreeEnsemble result = ensemble;
      int bestRound = scorer == null ? round - 1 : scorer.best().round();
      if (stoppedEarly && bestRound + 1 < ensemble.size() / k && cfg.earlyStoppingRounds() > 0) {
        result = ensemble.truncate((bestRound + 1) * k);
      }
      return new Result(result, bestRound, roundsRun, stoppedEarly, history);
    }
  }

  /** Instance weights with the class weights applied (gradients only, as XGBoost and LightGBM do). */
  private float[] gradientWeights() {
    return classWeighted(data.labels, data.weights, cfg.scalePosWeight(), cfg.scaleNegWeight());
  }

  /**
   * @param labels labels
   * @param weights instance weights or null
   * @param scalePos multiplier of rows labelled 1
   * @param scaleNeg multiplier of rows labelled 0
   * @return the weights the gradients use (the instance weights when both multipliers are 1)
   */
  static float[] classWeighted(float[] labels, float[] weights, double scalePos, double scaleNeg) {
    if (scalePos == 1.0 && scaleNeg == 1.0) {
      return weights;
    }
    float[] w = new float[labels.length];
    for (int r = 0; r < labels.length; r++) {
      float base = weights == null ? 1f : weights[r];
      float label = labels[r];
      double scale = label == 1f ? scalePos : label == 0f ? scaleNeg : 1.0;
      w[r] = (float) (base * scale);
    }
    return w;
  }

  private static int[] toInts(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static float[] toFloats(List<Float> l) {
    float[] f = new float[l.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = l.get(i);
    }
    return f;
  }

  private void computeGradients(Objective.GradientContext ctx, double[] margin, float[][] gh) {
    computeGradients(objective, ctx, data.rows, data.groupPtr, margin, gh, pool);
  }

  /**
   * Fills {@code gh} with the objective's gradients at the margins, rows split over threads (by query group for
   * ranking objectives).
   *
   * @param objective the loss
   * @param ctx labels, weights, groups
   * @param n rows
   * @param groupPtr query group boundaries or null
   * @param margin {@code n × outputs} margins
   * @param gh per output, {@code (gradient, hessian)} interleaved per row
   * @param pool threads
   */
  static void computeGradients(Objective objective, Objective.GradientContext ctx, int n, int[] groupPtr,
      double[] margin, float[][] gh, ForkJoinPool pool) {
    int[] bounds;
    if (objective.needsGroups()) {
      if (groupPtr == null) {
        throw new IllegalArgumentException(objective.name() + " needs query groups (qid in libsvm data)");
      }
      bounds = groupPtr;
    } else {
      int chunks = Math.max(1, Math.min(64, n / 8192));
      bounds = new int[chunks + 1];
      for (int c = 0; c <= chunks; c++) {
        bounds[c] = PoolTasks.chunkStart(n, c, chunks);
      }
    }
    int[] b = bounds;
    pool.submit(() -> IntStream.range(0, b.length - 1).parallel()
        .forEach(c -> objective.gradients(ctx, margin, gh, b[c], b[c + 1]))).join();
  }

  /** The rows of this round's sample, ascending (allocated when a round first samples). */
  private int[] rowIndex;
  /** The round whose uniform sample {@link #sampleRows} holds in rowIndex, or -1. */
  private int sampledRound = -1;
  private int sampledCount;

  /**
   * Returns how many rows this round trains on; when that is fewer than all, {@link #rowIndex} holds them
   * (ascending). Draws depend only on the seed and the round, so a resumed run samples as the uninterrupted one.
   */
  private int sampleRows(float[][] gh, RandomStream rng, int round) {
    int n = data.rows;
    BoostConfig.RowSampling rs = cfg.rowSampling();
    boolean all = switch (rs.kind()) {
      case UNIFORM, GRADIENT_BASED -> rs.fraction() >= 1.0;
      case GOSS -> round < (int) (1.0 / treeParams.eta());
    };
    if (all) {
      sampledRound = -1;
      return n;
    }
    if (rowIndex == null) {
      rowIndex = new int[n];
    }
    switch (rs.kind()) {
      case UNIFORM -> {
        int from = round - round % rs.every();
        if (sampledRound != from) {
          RandomStream draw = rng.fork("subsample", from);
          int count = 0;
          for (int r = 0; r < n; r++) {
            if (draw.nextDouble() < rs.fraction()) {
              rowIndex[count++] = r;
            }
          }
          sampledRound = from;
          sampledCount = count;
        }
        return sampledCount;
      }
      case GRADIENT_BASED -> {
        return minimalVarianceSample(gh, rng.fork("subsample", round), rs.fraction());
      }
      default -> {
        return gossSample(gh, rng.fork("goss", round), rs.topRate(), rs.otherRate());
      }
    }
  }

  /**
   * Minimal-variance sampling: keep row r with {@code p_r = min(1, a_r / mu)}, {@code Σ p_r = s·n}, where
   * {@code a_r = sqrt(g² + λh²)}, and divide its gradient and hessian by {@code p_r} so histogram sums stay unbiased.
   */
  private int minimalVarianceSample(float[][] gh, RandomStream rng, double s) {
    int n = data.rows;
    double lambda = treeParams.lambda();
    double[] a = new double[n];
    for (int r = 0; r < n; r++) {
      double v = 0;
      for (float[] g : gh) {
        v += g[2 * r] * (double) g[2 * r] + lambda * g[2 * r + 1] * (double) g[2 * r + 1];
      }
      a[r] = Math.sqrt(v);
    }
    double target = s * n;
    double lo = 0;
    double hi = Arrays.stream(a).max().orElse(1) * n + 1e-300;
    for (int it = 0; it < 60; it++) {
      double mu = (lo + hi) / 2;
      double sum = 0;
      for (double v : a) {
        sum += Math.min(1, v / mu);
      }
      if (sum > target) {
        lo = mu;
      } else {
        hi = mu;
      }
    }
    double mu = hi;
    int count = 0;
    for (int r = 0; r < n; r++) {
      double p = Math.min(1, a[r] / mu);
      if (p > 0 && rng.nextDouble() < p) {
        rowIndex[count++] = r;
        scaleGradients(gh, r, 1 / p);
      }
    }
    return count;
  }

  /**
   * LightGBM's gradient-based one-side sampling: the {@code topRate·n} rows with the largest {@code Σ|g·h|} are
   * kept, {@code otherRate·n} of the others are drawn by sequential selection sampling and their gradients and
   * hessians multiplied by {@code (n − top)/other}, so the small-gradient part of every histogram stays unbiased.
   */
  private int gossSample(float[][] gh, RandomStream rng, double topRate, double otherRate) {
    int n = data.rows;
    float[] score = new float[n];
    for (int r = 0; r < n; r++) {
      float v = 0;
      for (float[] g : gh) {
        v += Math.abs(g[2 * r] * g[2 * r + 1]);
      }
      score[r] = v;
    }
    int top = Math.max(1, (int) (n * topRate));
    int other = Math.max(1, (int) (n * otherRate));
    float threshold = kthLargest(score.clone(), top);
    double multiply = (double) (n - top) / other;
    int count = 0;
    int big = 0;
    for (int r = 0; r < n; r++) {
      if (score[r] >= threshold) {
        rowIndex[count++] = r;
        big++;
        continue;
      }
      long needed = other - (count - big);
      long left = (long) (n - r) - (top - big);
      if (needed > 0 && left > 0 && rng.nextDouble() < (double) needed / left) {
        rowIndex[count++] = r;
        scaleGradients(gh, r, multiply);
      }
    }
    return count;
  }

  private static void scaleGradients(float[][] gh, int r, double factor) {
    for (float[] g : gh) {
      g[2 * r] = (float) (g[2 * r] * factor);
      g[2 * r + 1] = (float) (g[2 * r + 1] * factor);
    }
  }

  /** The k-th largest value (1-based) by quickselect; reorders {@code a}. */
  static float kthLargest(float[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    int target = k - 1;
    while (lo < hi) {
      float pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > pivot) {
          i++;
        }
        while (a[j] < pivot) {
          j--;
        }
        if (i <= j) {
          float t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return a[target];
      }
    }
    return a[target];
  }

  /**
   * Adds a new tree's leaves to the training margins: rows of this round through their leaves' row ranges, rows
   * left out by sampling by walking the binned tree.
   */
  private void addTreeToTrainMargins(Tree tree, TreeGrower.Result res, int count, int c, float weight,
      double[] margin) {
    int n = data.rows;
    int k = outputs;
    int[] idx = res.rows();
    byte[] marks = res.goesLeft();
    // Work units: leaves with their own range, and parents of leaves sharing one (one pass for both siblings).
    List<Integer> units = new ArrayList<>();
    for (int node = 0; node < tree.nodes(); node++) {
      boolean leaf = tree.left[node] < 0;
      if (leaf ? !res.unmoved()[node] : tree.left[tree.left[node]] < 0 && res.unmoved()[tree.left[node]]) {
        units.add(node);
      }
    }
    pool.submit(() -> units.parallelStream().forEach(node -> {
      if (tree.left[node] < 0) {
        double v = weight * (double) tree.leafValue[node];
        for (int i = res.begin()[node]; i < res.end()[node]; i++) {
          margin[idx[i] * k + c] += v;
        }
      } else {
        double vl = weight * (double) tree.leafValue[tree.left[node]];
        double vr = weight * (double) tree.leafValue[tree.right[node]];
        for (int i = res.begin()[node]; i < res.end()[node]; i++) {
          margin[idx[i] * k + c] += marks[i] != 0 ? vl : vr;
        }
      }
    })).join();
    if (count < n) {
      boolean[] sampled = new boolean[n];
      for (int i = 0; i < count; i++) {
        sampled[idx[i]] = true;
      }
      pool.submit(() -> IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
        int end = Math.min(n, chunk * 4096 + 4096);
        for (int pos = chunk * 4096; pos < end; pos++) {
          int r = data.rowAt(pos);
          if (!sampled[r]) {
            margin[r * k + c] += weight * (double) tree.leafValue[tree.leafOfBinned(data, pos)];
          }
        }
      })).join();
    }
  }

  /** A tree's weighted contribution to every training row's margin ({@code rows × outputs}). */
  private double[] binnedContribution(Tree tree, int c, float weight) {
    int n = data.rows;
    int k = outputs;
    double[] out = new double[n * k];
    pool.submit(() -> IntStream.range(0, n).parallel().forEach(pos -> out[data.rowAt(pos) * k + c] =
        weight * (double) tree.leafValue[tree.leafOfBinned(data, pos)])).join();
    return out;
  }

  private Tree refreshLeaves(Tree tree, TreeGrower.Result res, double[] margin, int c) {
    int k = outputs;
    double[] residual = new double[data.rows];
    for (int r = 0; r < data.rows; r++) {
      residual[r] = data.labels[r] - margin[r * k + c];
    }
    float[] leaf = tree.leafValue.clone();
    for (int node = 0; node < tree.nodes(); node++) {
      if (tree.left[node] < 0) {
        int[] rows = res.leafRows(node);
        double q = LeafRefresh.weightedQuantile(residual, data.weights, rows, 0, rows.length, 0.5);
        leaf[node] = (float) (q * treeParams.eta());
      }
    }
    return tree.withLeaves(leaf);
  }

  private int[] chooseDropped(List<Float> weights, RandomStream rng) {
    BoostConfig.DartConfig d = cfg.dart();
    int trees = weights.size();
    if (trees == 0 || rng.nextDouble() < d.skipDrop()) {
      return new int[0];
    }
    double total = 0;
    for (float w : weights) {
      total += w;
    }
    List<Integer> out = new ArrayList<>();
    double rate = d.maxDrop() > 0 ? Math.min(d.rateDrop(), (double) d.maxDrop() / trees) : d.rateDrop();
    for (int i = 0; i < trees; i++) {
      double p = d.weightedSampling() ? rate * trees * weights.get(i) / total : rate;
      if (rng.nextDouble() < p) {
        out.add(i);
      }
    }
    if (out.isEmpty() && d.oneDrop()) {
      if (d.weightedSampling()) {
        double u = rng.nextDouble() * total;
        int i = 0;
        for (double cum = weights.get(0); cum < u && i < trees - 1; cum += weights.get(++i)) {
          // walk to the tree whose cumulative weight passes u
        }
        out.add(i);
      } else {
        out.add(rng.nextInt(trees));
      }
    }
    return toInts(out);
  }
}

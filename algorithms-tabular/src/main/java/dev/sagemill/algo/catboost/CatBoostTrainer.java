package dev.sagemill.algo.catboost;

import dev.sagemill.algo.gbdt.internal.EvalData;
import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.gbdt.internal.Trees;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.train.EarlyStopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * CatBoost's boosting loop over quantized columns: per iteration, the split search on symmetric (oblivious) trees —
 * one split per level shared by every leaf, scored over all leaves with CatBoost's Cosine or L2 score — or on
 * Depthwise / Lossguide trees, with CatBoost's fading score noise ({@code random_strength}), the Bayesian bootstrap
 * ({@code bagging_temperature}), {@code rsm} feature sampling, and categorical combinations built greedily: once a
 * tree splits on a projection's statistic, every deeper level also considers that projection combined with one more
 * categorical feature (up to {@code max_ctr_complexity}).
 *
 * <p>Ordered boosting (Prokhorenkova et al. 2018) chooses tree structures with each row's gradient at a model that
 * saw only the rows before it in the permutation that also orders the target statistics ({@link OrderedFolds});
 * the model's own leaf values use every row's gradient at the full model (Newton steps). Plain boosting uses the
 * full model's gradients for both.
 *
 * <p>Randomness is drawn per (iteration, level) from the seed, so a run resumed from a checkpoint continues exactly
 * as the uninterrupted one. Not thread-safe; one instance trains one model.
 */
final class CatBoostTrainer {
  /** Tree shapes. */
  enum Growth {
    SYMMETRIC, DEPTHWISE, LOSSGUIDE
  }

  /** CatBoost's split scores. */
  enum ScoreFunction {
    COSINE, L2, NEWTON_COSINE, NEWTON_L2;

    boolean newton() {
      return this == NEWTON_COSINE || this == NEWTON_L2;
    }

    boolean cosine() {
      return this == COSINE || this == NEWTON_COSINE;
    }
  }

  /**
   * Training settings (validated by {@link CatBoostParams}).
   *
   * @param iterations trees per output in total (including those of a resumed state)
   * @param learningRate shrinkage
   * @param depth tree depth (maximum depth for Lossguide)
   * @param l2 {@code l2_leaf_reg}
   * @param randomStrength score noise scale
   * @param maxLeaves Lossguide's leaf limit
   * @param rsm fraction of candidates per split selection
   * @param perTreeLevel draw bootstrap weights per level (else per tree)
   * @param minDataInLeaf Depthwise/Lossguide minimum rows per leaf
   * @param baggingTemperature Bayesian bootstrap temperature; 0 = no bootstrap
   * @param ordered ordered boosting
   * @param growth tree shape
   * @param seed random seed
   * @param maxCtrComplexity most features in a combination
   * @param score the split score
   * @param earlyStoppingRounds patience on the validation metric; 0 = off
   */
  record Settings(int iterations, double learningRate, int depth, double l2, double randomStrength, int maxLeaves,
      double rsm, boolean perTreeLevel, int minDataInLeaf, double baggingTemperature, boolean ordered, Growth growth,
      long seed, int maxCtrComplexity, ScoreFunction score, int earlyStoppingRounds) {}

  /**
   * The quantized training set.
   *
   * @param labels one label per row
   * @param weights sample weights (class weights applied), or null
   * @param numeric candidates of the raw numeric features and one-hot indicators
   * @param categories per raw feature, the category key of every row, null for non-categorical features
   * @param ctrFeatures categorical features encoded by target statistics, ascending
   * @param targetBorders label borders of the Borders statistics
   * @param priors Borders priors
   */
  record Data(float[] labels, float[] weights, List<SplitCandidate> numeric, int[][] categories, int[] ctrFeatures,
      float[] targetBorders, float[] priors) {}

  /**
   * Training state after some iterations: enough to continue exactly.
   *
   * @param trees the trees, {@code outputs} per iteration
   * @param encoder the derived features the trees use, with their tables
   * @param approx the full model's training margins, {@code rows × outputs}
   * @param orderedApprox the supporting models' margins (ordered boosting), or null
   * @param iterations iterations done
   * @param bestIteration the best iteration so far (0-based), -1 without validation
   * @param bestScore its validation score
   */
  record State(List<Tree> trees, CategoricalEncoder encoder, double[] approx, double[] orderedApprox,
      int iterations, int bestIteration, double bestScore) {}

  /** Bytes of bin columns the cache of combination statistics may hold (it keeps 8 to 64 combinations). */
  private static final long COMBINATION_CACHE_BYTES = 256L << 20;

  private final Data data;
  private final Settings s;
  private final Objective objective;
  private final int k;
  private final int n;
  private final int rawDim;
  private final double[] baseMargin;
  private final ForkJoinPool pool;
  private final int[] permutation;
  private final List<SplitCandidate> baseCandidates = new ArrayList<>();
  private final Map<String, ProjectionStats> stats;
  private final Map<String, ProjectionStats> baseStats = new HashMap<>();
  private final List<DerivedFeature> derived = new ArrayList<>();
  private final Map<DerivedFeature, Integer> derivedIndex = new HashMap<>();
  private final Map<String, CtrTable> tables = new HashMap<>();

  /**
   * @param data the quantized training set
   * @param settings the settings
   * @param objective the loss
   * @param outputs margins per row
   * @param baseMargin the starting margin per output
   * @param rawDim raw feature count
   * @param pool threads
   */
  CatBoostTrainer(Data data, Settings settings, Objective objective, int outputs, double[] baseMargin, int rawDim,
      ForkJoinPool pool) {
    this.data = data;
    this.s = settings;
    this.objective = objective;
    this.k = outputs;
    this.n = data.labels().length;
    this.rawDim = rawDim;
    this.baseMargin = baseMargin.clone();
    this.pool = pool;
    this.permutation = permutation(n, mix(settings.seed(), 0x5EED));
    long perProjection = 2L * n * (data.targetBorders().length * data.priors().length + 1);
    int cached = (int) Math.max(8, Math.min(64, COMBINATION_CACHE_BYTES / Math.max(1, perProjection)));
    this.stats = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ProjectionStats> eldest) {
        return size() > cached;
      }
    };
    baseCandidates.addAll(data.numeric());
    for (int f : data.ctrFeatures()) {
      ProjectionStats ps = projection(new int[] {f});
      baseStats.put(CategoricalEncoder.projectionId(new int[] {f}), ps);
      baseCandidates.addAll(ps.candidates());
    }
  }

  /** @return the encoder of the model so far */
  CategoricalEncoder encoder() {
    return new CategoricalEncoder(rawDim, data.targetBorders(), n, derived, tables);
  }

  /**
   * The result of training.
   *
   * @param trees the kept trees ({@code outputs} per iteration, up to the best iteration with validation)
   * @param encoder the feature encoder the trees need
   * @param iterationsRun iterations trained in total
   * @param bestIteration the 0-based iteration kept last
   * @param stoppedEarly whether early stopping or cancellation ended training
   */
  record Result(List<Tree> trees, CategoricalEncoder encoder, int iterationsRun, int bestIteration,
      boolean stoppedEarly) {}

  /**
   * Starts training, iteration by iteration: the caller (the shared training loop) asks for each one.
   *
   * @param resume a state to continue from, or null
   * @param validation the validation rows, or null
   * @param metrics metrics to report on validation (the last one drives early stopping and the kept iteration)
   * @return the iterations
   */
  Iterations start(State resume, RowBatch validation, List<EvalMetric> metrics) {
    return new Iterations(resume, validation, metrics);
  }

  /**
   * One training run's state between iterations: margins (and ordered boosting's), trees, the validation margins and
   * early stopping ({@link EarlyStopping} on the last metric; without a patience it still picks the kept
   * iteration, as CatBoost's {@code use_best_model}).
   *
   * <p>Not thread-safe.
   */
  final class Iterations {
    private final List<Tree> trees = new ArrayList<>();
    private final double[] approx = new double[n * k];
    private final OrderedFolds folds;
    private final Validation val;
    private final List<EvalMetric> metrics;
    private final EvalMetric stopMetric;
    private final EarlyStopping stopping;
    private final float[][] plain = new float[k][2 * n];
    private final float[][] ord;
    private final Objective.GradientContext ctx;
    private int it;

    private Iterations(State resume, RowBatch validation, List<EvalMetric> metrics) {
      this.metrics = metrics;
      folds = s.ordered() ? new OrderedFolds(objective, data.labels(), data.weights(), permutation, k, baseMargin)
          : null;
      stopMetric = metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
      stopping = stopMetric == null ? null : new EarlyStopping(stopMetric.higherIsBetter(),
          s.earlyStoppingRounds() > 0 ? s.earlyStoppingRounds() : Integer.MAX_VALUE, 0);
      if (resume != null) {
        for (DerivedFeature d : resume.encoder().derived()) {
          register(d);
        }
        trees.addAll(resume.trees());
        if (resume.approx().length != approx.length || folds != null && resume.orderedApprox() == null) {
          throw new IllegalArgumentException("the saved training state has " + resume.approx().length
              + " margins" + (resume.orderedApprox() == null ? " and no ordered-boosting state" : "")
              + ", this training set needs " + approx.length);
        }
        System.arraycopy(resume.approx(), 0, approx, 0, approx.length);
        if (folds != null) {
          folds.restore(resume.orderedApprox());
        }
        it = resume.iterations();
        if (stopping != null && resume.bestIteration() >= 0) {
          stopping.resume(resume.bestIteration(), resume.bestScore(), it - 1);
        }
      } else {
        for (int r = 0; r < n; r++) {
          System.arraycopy(baseMargin, 0, approx, r * k, k);
        }
      }
      val = validation == null ? null : new Validation(validation);
      if (val != null) {
        for (int i = 0; i < trees.size(); i++) {
          val.add(trees.get(i), i % k);
        }
      }
      ord = folds == null ? null : new float[k][2 * n];
      ctx = new Objective.GradientContext(data.labels(), data.weights(), null, k);
    }

    /** @return whether early stopping's patience on the validation set ran out */
    boolean stopped() {
      return val != null && s.earlyStoppingRounds() > 0 && stopping != null && stopping.stopped();
    }

    /**
     * Grows one iteration's trees and scores them on the validation set.
     *
     * @return the validation metrics by CatBoost name (empty without validation)
     */
    Map<String, Double> next() {
      gradients(ctx, approx, plain);
      if (folds != null) {
        folds.gradients(ord);
      }
      Grown g = grow(it, ord != null ? ord : plain);
      double[] hessians = new double[g.leaves * k];
      double[] values = leafValues(g.leafOf, g.leaves, plain, hessians);
      List<Tree> made = g.toTrees(values, hessians);
      for (int r = 0; r < n; r++) {
        int l = g.leafOf[r];
        for (int j = 0; j < k; j++) {
          approx[r * k + j] += values[l * k + j];
        }
      }
      if (folds != null) {
        folds.update(g.leafOf, g.leaves, s.l2(), s.learningRate());
      }
      trees.addAll(made);
      Map<String, Double> m = new LinkedHashMap<>();
      if (val != null) {
        for (int j = 0; j < k; j++) {
          val.add(made.get(j), j);
        }
        EvalData d = new EvalData(val.labels, val.weights, null, val.margins, k, objective);
        for (EvalMetric metric : metrics) {
          m.put(metric.name(), metric.evaluate(d));
        }
        stopping.offer(it, m.get(stopMetric.name()));
      }
      it++;
      return m;
    }

    /** @return the state after the last iteration, for a checkpoint */
    State state() {
      return new State(List.copyOf(trees), encoder(), approx, folds == null ? null : folds.state(), it,
          stopping == null ? -1 : stopping.bestIteration(), stopping == null ? Double.NaN : stopping.bestValue());
    }

    /**
     * @param stoppedEarly whether early stopping or cancellation ended training
     * @return the trees kept: up to the best validation iteration when there is a validation set
     */
    Result result(boolean stoppedEarly) {
      List<Tree> kept = trees;
      int best = it - 1;
      if (val != null && stopping.bestIteration() >= 0) {
        kept = trees.subList(0, (stopping.bestIteration() + 1) * k);
        best = stopping.bestIteration();
      }
      return new Result(List.copyOf(kept), encoder(), it, best, stoppedEarly);
    }
  }

  private void gradients(Objective.GradientContext ctx, double[] margins, float[][] gh) {
    int chunks = Math.max(1, Math.min(64, n / 4096));
    pool.submit(() -> IntStream.range(0, chunks).parallel().forEach(c -> {
      int from = (int) ((long) n * c / chunks);
      int to = (int) ((long) n * (c + 1) / chunks);
      objective.gradients(ctx, margins, gh, from, to);
    })).join();
  }

  /**
   * Newton leaf values {@code −G / (H + λ)}, shrunk, from the full model's gradients.
   *
   * @param sh receives the hessian sums, {@code leaves × outputs}
   * @return the values, {@code leaves × outputs}
   */
  private double[] leafValues(int[] leafOf, int leaves, float[][] gh, double[] sh) {
    double[] sg = new double[leaves * k];
    for (int r = 0; r < n; r++) {
      int l = leafOf[r];
      for (int j = 0; j < k; j++) {
        sg[l * k + j] += gh[j][2 * r];
        sh[l * k + j] += gh[j][2 * r + 1];
      }
    }
    double[] v = new double[leaves * k];
    for (int i = 0; i < v.length; i++) {
      v[i] = sh[i] > 0 ? -sg[i] / (sh[i] + s.l2()) * s.learningRate() : 0;
    }
    return v;
  }

  // ---------------------------------------------------------------- tree growth

  /** A grown structure: each row's leaf, and how to turn leaf values into one tree per output. */
  private final class Grown {
    final int[] leafOf;
    final int leaves;
    /** Node arrays in XGBoost's layout; leaves carry their leaf index in {@code leafIndex}. */
    final int[] left;
    final int[] right;
    final int[] feature;
    final float[] split;
    final float[] gain;
    final int[] leafIndex;

    Grown(int[] leafOf, int leaves, int[] left, int[] right, int[] feature, float[] split, float[] gain,
        int[] leafIndex) {
      this.leafOf = leafOf;
      this.leaves = leaves;
      this.left = left;
      this.right = right;
      this.feature = feature;
      this.split = split;
      this.gain = gain;
      this.leafIndex = leafIndex;
    }

    List<Tree> toTrees(double[] values, double[] hessians) {
      int nodes = left.length;
      int[] parent = new int[nodes];
      Arrays.fill(parent, -1);
      for (int i = 0; i < nodes; i++) {
        if (left[i] >= 0) {
          parent[left[i]] = i;
          parent[right[i]] = i;
        }
      }
      boolean[] defaultLeft = new boolean[nodes];
      Arrays.fill(defaultLeft, true);
      List<Tree> out = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        float[] leaf = new float[nodes];
        float[] cover = new float[nodes];
        float[] base = new float[nodes];
        // Children come after parents, so a backwards pass sums covers bottom-up.
        for (int i = nodes - 1; i >= 0; i--) {
          if (left[i] < 0) {
            int l = leafIndex[i];
            leaf[i] = (float) values[l * k + j];
            // An empty leaf of a symmetric tree keeps a sliver of cover so TreeSHAP's child/parent ratios exist.
            cover[i] = (float) Math.max(hessians[l * k + j], 1e-9);
            base[i] = (float) (values[l * k + j] / s.learningRate());
          } else {
            cover[i] = cover[left[i]] + cover[right[i]];
          }
        }
        out.add(Trees.of(left.clone(), right.clone(), parent.clone(), feature.clone(), split.clone(),
            defaultLeft.clone(), leaf, gain.clone(), cover, base));
      }
      return out;
    }
  }

  private Grown grow(int iteration, float[][] gh) {
    double[][] der = new double[k][n];
    boolean newton = s.score().newton();
    double sq = 0;
    for (int j = 0; j < k; j++) {
      for (int r = 0; r < n; r++) {
        der[j][r] = -gh[j][2 * r];
        sq += der[j][r] * der[j][r];
      }
    }
    double modelLeft = Math.exp(Math.log(n) - iteration * s.learningRate());
    double noise = s.randomStrength() * Math.sqrt(sq / n) * modelLeft / (1 + modelLeft);
    Search search = new Search(der, newton ? k : 1, gh, newton, noise);
    return switch (s.growth()) {
      case SYMMETRIC -> growSymmetric(iteration, search);
      case DEPTHWISE -> growDepthwise(iteration, search);
      case LOSSGUIDE -> growLossguide(iteration, search);
    };
  }

  private Grown growSymmetric(int iteration, Search search) {
    int[] leafOf = new int[n];
    List<int[]> used = new ArrayList<>();
    List<SplitCandidate> chosen = new ArrayList<>();
    List<Integer> borders = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int level = 0; level < s.depth(); level++) {
      if (level == 0 || s.perTreeLevel()) {
        search.bootstrap(mix(s.seed(), iteration, s.perTreeLevel() ? level : 0, 1));
      }
      List<SplitCandidate> cands = sample(withCombinations(used), mix(s.seed(), iteration, level, 2));
      Best b = search.symmetric(cands, leafOf, 1 << level, mix(s.seed(), iteration, level, 3));
      if (b == null) {
        break;
      }
      SplitCandidate c = cands.get(b.candidate);
      char[] bins = c.bins();
      for (int r = 0; r < n; r++) {
        leafOf[r] = 2 * leafOf[r] + (bins[r] > b.border ? 1 : 0);
      }
      chosen.add(c);
      borders.add(b.border);
      scores.add(b.score);
      if (c.derived() != null && c.derived().kind() != DerivedFeature.Kind.ONE_HOT
          && c.derived().projection().length < s.maxCtrComplexity()) {
        int[] p = c.derived().projection();
        if (used.stream().noneMatch(u -> Arrays.equals(u, p))) {
          used.add(p);
        }
      }
    }
    int depth = chosen.size();
    int leaves = 1 << depth;
    int nodes = 2 * leaves - 1;
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    int[] feature = new int[nodes];
    float[] split = new float[nodes];
    float[] gain = new float[nodes];
    int[] leafIndex = new int[nodes];
    Arrays.fill(left, -1);
    Arrays.fill(right, -1);
    Arrays.fill(leafIndex, -1);
    for (int level = 0; level < depth; level++) {
      int f = featureIndex(chosen.get(level));
      float cut = chosen.get(level).cuts()[borders.get(level)];
      for (int i = 0; i < (1 << level); i++) {
        int id = (1 << level) - 1 + i;
        left[id] = (1 << (level + 1)) - 1 + 2 * i;
        right[id] = left[id] + 1;
        feature[id] = f;
        split[id] = cut;
        gain[id] = (float) (scores.get(level) / (1 << level));
      }
    }
    for (int i = 0; i < leaves; i++) {
      leafIndex[leaves - 1 + i] = i;
    }
    return new Grown(leafOf, leaves, left, right, feature, split, gain, leafIndex);
  }

  /** Growable node arrays of a non-symmetric tree; node ids double as the rows' positions. */
  private static final class Nodes {
    int count = 1;
    int[] left = {-1};
    int[] right = {-1};
    int[] feature = {0};
    float[] split = {0};
    float[] gain = {0};
    int[] depth = {0};
    int[] rows;

    int[] splitNode(int node, int f, float cut, float g) {
      int l = count;
      left = Arrays.copyOf(left, count + 2);
      right = Arrays.copyOf(right, count + 2);
      feature = Arrays.copyOf(feature, count + 2);
      split = Arrays.copyOf(split, count + 2);
      gain = Arrays.copyOf(gain, count + 2);
      depth = Arrays.copyOf(depth, count + 2);
      rows = Arrays.copyOf(rows, count + 2);
      for (int c = l; c < l + 2; c++) {
        left[c] = -1;
        right[c] = -1;
        depth[c] = depth[node] + 1;
      }
      left[node] = l;
      right[node] = l + 1;
      feature[node] = f;
      split[node] = cut;
      gain[node] = g;
      count += 2;
      return new int[] {l, l + 1};
    }
  }

  private Grown growDepthwise(int iteration, Search search) {
    int[] nodeOf = new int[n];
    Nodes t = new Nodes();
    t.rows = new int[] {n};
    for (int level = 0; level < s.depth(); level++) {
      if (level == 0 || s.perTreeLevel()) {
        search.bootstrap(mix(s.seed(), iteration, s.perTreeLevel() ? level : 0, 1));
      }
      int[] slotOf = new int[t.count];
      Arrays.fill(slotOf, -1);
      List<Integer> active = new ArrayList<>();
      for (int i = 0; i < t.count; i++) {
        if (t.left[i] < 0 && t.depth[i] == level && t.rows[i] >= 2 * s.minDataInLeaf()) {
          slotOf[i] = active.size();
          active.add(i);
        }
      }
      if (active.isEmpty()) {
        break;
      }
      List<SplitCandidate> cands = sample(baseCandidates, mix(s.seed(), iteration, level, 2));
      Best[] best = search.perLeaf(cands, nodeOf, slotOf, active.size(), mix(s.seed(), iteration, level, 3));
      applySplits(t, nodeOf, active, best, cands);
    }
    return finish(t, nodeOf);
  }

  private Grown growLossguide(int iteration, Search search) {
    int[] nodeOf = new int[n];
    Nodes t = new Nodes();
    t.rows = new int[] {n};
    search.bootstrap(mix(s.seed(), iteration, 0, 1));
    PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
    List<Integer> fresh = List.of(0);
    int leaves = 1;
    int step = 0;
    Map<Integer, Best> pending = new HashMap<>();
    Map<Integer, List<SplitCandidate>> pendingCands = new HashMap<>();
    while (leaves < s.maxLeaves()) {
      int[] slotOf = new int[t.count];
      Arrays.fill(slotOf, -1);
      List<Integer> active = new ArrayList<>();
      for (int node : fresh) {
        if (t.depth[node] < s.depth() && t.rows[node] >= 2 * s.minDataInLeaf()) {
          slotOf[node] = active.size();
          active.add(node);
        }
      }
      if (!active.isEmpty()) {
        List<SplitCandidate> cands = sample(baseCandidates, mix(s.seed(), iteration, step, 2));
        Best[] best = search.perLeaf(cands, nodeOf, slotOf, active.size(), mix(s.seed(), iteration, step, 3));
        for (int i = 0; i < active.size(); i++) {
          if (best[i] != null) {
            pending.put(active.get(i), best[i]);
            pendingCands.put(active.get(i), cands);
            queue.add(new double[] {best[i].score, active.get(i)});
          }
        }
      }
      if (queue.isEmpty()) {
        break;
      }
      int node = (int) queue.poll()[1];
      applySplits(t, nodeOf, List.of(node), new Best[] {pending.remove(node)}, pendingCands.remove(node));
      fresh = List.of(t.left[node], t.right[node]);
      leaves++;
      step++;
    }
    return finish(t, nodeOf);
  }

  private void applySplits(Nodes t, int[] nodeOf, List<Integer> nodes, Best[] best, List<SplitCandidate> cands) {
    int[] target = new int[t.count];
    Arrays.fill(target, -1);
    char[][] bins = new char[t.count][];
    int[] border = new int[t.count];
    for (int i = 0; i < nodes.size(); i++) {
      if (best[i] == null) {
        continue;
      }
      int node = nodes.get(i);
      SplitCandidate c = cands.get(best[i].candidate);
      target[node] = node;
      bins[node] = c.bins();
      border[node] = best[i].border;
      t.splitNode(node, featureIndex(c), c.cuts()[best[i].border], (float) best[i].score);
    }
    for (int node : nodes) {
      if (target[node] >= 0) {
        t.rows[t.left[node]] = 0;
        t.rows[t.right[node]] = 0;
      }
    }
    for (int r = 0; r < n; r++) {
      int node = nodeOf[r];
      if (node < target.length && target[node] >= 0) {
        int child = bins[node][r] > border[node] ? t.right[node] : t.left[node];
        nodeOf[r] = child;
        t.rows[child]++;
      }
    }
  }

  private Grown finish(Nodes t, int[] nodeOf) {
    int[] leafIndex = new int[t.count];
    int leaves = 0;
    for (int i = 0; i < t.count; i++) {
      leafIndex[i] = t.left[i] < 0 ? leaves++ : -1;
    }
    int[] leafOf = new int[n];
    for (int r = 0; r < n; r++) {
      leafOf[r] = leafIndex[nodeOf[r]];
    }
    return new Grown(leafOf, leaves, Arrays.copyOf(t.left, t.count), Arrays.copyOf(t.right, t.count),
        Arrays.copyOf(t.feature, t.count), Arrays.copyOf(t.split, t.count), Arrays.copyOf(t.gain, t.count),
        leafIndex);
  }

  /** The model-space index of a candidate, registering a derived feature the first time a tree uses it. */
  private int featureIndex(SplitCandidate c) {
    return c.derived() == null ? c.rawFeature() : rawDim + register(c.derived());
  }

  private int register(DerivedFeature d) {
    Integer i = derivedIndex.get(d);
    if (i != null) {
      return i;
    }
    if (d.kind() != DerivedFeature.Kind.ONE_HOT) {
      String id = CategoricalEncoder.projectionId(d.projection());
      tables.computeIfAbsent(id, x -> projection(d.projection()).table());
    }
    derivedIndex.put(d, derived.size());
    derived.add(d);
    return derived.size() - 1;
  }

  /** The statistics of a projection, cached (base projections always, combinations up to a bound). */
  private ProjectionStats projection(int[] p) {
    String id = CategoricalEncoder.projectionId(p);
    ProjectionStats ps = baseStats.get(id);
    if (ps == null) {
      ps = stats.get(id);
    }
    if (ps == null) {
      ps = new ProjectionStats(p, data.categories(), data.labels(), data.targetBorders(), data.priors(),
          permutation);
      if (p.length > 1) {
        stats.put(id, ps);
      }
    }
    return ps;
  }

  /** The base candidates plus the statistics of every used projection combined with one more feature. */
  private List<SplitCandidate> withCombinations(List<int[]> used) {
    if (used.isEmpty()) {
      return baseCandidates;
    }
    List<SplitCandidate> out = new ArrayList<>(baseCandidates);
    List<String> seen = new ArrayList<>();
    for (int[] u : used) {
      for (int f : data.ctrFeatures()) {
        if (Arrays.binarySearch(u, f) >= 0) {
          continue;
        }
        int[] p = Arrays.copyOf(u, u.length + 1);
        p[u.length] = f;
        Arrays.sort(p);
        String id = CategoricalEncoder.projectionId(p);
        if (!seen.contains(id)) {
          seen.add(id);
          out.addAll(projection(p).candidates());
        }
      }
    }
    return out;
  }

  /** {@code rsm}: a random subset of {@code ceil(rsm × count)} candidates, in their original order. */
  private List<SplitCandidate> sample(List<SplitCandidate> all, long seed) {
    if (s.rsm() >= 1 || all.size() <= 1) {
      return all;
    }
    int keep = Math.max(1, (int) Math.ceil(s.rsm() * all.size()));
    int[] idx = permutation(all.size(), seed);
    int[] chosen = Arrays.copyOf(idx, keep);
    Arrays.sort(chosen);
    List<SplitCandidate> out = new ArrayList<>(keep);
    for (int i : chosen) {
      out.add(all.get(i));
    }
    return out;
  }

  // ---------------------------------------------------------------- split search

  /** A chosen split: candidate index, border, score (gain for per-leaf growth). */
  private record Best(int candidate, int border, double score) {}

  /** Histograms and scores over one iteration's derivatives. */
  private final class Search {
    final double[][] der;
    final float[][] gh;
    final boolean newton;
    final double noise;
    final double[][] weighted;
    /** Each search thread's histogram buffer ({@link #buffer}). */
    private final ThreadLocal<double[]> histogramBuffer = ThreadLocal.withInitial(() -> new double[0]);
    /** The bootstrap-weighted derivatives, row-major ({@code [r * k + j]}) so a row's k values are adjacent. */
    final double[] weightedDer;

    Search(double[][] der, int weightDims, float[][] gh, boolean newton, double noise) {
      this.der = der;
      this.gh = gh;
      this.newton = newton;
      this.noise = noise;
      this.weighted = new double[weightDims][n];
      this.weightedDer = new double[n * k];
    }

    /** Draws the Bayesian bootstrap weights {@code (−ln U)^t} and applies them to derivatives and weights. */
    void bootstrap(long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      double t = s.baggingTemperature();
      float[] w = data.weights();
      for (int r = 0; r < n; r++) {
        double bw = t == 0 ? 1 : t == 1 ? -Math.log(1 - rnd.nextDouble())
            : Math.pow(-Math.log(1 - rnd.nextDouble()), t);
        for (int j = 0; j < k; j++) {
          weightedDer[r * k + j] = der[j][r] * bw;
        }
        for (int j = 0; j < weighted.length; j++) {
          double base = newton ? gh[j][2 * r + 1] : w == null ? 1 : w[r];
          weighted[j][r] = base * bw;
        }
      }
    }

    /**
     * One candidate's histogram: per (slot, bin), {@code stride} sums: the {@code k} derivatives, the weights, and
     * (with {@code counts}) the row count.
     */
    private double[] histogram(SplitCandidate c, int[] slotOfRow, int[] slotOfNode, int slots, boolean counts) {
      int nb = c.binCount();
      int kw = weighted.length;
      int stride = k + kw + (counts ? 1 : 0);
      double[] h = buffer(slots * nb * stride);
      char[] bins = c.bins();
      if (stride == 2 && slotOfNode == null) {
        double[] wd = weightedDer;
        double[] ww = weighted[0];
        for (int r = 0; r < n; r++) {
          int idx = (slotOfRow[r] * nb + bins[r]) << 1;
          h[idx] += wd[r];
          h[idx + 1] += ww[r];
        }
        return h;
      }
      for (int r = 0; r < n; r++) {
        int slot = slotOfNode == null ? slotOfRow[r] : slotOfRow[r] < slotOfNode.length
            ? slotOfNode[slotOfRow[r]] : -1;
        if (slot < 0) {
          continue;
        }
        int idx = (slot * nb + bins[r]) * stride;
        int ro = r * k;
        for (int j = 0; j < k; j++) {
          h[idx + j] += weightedDer[ro + j];
        }
        for (int j = 0; j < kw; j++) {
          h[idx + k + j] += weighted[j][r];
        }
        if (counts) {
          h[idx + k + kw]++;
        }
      }
      return h;
    }

    /**
     * A zeroed histogram of the given size from the calling thread's buffer: thousands of candidates per level each
     * need one briefly, and fresh arrays cost as much in allocation and collection as the sums themselves.
     */
    private double[] buffer(int size) {
      double[] b = histogramBuffer.get();
      if (b.length < size) {
        b = new double[size];
        histogramBuffer.set(b);
      } else {
        Arrays.fill(b, 0, size, 0);
      }
      return b;
    }

    /** Adds one leaf's terms, read from {@code v[off..]} (k derivatives then weights), to {@code acc}. */
    private void term(double[] v, int off, double[] acc) {
      int kw = weighted.length;
      if (kw == 1) {
        double sq = 0;
        for (int j = 0; j < k; j++) {
          sq += v[off + j] * v[off + j];
        }
        addTerm(sq, v[off + k], acc);
        return;
      }
      for (int j = 0; j < k; j++) {
        double wj = v[off + k + (kw == 1 ? 0 : j)];
        double dj = v[off + j];
        double q = dj / (wj + s.l2());
        acc[0] += dj * q;
        acc[1] += wj * q * q;
      }
    }

    /**
     * One leaf's terms when every output shares the weight w: Σ d_j·q_j and Σ w·q_j² with q_j = d_j / (w + λ), from
     * the leaf's Σ d_j² (one division instead of k).
     */
    private void addTerm(double sumSq, double w, double[] acc) {
      double inv = 1 / (w + s.l2());
      acc[0] += sumSq * inv;
      acc[1] += w * sumSq * inv * inv;
    }

    private double score(double[] acc) {
      if (!s.score().cosine()) {
        return acc[0];
      }
      return acc[1] > 0 ? acc[0] / Math.sqrt(acc[1]) : 0;
    }

    /** The best split shared by all {@code slots} leaves of a symmetric level, or null if none exists. */
    Best symmetric(List<SplitCandidate> cands, int[] leafOf, int slots, long seed) {
      Best[] perCand = new Best[cands.size()];
      int stride = k + weighted.length;
      pool.submit(() -> IntStream.range(0, cands.size()).parallel().forEach(ci -> {
        SplitCandidate c = cands.get(ci);
        int nb = c.binCount();
        if (nb < 2) {
          return;
        }
        double[] h = histogram(c, leafOf, null, slots, false);
        double[] total = new double[slots * stride];
        for (int sl = 0; sl < slots; sl++) {
          for (int b = 0; b < nb; b++) {
            for (int j = 0; j < stride; j++) {
              total[sl * stride + j] += h[(sl * nb + b) * stride + j];
            }
          }
        }
        double[] left = new double[slots * stride];
        double[] right = new double[stride];
        double[] acc = new double[2];
        SplittableRandom rnd = new SplittableRandom(mix(seed, ci));
        Best best = null;
        boolean sharedWeight = weighted.length == 1;
        for (int b = 0; b < nb - 1; b++) {
          acc[0] = 0;
          acc[1] = 0;
          for (int sl = 0; sl < slots; sl++) {
            int o = sl * stride;
            int src = (sl * nb + b) * stride;
            if (sharedWeight) { // one fused pass: both children's Σ d² without storing the right child
              double sqLeft = 0;
              double sqRight = 0;
              for (int j = 0; j < k; j++) {
                double l = left[o + j] += h[src + j];
                double r = total[o + j] - l;
                sqLeft += l * l;
                sqRight += r * r;
              }
              double wl = left[o + k] += h[src + k];
              addTerm(sqLeft, wl, acc);
              addTerm(sqRight, total[o + k] - wl, acc);
              continue;
            }
            for (int j = 0; j < stride; j++) {
              left[o + j] += h[src + j];
              right[j] = total[o + j] - left[o + j];
            }
            term(left, o, acc);
            term(right, 0, acc);
          }
          double sc = score(acc) + (noise > 0 ? noise * rnd.nextGaussian() : 0);
          if (best == null || sc > best.score) {
            best = new Best(ci, b, sc);
          }
        }
        perCand[ci] = best;
      })).join();
      Best best = null;
      for (Best b : perCand) {
        if (b != null && (best == null || b.score > best.score)) {
          best = b;
        }
      }
      return best;
    }

    /**
     * The best split of each of {@code slots} leaves with at least {@code min_data_in_leaf} rows per child and a
     * positive gain over the unsplit leaf, or null per leaf.
     */
    Best[] perLeaf(List<SplitCandidate> cands, int[] nodeOf, int[] slotOfNode, int slots, long seed) {
      Best[][] perCand = new Best[cands.size()][];
      int stride = k + weighted.length + 1;
      pool.submit(() -> IntStream.range(0, cands.size()).parallel().forEach(ci -> {
        SplitCandidate c = cands.get(ci);
        int nb = c.binCount();
        Best[] out = new Best[slots];
        perCand[ci] = out;
        if (nb < 2) {
          return;
        }
        double[] h = histogram(c, nodeOf, slotOfNode, slots, true);
        SplittableRandom rnd = new SplittableRandom(mix(seed, ci));
        double[] total = new double[stride];
        double[] left = new double[stride];
        double[] right = new double[stride];
        double[] acc = new double[2];
        for (int sl = 0; sl < slots; sl++) {
          Arrays.fill(total, 0);
          Arrays.fill(left, 0);
          for (int b = 0; b < nb; b++) {
            for (int j = 0; j < stride; j++) {
              total[j] += h[(sl * nb + b) * stride + j];
            }
          }
          acc[0] = 0;
          acc[1] = 0;
          term(total, 0, acc);
          double parent = score(acc);
          for (int b = 0; b < nb - 1; b++) {
            for (int j = 0; j < stride; j++) {
              left[j] += h[(sl * nb + b) * stride + j];
              right[j] = total[j] - left[j];
            }
            if (left[stride - 1] < s.minDataInLeaf() || right[stride - 1] < s.minDataInLeaf()) {
              continue;
            }
            acc[0] = 0;
            acc[1] = 0;
            term(left, 0, acc);
            term(right, 0, acc);
            double gain = score(acc) - parent + (noise > 0 ? noise * rnd.nextGaussian() : 0);
            if (gain > 0 && (out[sl] == null || gain > out[sl].score)) {
              out[sl] = new Best(ci, b, gain);
            }
          }
        }
      })).join();
      Best[] best = new Best[slots];
      for (Best[] pc : perCand) {
        for (int sl = 0; sl < slots; sl++) {
          if (pc[sl] != null && (best[sl] == null || pc[sl].score > best[sl].score)) {
            best[sl] = pc[sl];
          }
        }
      }
      return best;
    }
  }

  // ---------------------------------------------------------------- validation

  /** The validation rows in model space, and their margins as trees are added. */
  private final class Validation {
    final int rows;
    final float[] raw;
    final float[] labels;
    final float[] weights;
    final double[] margins;
    float[] encoded;
    int width;
    int encodedDerived;

    Validation(RowBatch batch) {
      rows = batch.rows();
      raw = new float[rows * rawDim];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(batch.row(r).toDense(), 0, raw, r * rawDim, rawDim);
      }
      labels = EvalData.labelsOf(batch);
      weights = EvalData.weightsOf(batch);
      margins = new double[rows * k];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(baseMargin, 0, margins, r * k, k);
      }
      width = 0;
      encoded = new float[0];
    }

    void add(Tree t, int output) {
      int dim = rawDim + derived.size();
      if (dim > width) {
        int newWidth = Math.max(dim, rawDim + Math.max(8, 2 * (width - rawDim)));
        float[] grown = new float[rows * newWidth];
        CategoricalEncoder enc = encoder();
        for (int r = 0; r < rows; r++) {
          if (width > 0) {
            System.arraycopy(encoded, r * width, grown, r * newWidth, width);
          } else {
            System.arraycopy(raw, r * rawDim, grown, r * newWidth, rawDim);
          }
          for (int i = Math.max(0, width - rawDim); i < derived.size(); i++) {
            grown[r * newWidth + rawDim + i] = enc.value(derived.get(i), raw, r * rawDim);
          }
        }
        encoded = grown;
        width = newWidth;
        encodedDerived = derived.size();
      } else if (encodedDerived < derived.size()) {
        CategoricalEncoder enc = encoder();
        for (int r = 0; r < rows; r++) {
          for (int i = encodedDerived; i < derived.size(); i++) {
            encoded[r * width + rawDim + i] = enc.value(derived.get(i), raw, r * rawDim);
          }
        }
        encodedDerived = derived.size();
      }
      for (int r = 0; r < rows; r++) {
        margins[r * k + output] += t.leafValue(t.leafOf(encoded, r * width));
      }
    }
  }

  // ---------------------------------------------------------------- randomness

  /**
   * A seeded permutation of {@code 0..size−1} (Fisher–Yates).
   *
   * @param size the length
   * @param seed the seed
   * @return the permutation
   */
  static int[] permutation(int size, long seed) {
    int[] p = new int[size];
    for (int i = 0; i < size; i++) {
      p[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = size - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * Derives a seed from a seed and coordinates (iteration, level, purpose), so each draw is reproducible alone.
   *
   * @param seed the base seed
   * @param parts coordinates
   * @return the derived seed
   */
  static long mix(long seed, long... parts) {
    long h = CategoricalEncoder.extendKey(seed, (int) (seed >>> 32));
    for (long p : parts) {
      h = CategoricalEncoder.extendKey(h, (int) p);
      h = CategoricalEncoder.extendKey(h, (int) (p >>> 32));
    }
    return h;
  }
}

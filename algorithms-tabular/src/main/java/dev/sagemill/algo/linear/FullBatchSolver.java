package dev.sagemill.algo.linear;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.optim.Lbfgs;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Linear Learner's full-batch path: the normalised training channel held in memory and each model's regularised
 * objective — mean weighted loss + {@code wd/2·|w|² + bias_wd/2·|b|²} in training space — minimised to its optimum
 * by {@link Lbfgs}, as scikit-learn's {@code LogisticRegression} and {@code Ridge} are. Without a validation channel
 * a model's selection loss is its K-fold cross-validated loss (seeded folds), so models differing in {@code wd} are
 * compared on held-out rows, never on the training loss that favours the least regularisation.
 *
 * <p>Gradients are summed over fixed pieces of rows (their boundaries depend only on the data and thread count), each
 * piece's sum added in piece order: results depend on the thread count, never on scheduling.
 */
final class FullBatchSolver {
  /** Folds of the cross-validation that stands in for a validation channel. */
  static final int FOLDS = 5;
  /** Below this many multiply-adds a piece of rows is not worth a task hand-off. */
  private static final long MIN_PIECE_WORK = 1 << 16;
  /**
   * Curvature pairs kept and the most steps. The tolerances are on the mean-loss objective, O(1) in size:
   * scikit-learn's default stops at a gradient of 1e-4 on the same objective; 1e-5 leaves metrics unchanged in their
   * fourth decimal.
   */
  private static final Lbfgs LBFGS = new Lbfgs(10, 1000, 1e-5, 1e-10);
  /** A held-out fold's fit only estimates the model's loss on new rows: scikit-learn's tolerance is enough. */
  private static final Lbfgs LBFGS_FOLD = new Lbfgs(10, 1000, 1e-4, 1e-8);

  /** Runs tasks, in parallel when the caller has threads; rethrows the first failure. */
  @FunctionalInterface
  interface TaskRunner {
    void runAll(List<Callable<Void>> tasks) throws IOException;
  }

  /** One task's share of the rows: a contiguous range of one batch. */
  private record Piece(int batch, int from, int to) {}

  /**
   * Sums over the training rows for given weights: this solver's own rows, or every shard's (a sharded fit adds the
   * shards' sums in shard order).
   */
  @FunctionalInterface
  interface RowPasses {
    /**
     * @param w weights, {@code outputs × d}
     * @param b biases
     * @param fold for a fit, the fold left out (-1: none); for scoring, the fold scored (-1: every row)
     * @param scoreFold whether the fold is scored rather than left out
     * @param wantGradient whether the gradient sum is wanted
     * @return {gradient sum (null when not wanted), {loss sum, weight sum}}
     * @throws IOException if a task or a shard fails
     */
    double[][] pass(double[] w, double[] b, int fold, boolean scoreFold, boolean wantGradient) throws IOException;
  }

  private final List<NormalizedBatch> batches;
  private final int[][] fold;
  private final List<List<Piece>> groups;
  private final RowObjective objective;
  private final int weights;
  private final boolean useBias;
  private final TaskRunner runner;
  private final long rows;
  private final RowPasses passes;

  private FullBatchSolver(List<NormalizedBatch> batches, int[][] fold, List<List<Piece>> groups,
      RowObjective objective, int weights, boolean useBias, TaskRunner runner, long rows, RowPasses passes) {
    this.batches = batches;
    this.fold = fold;
    this.groups = groups;
    this.objective = objective;
    this.weights = weights;
    this.useBias = useBias;
    this.runner = runner;
    this.rows = rows;
    this.passes = passes != null ? passes : this::pass;
  }

  /**
   * A solver whose rows are held elsewhere (the shards of a sharded fit): every pass over them is {@code passes}.
   *
   * @param passes the sums over every shard's rows
   * @param objective the rows' loss and gradient (for the parameter count)
   * @param outputs number of outputs
   * @param d number of features
   * @param useBias whether biases are fitted
   * @param rows the rows held by all shards
   * @return the solver
   */
  static FullBatchSolver over(RowPasses passes, RowObjective objective, int outputs, int d, boolean useBias,
      long rows) {
    return new FullBatchSolver(List.of(), new int[0][], List.of(), objective, outputs * d, useBias, null, rows,
        passes);
  }

  /**
   * Reads and normalises the whole training channel into memory, unless it holds more than {@code budget} feature
   * values (dense cells or sparse non-zeros).
   *
   * @param train the training channel
   * @param batchRows rows per read batch
   * @param budget the most feature values to hold
   * @param fill normalises one raw batch into a fresh {@link NormalizedBatch} (labels checked, class weights)
   * @return the batches, or empty when the channel is over budget (nothing is kept)
   * @throws IOException if reading fails
   */
  static Optional<List<NormalizedBatch>> load(DataSource train, int batchRows, long budget, BatchNormalizer fill)
      throws IOException {
    List<NormalizedBatch> out = new ArrayList<>();
    long values = 0;
    try (BatchStream s = train.open(batchRows)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch b = ob.get();
        values += b.isSparse() ? b.rowPointers()[b.rows()] : (long) b.rows() * b.featureDim();
        if (values > budget) {
          return Optional.empty();
        }
        out.add(fill.normalize(b));
      }
    }
    return Optional.of(out);
  }

  /** Normalises one raw batch into a batch of its own (not a reused buffer). */
  @FunctionalInterface
  interface BatchNormalizer {
    NormalizedBatch normalize(RowBatch b) throws IOException;
  }

  /**
   * @param batches the normalised training rows ({@link #load})
   * @param objective the rows' loss and gradient
   * @param outputs number of outputs
   * @param d number of features
   * @param useBias whether biases are fitted (else they stay 0)
   * @param threads tasks per pass
   * @param rng seeds the folds
   * @param runner runs a pass's tasks
   * @return the solver
   */
  static FullBatchSolver of(List<NormalizedBatch> batches, RowObjective objective, int outputs, int d,
      boolean useBias, int threads, RandomStream rng, TaskRunner runner) {
    long rows = 0;
    for (NormalizedBatch nb : batches) {
      rows += nb.rows;
    }
    // Folds: a seeded shuffle of the row numbers dealt round-robin, so fold sizes differ by at most one row.
    int[] order = new int[Math.toIntExact(rows)];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    rng.shuffle(order);
    int[] foldOfRow = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      foldOfRow[order[i]] = i % FOLDS;
    }
    int[][] fold = new int[batches.size()][];
    List<Piece> pieces = new ArrayList<>();
    int row = 0;
    for (int bi = 0; bi < batches.size(); bi++) {
      NormalizedBatch nb = batches.get(bi);
      fold[bi] = java.util.Arrays.copyOfRange(foldOfRow, row, row + nb.rows);
      row += nb.rows;
      long work = (long) nb.rows * Math.max(1, nb.sparse ? nb.ptr[nb.rows] / Math.max(1, nb.rows) : d) * outputs;
      int chunks = (int) Math.max(1, Math.min(threads, work / MIN_PIECE_WORK));
      for (int c = 0; c < chunks; c++) {
        pieces.add(new Piece(bi, nb.rows * c / chunks, nb.rows * (c + 1) / chunks));
      }
    }
    int tasks = Math.max(1, Math.min(threads, pieces.size()));
    List<List<Piece>> groups = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      groups.add(pieces.subList(pieces.size() * t / tasks, pieces.size() * (t + 1) / tasks));
    }
    return new FullBatchSolver(batches, fold, groups, objective, outputs * d, useBias, runner, rows, null);
  }

  /** @return the number of parameters of a fit: weights, then biases */
  int size() {
    return objective.size();
  }

  /** @return the rows held */
  long rows() {
    return rows;
  }

  /**
   * Minimises one model's objective on every row, or on every row outside one fold.
   *
   * @param wd the L2 weight of the feature weights
   * @param biasWd the L2 weight of the biases
   * @param heldOut the fold left out, or -1 for none
   * @param start where the search starts (a nearby optimum saves passes), or null for zeros
   * @return the optimum: weights ({@code outputs × d}), then biases
   * @throws IOException if a task fails
   */
  double[] fit(double wd, double biasWd, int heldOut, double[] start) throws IOException {
    double[] from = start != null ? start : new double[objective.size()];
    IOException[] failure = new IOException[1];
    Lbfgs.Result r = (heldOut < 0 ? LBFGS : LBFGS_FOLD).minimize((theta, g) -> {
      try {
        return value(theta, g, wd, biasWd, heldOut);
      } catch (IOException e) {
        failure[0] = e;
        java.util.Arrays.fill(g, 0); // stops the search at once
        return 0;
      }
    }, from);
    if (failure[0] != null) {
      throw failure[0];
    }
    return r.x();
  }

  /** The regularised mean loss over the training rows of a fit and its gradient. */
  private double value(double[] theta, double[] g, double wd, double biasWd, int heldOut) throws IOException {
    double[] w = java.util.Arrays.copyOf(theta, weights);
    double[] b = java.util.Arrays.copyOfRange(theta, weights, theta.length);
    double[][] sums = passes.pass(w, b, heldOut, false, true);
    double[] grad = sums[0];
    double lossSum = sums[1][0];
    double weightSum = sums[1][1];
    double f = lossSum / weightSum;
    for (int i = 0; i < grad.length; i++) {
      g[i] = grad[i] / weightSum;
    }
    for (int i = 0; i < weights; i++) {
      f += 0.5 * wd * theta[i] * theta[i];
      g[i] += wd * theta[i];
    }
    for (int i = weights; i < theta.length; i++) {
      if (useBias) {
        f += 0.5 * biasWd * theta[i] * theta[i];
        g[i] += biasWd * theta[i];
      } else {
        g[i] = 0;
      }
    }
    return f;
  }

  /**
   * Mean loss (label units) of a model on one fold's rows, or on every row for fold -1.
   *
   * @param theta weights then biases
   * @param onlyFold the fold scored, or -1 for every row
   * @return {loss sum, weight sum}
   * @throws IOException if a task fails
   */
  double[] loss(double[] theta, int onlyFold) throws IOException {
    double[] w = java.util.Arrays.copyOf(theta, weights);
    double[] b = java.util.Arrays.copyOfRange(theta, weights, theta.length);
    return passes.pass(w, b, onlyFold, true, false)[1];
  }

  /**
   * One pass over the pieces. For a fit ({@code heldOut} = the fold left out) the rows outside the fold count;
   * for scoring ({@code scoreFold}) only the fold's rows count (every row for fold -1).
   *
   * @return {gradient sum (null when not wanted), {loss sum, weight sum}}
   */
  double[][] pass(double[] w, double[] b, int fold, boolean scoreFold, boolean wantGradient)
      throws IOException {
    int tasks = groups.size();
    double[][] grad = new double[tasks][];
    double[][] lw = new double[tasks][2];
    List<Callable<Void>> work = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      int ti = t;
      work.add(() -> {
        double[] acc = wantGradient ? new double[objective.size()] : null;
        double[] tmp = wantGradient ? new double[objective.size()] : null;
        for (Piece piece : groups.get(ti)) {
          NormalizedBatch nb = batches.get(piece.batch());
          double[] rowWeight = rowWeights(piece.batch(), fold, scoreFold);
          double[] s = wantGradient
              ? objective.gradient(w, b, nb, rowWeight, piece.from(), piece.to(), tmp, true)
              : objective.lossOnly(w, b, nb, rowWeight, piece.from(), piece.to());
          lw[ti][0] += s[0];
          lw[ti][1] += s[1];
          if (wantGradient) {
            for (int i = 0; i < acc.length; i++) {
              acc[i] += tmp[i];
            }
          }
        }
        grad[ti] = acc;
        return null;
      });
    }
    runner.runAll(work);
    double[] total = wantGradient ? grad[0] : null;
    double[] sums = lw[0].clone();
    for (int t = 1; t < tasks; t++) {
      if (wantGradient) {
        for (int i = 0; i < total.length; i++) {
          total[i] += grad[t][i];
        }
      }
      sums[0] += lw[t][0];
      sums[1] += lw[t][1];
    }
    return new double[][] {total, sums};
  }

  /** The batch's row weights with the rows outside the selection set to 0. */
  private double[] rowWeights(int batch, int fold, boolean scoreFold) {
    NormalizedBatch nb = batches.get(batch);
    if (fold < 0) {
      return nb.weight;
    }
    int[] f = this.fold[batch];
    double[] w = new double[nb.rows];
    for (int r = 0; r < nb.rows; r++) {
      w[r] = (f[r] == fold) == scoreFold ? nb.weight[r] : 0;
    }
    return w;
  }
}

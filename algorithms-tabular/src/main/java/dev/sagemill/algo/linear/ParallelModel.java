package dev.sagemill.algo.linear;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.optim.LearningRateSchedule;
import dev.sagemill.core.optim.Optimizer;
import dev.sagemill.core.optim.StepDecay;
import dev.sagemill.core.optim.UpdateRule;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.EarlyStopping;
import java.io.IOException;

/**
 * One of the {@code num_models} linear models trained side by side: its weights in normalised space, its own
 * learning rate and regularisation, its optimizer ({@link Optimizer}: SGD momentum, Adam moments or RMSProp
 * average), its learning-rate schedule ({@link StepDecay}), and its own {@link EarlyStopping} with a snapshot of its
 * best epoch. Updated by one thread at a time.
 */
final class ParallelModel {
  /** Learning-rate multipliers of models 0..7 relative to the given rate; model 0 is the configuration as given. */
  private static final double[] LR_MULT = {1, 10, 0.1, 3, 0.3, 30, 0.03, 100};
  /** L2 weights tried by the streamed optimizers when {@code wd} is auto. */
  private static final double[] WD_AUTO = {0, 1e-6, 1e-4, 0, 1e-5, 1e-3, 0, 1e-7};
  /**
   * L2 weights tried by the full-batch solver when {@code wd} is auto, times 1/rows: model 0's 1/rows is
   * scikit-learn's {@code C = 1} ({@code alpha = 1} for Ridge); the others span C from 1/30 to 100.
   */
  private static final double[] WD_FULL_BATCH_AUTO = {1, 0.1, 10, 0.3, 3, 0.03, 30, 0.01};
  /** Relative L2 (and L1) variations when the value is given. */
  private static final double[] REG_MULT = {1, 1, 0.1, 1, 10, 1, 0.3, 3};
  /** L1 weights tried when {@code l1} is auto. */
  private static final double[] L1_AUTO = {0, 0, 0, 1e-6, 0, 0, 1e-5, 0};
  private static final double EPS = 1e-8;

  final int index;
  final int d;
  final int outputs;
  final double[] w;
  final double[] b;
  final double baseLr;
  final double wd;
  final double l1;
  private final double biasLrMult;
  final double biasWd;
  private final boolean useBias;
  /** The streamed optimizer's state; null for a full-batch model, which takes no steps. */
  private final UpdateRule rule;
  private final LearningRateSchedule schedule;
  private final EarlyStopping stopping;
  private long steps;

  double trainLossAtBest = Double.NaN;
  boolean diverged;
  double[] bestW;
  double[] bestB;

  /**
   * A model of the streamed optimizers: its learning rate, {@code wd} and {@code l1} vary with its index.
   *
   * @param index the model's index
   * @param d features
   * @param outputs outputs
   * @param p the hyperparameters
   * @param rng seeds the initial weights
   */
  ParallelModel(int index, int d, int outputs, LinearLearnerParams p, RandomStream rng) {
    this(index, d, outputs, p, rng, p.values().isAuto("wd") ? WD_AUTO[index % WD_AUTO.length]
        : p.values().getDouble("wd") * REG_MULT[index % REG_MULT.length],
        p.values().isAuto("l1") ? L1_AUTO[index % L1_AUTO.length]
            : p.values().getDouble("l1") * REG_MULT[(index % REG_MULT.length + 3) % REG_MULT.length], false);
  }

  /**
   * A model of the full-batch solver, which varies only {@code wd} (no L1: the solver needs a smooth objective).
   *
   * @param index the model's index
   * @param d features
   * @param outputs outputs
   * @param p the hyperparameters
   * @param rng seeds the initial weights
   * @param rows the training rows, the scale of the automatic {@code wd}
   * @return the model
   */
  static ParallelModel fullBatch(int index, int d, int outputs, LinearLearnerParams p, RandomStream rng,
      long rows) {
    int k = index % REG_MULT.length;
    double round = index < REG_MULT.length ? 1 : (index / REG_MULT.length % 2 == 1 ? 2 : 0.5);
    double wd = p.values().isAuto("wd") ? WD_FULL_BATCH_AUTO[k] * round / Math.max(1, rows)
        : p.values().getDouble("wd") * REG_MULT[k] * round;
    return new ParallelModel(index, d, outputs, p, rng, wd, 0, true);
  }

  private ParallelModel(int index, int d, int outputs, LinearLearnerParams p, RandomStream rng, double wd,
      double l1, boolean fullBatch) {
    this.index = index;
    this.d = d;
    this.outputs = outputs;
    int k = index % LR_MULT.length;
    double round = index < LR_MULT.length ? 1 : (index / LR_MULT.length % 2 == 1 ? 2 : 0.5);
    var v = p.values();
    this.baseLr = p.learningRate() * LR_MULT[k] * round;
    this.wd = wd;
    this.l1 = l1;
    this.biasLrMult = v.getDouble("bias_lr_mult", 1);
    this.biasWd = v.getDouble("bias_wd_mult", 0) * wd;
    this.useBias = v.getBoolean("use_bias");
    String optimizer = p.optimizer();
    this.rule = fullBatch ? null
        : new Optimizer(optimizer, v.getDouble("momentum", optimizer.equals("sgd") ? 0.9 : 0),
            v.getDouble("beta_1", 0.9), v.getDouble("beta_2", optimizer.equals("rmsprop") ? 0.9 : 0.999), EPS)
            .newRule(outputs * d + outputs);
    this.schedule = v.getBoolean("use_lr_scheduler") ? new StepDecay(baseLr, v.getInt("lr_scheduler_step", 100),
        v.getDouble("lr_scheduler_factor", 0.99), v.getDouble("lr_scheduler_minimum_lr", 1e-5))
        : LearningRateSchedule.constant(baseLr);
    this.stopping = new EarlyStopping(false, v.getInt("early_stopping_patience"),
        v.getDouble("early_stopping_tolerance"));
    this.w = new double[outputs * d];
    this.b = new double[outputs];
    boolean normal = v.getString("init_method").equals("normal");
    double scale = v.getDouble("init_scale");
    double sigma = v.getDouble("init_sigma");
    for (int i = 0; i < w.length; i++) {
      w[i] = normal ? sigma * rng.nextGaussian() : scale * (2 * rng.nextDouble() - 1);
    }
    java.util.Arrays.fill(b, useBias ? v.getDouble("init_bias") : 0);
    this.bestW = w.clone();
    this.bestB = b.clone();
  }

  /** @return the best epoch's selection loss, or +∞ before any finite one */
  double bestLoss() {
    return stopping.bestIteration() < 0 ? Double.POSITIVE_INFINITY : stopping.bestValue();
  }

  /** @return the best epoch (1-based), or -1 before any */
  int bestEpoch() {
    return stopping.bestIteration();
  }

  /**
   * Writes the complete training state (weights, optimizer state, schedule, early stopping, best snapshot).
   *
   * @param out the checkpoint writer
   */
  void saveTo(ModelWriter out) {
    String k = "model." + index + ".";
    out.putDoubles(k + "w", w);
    out.putDoubles(k + "b", b);
    out.putDoubles(k + "best_w", bestW);
    out.putDoubles(k + "best_b", bestB);
    if (rule != null) {
      rule.saveTo(out, k);
    }
    out.putDoubles(k + "schedule", schedule.state());
    out.putDoubles(k + "stopping", stopping.state());
    out.putDoubles(k + "state", new double[] {steps, diverged ? 1 : 0, trainLossAtBest});
  }

  /**
   * Restores the state written by {@link #saveTo}.
   *
   * @param in the checkpoint reader
   * @throws IOException if an entry is missing or of the wrong size
   */
  void restoreFrom(ModelReader in) throws IOException {
    String k = "model." + index + ".";
    UpdateRule.restore(in, k + "w", w);
    UpdateRule.restore(in, k + "b", b);
    UpdateRule.restore(in, k + "best_w", bestW);
    UpdateRule.restore(in, k + "best_b", bestB);
    if (rule != null) {
      rule.restoreFrom(in, k);
    }
    try {
      schedule.restore(in.doubles(k + "schedule"));
      stopping.restore(in.doubles(k + "stopping"));
    } catch (IllegalArgumentException e) {
      in.require(false, k + ": " + e.getMessage());
    }
    double[] st = in.doubles(k + "state");
    in.require(st.length == 3, k + "state has " + st.length + " values, expected 3");
    steps = (long) st[0];
    diverged = st[1] != 0;
    trainLossAtBest = st[2];
  }

  /** @return true while the model still trains */
  boolean active() {
    return !stopping.stopped() && !diverged;
  }

  /**
   * Applies one optimisation step from the mean gradient {@code g} ({@code outputs × d} weights, then biases).
   *
   * @param g the gradient of the mean loss; modified in place
   */
  void step(double[] g) {
    steps++;
    int nw = outputs * d;
    for (int i = 0; i < nw; i++) {
      g[i] += wd * w[i];
    }
    for (int c = 0; c < outputs; c++) {
      g[nw + c] += biasWd * b[c];
    }
    rule.beginStep(steps);
    double lr = schedule.rate();
    for (int i = 0; i < nw + outputs; i++) {
      boolean bias = i >= nw;
      if (bias && !useBias) {
        continue;
      }
      double rate = bias ? lr * biasLrMult : lr;
      double delta = rule.delta(i, g[i], rate);
      if (bias) {
        b[i - nw] += delta;
      } else {
        double nwv = w[i] + delta;
        if (l1 > 0) { // proximal step: soft-thresholding keeps exact zeros, unlike a subgradient
          double t = rate * l1;
          nwv = nwv > t ? nwv - t : (nwv < -t ? nwv + t : 0);
        }
        w[i] = nwv;
      }
    }
    schedule.afterStep(steps);
  }

  /** @return the current weights ({@code outputs × d}), then biases, as one new array */
  double[] weightsAndBiases() {
    double[] theta = java.util.Arrays.copyOf(w, w.length + b.length);
    System.arraycopy(b, 0, theta, w.length, b.length);
    return theta;
  }

  /**
   * Takes a full-batch solution as the model's current weights; {@link #endEpoch} then records it.
   *
   * @param theta weights ({@code outputs × d}), then biases
   */
  void setWeights(double[] theta) {
    System.arraycopy(theta, 0, w, 0, w.length);
    System.arraycopy(theta, w.length, b, 0, b.length);
  }

  /**
   * Records an epoch's loss (validation loss, or training loss without a validation channel).
   *
   * @param epoch the 1-based epoch
   * @param loss the mean loss
   * @param trainLoss the epoch's mean training loss
   */
  void endEpoch(int epoch, double loss, double trainLoss) {
    if (!Double.isFinite(loss)) {
      diverged = true;
      return;
    }
    if (stopping.offer(epoch, loss)) {
      trainLossAtBest = trainLoss;
      System.arraycopy(w, 0, bestW, 0, w.length);
      System.arraycopy(b, 0, bestB, 0, b.length);
    }
  }
}

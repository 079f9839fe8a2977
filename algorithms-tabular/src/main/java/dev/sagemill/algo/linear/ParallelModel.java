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
  /** L2 weights tried when {@code wd} is auto. */
  private static final double[] WD_AUTO = {0, 1e-6, 1e-4, 0, 1e-5, 1e-3, 0, 1e-7};
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
  private final double biasWd;
  private final boolean useBias;
  private final UpdateRule rule;
  private final LearningRateSchedule schedule;
  private final EarlyStopping stopping;
  private long steps;

  double trainLossAtBest = Double.NaN;
  boolean diverged;
  double[] bestW;
  double[] bestB;

  ParallelModel(int index, int d, int outputs, LinearLearnerParams p, RandomStream rng) {
    this.index = index;
    this.d = d;
    this.outputs = outputs;
    int k = index % LR_MULT.length;
    double round = index < LR_MULT.length ? 1 : (index / LR_MULT.length % 2 == 1 ? 2 : 0.5);
    var v = p.values();
    this.baseLr = p.learningRate() * LR_MULT[k] * round;
    this.wd = v.isAuto("wd") ? WD_AUTO[k] : v.getDouble("wd") * REG_MULT[k];
    this.l1 = v.isAuto("l1") ? L1_AUTO[k] : v.getDouble("l1") * REG_MULT[(k + 3) % REG_MULT.length];
    this.biasLrMult = v.getDouble("bias_lr_mult", 1);
    this.biasWd = v.getDouble("bias_wd_mult", 0) * wd;
    this.useBias = v.getBoolean("use_bias");
    String optimizer = p.optimizer();
    Optimizer spec = new Optimizer(optimizer, v.getDouble("momentum", optimizer.equals("sgd") ? 0.9 : 0),
        v.getDouble("beta_1", 0.9), v.getDouble("beta_2", optimizer.equals("rmsprop") ? 0.9 : 0.999), EPS);
    this.rule = spec.newRule(outputs * d + outputs);
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
    rule.saveTo(out, k);
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
    rule.restoreFrom(in, k);
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

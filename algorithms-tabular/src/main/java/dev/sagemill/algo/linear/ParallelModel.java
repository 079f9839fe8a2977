package dev.sagemill.algo.linear;

import dev.sagemill.core.random.RandomStream;

/**
 * One of the {@code num_models} linear models trained side by side: its weights in normalised space, its own
 * learning rate and regularisation, its optimizer state (SGD momentum, Adam moments or RMSProp average), its
 * learning-rate schedule, and its own early stopping with a snapshot of its best epoch. Updated by one thread at a
 * time.
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
  private final String optimizer;
  private final double momentum;
  private final double beta1;
  private final double beta2;
  private final double[] m1;
  private final double[] m2;
  private long steps;
  private double lr;
  private final boolean schedule;
  private final int scheduleStep;
  private final double scheduleFactor;
  private final double minLr;

  double bestLoss = Double.POSITIVE_INFINITY;
  double trainLossAtBest = Double.NaN;
  private double patienceBest = Double.POSITIVE_INFINITY;
  private int badEpochs;
  boolean stopped;
  boolean diverged;
  int bestEpoch;
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
    this.optimizer = p.optimizer();
    this.momentum = v.getDouble("momentum", optimizer.equals("sgd") ? 0.9 : 0);
    this.beta1 = v.getDouble("beta_1", 0.9);
    this.beta2 = v.getDouble("beta_2", optimizer.equals("rmsprop") ? 0.9 : 0.999);
    int size = outputs * d + outputs;
    this.m1 = optimizer.equals("rmsprop") ? null : new double[size];
    this.m2 = optimizer.equals("sgd") ? null : new double[size];
    this.lr = baseLr;
    this.schedule = v.getBoolean("use_lr_scheduler");
    this.scheduleStep = v.getInt("lr_scheduler_step", 100);
    this.scheduleFactor = v.getDouble("lr_scheduler_factor", 0.99);
    this.minLr = v.getDouble("lr_scheduler_minimum_lr", 1e-5);
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

  /**
   * Writes the complete training state (weights, optimizer moments, schedule, early stopping, best snapshot).
   *
   * @param out the checkpoint writer
   */
  void saveTo(dev.sagemill.core.io.ModelWriter out) {
    String k = "model." + index + ".";
    out.putDoubles(k + "w", w);
    out.putDoubles(k + "b", b);
    out.putDoubles(k + "best_w", bestW);
    out.putDoubles(k + "best_b", bestB);
    if (m1 != null) {
      out.putDoubles(k + "m1", m1);
    }
    if (m2 != null) {
      out.putDoubles(k + "m2", m2);
    }
    out.putDoubles(k + "state", new double[] {steps, lr, bestLoss, patienceBest, badEpochs, stopped ? 1 : 0,
        diverged ? 1 : 0, bestEpoch, trainLossAtBest});
  }

  /**
   * Restores the state written by {@link #saveTo}.
   *
   * @param in the checkpoint reader
   * @throws java.io.IOException if an entry is missing or of the wrong size
   */
  void restoreFrom(dev.sagemill.core.io.ModelReader in) throws java.io.IOException {
    String k = "model." + index + ".";
    copy(in, k + "w", w);
    copy(in, k + "b", b);
    copy(in, k + "best_w", bestW);
    copy(in, k + "best_b", bestB);
    if (m1 != null) {
      copy(in, k + "m1", m1);
    }
    if (m2 != null) {
      copy(in, k + "m2", m2);
    }
    double[] st = in.doubles(k + "state");
    in.require(st.length == 9, k + "state has " + st.length + " values, expected 9");
    steps = (long) st[0];
    lr = st[1];
    bestLoss = st[2];
    patienceBest = st[3];
    badEpochs = (int) st[4];
    stopped = st[5] != 0;
    diverged = st[6] != 0;
    bestEpoch = (int) st[7];
    trainLossAtBest = st[8];
  }

  private static void copy(dev.sagemill.core.io.ModelReader in, String name, double[] into)
      throws java.io.IOException {
    double[] v = in.doubles(name);
    in.require(v.length == into.length, name + " has " + v.length + " values, expected " + into.length);
    System.arraycopy(v, 0, into, 0, v.length);
  }

  /** @return true while the model still trains */
  boolean active() {
    return !stopped && !diverged;
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
    double bc1 = 1 - Math.pow(beta1, steps);
    double bc2 = 1 - Math.pow(beta2, steps);
    for (int i = 0; i < nw + outputs; i++) {
      boolean bias = i >= nw;
      if (bias && !useBias) {
        continue;
      }
      double rate = bias ? lr * biasLrMult : lr;
      double delta;
      switch (optimizer) {
        case "sgd" -> {
          m1[i] = momentum * m1[i] - rate * g[i];
          delta = m1[i];
        }
        case "rmsprop" -> {
          m2[i] = beta2 * m2[i] + (1 - beta2) * g[i] * g[i];
          delta = -rate * g[i] / (Math.sqrt(m2[i]) + EPS);
        }
        default -> {
          m1[i] = beta1 * m1[i] + (1 - beta1) * g[i];
          m2[i] = beta2 * m2[i] + (1 - beta2) * g[i] * g[i];
          delta = -rate * (m1[i] / bc1) / (Math.sqrt(m2[i] / bc2) + EPS);
        }
      }
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
    if (schedule && steps % scheduleStep == 0) {
      lr = Math.max(minLr, lr * scheduleFactor);
    }
  }

  /**
   * Records an epoch's loss (validation loss, or training loss without a validation channel).
   *
   * @param epoch the 1-based epoch
   * @param loss the mean loss
   * @param trainLoss the epoch's mean training loss
   * @param patience epochs without relative improvement before stopping
   * @param tolerance the relative improvement that counts
   */
  void endEpoch(int epoch, double loss, double trainLoss, int patience, double tolerance) {
    if (!Double.isFinite(loss)) {
      diverged = true;
      return;
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      bestEpoch = epoch;
      trainLossAtBest = trainLoss;
      System.arraycopy(w, 0, bestW, 0, w.length);
      System.arraycopy(b, 0, bestB, 0, b.length);
    }
    if (patienceBest == Double.POSITIVE_INFINITY || (patienceBest - loss) > tolerance * Math.abs(patienceBest)) {
      patienceBest = Math.min(patienceBest, loss);
      badEpochs = 0;
    } else if (++badEpochs >= patience) {
      stopped = true;
    }
  }
}

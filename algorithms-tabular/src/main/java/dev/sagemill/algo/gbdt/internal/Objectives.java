package dev.sagemill.algo.gbdt.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * XGBoost's objectives by name. The formulas follow XGBoost's {@code src/objective}: e.g. logistic hessians are
 * floored at 1e-16, softmax hessians are {@code 2p(1-p)}, Poisson's hessian carries {@code exp(max_delta_step)}
 * (0.7 unless {@code max_delta_step} is given), hinge's inactive rows get the smallest positive hessian.
 */
public final class Objectives {
  /** Every supported objective name. */
  public static final List<String> NAMES = List.of("reg:squarederror", "reg:squaredlogerror", "reg:logistic",
      "reg:pseudohubererror", "reg:absoluteerror", "binary:logistic", "binary:logitraw", "binary:hinge",
      "count:poisson", "reg:gamma", "reg:tweedie", "multi:softmax", "multi:softprob", "rank:pairwise", "rank:ndcg",
      "rank:map");

  /** LightGBM objective names that {@link #lightgbm} maps onto these objectives. */
  public static final List<String> LIGHTGBM_NAMES = List.of("regression", "regression_l1", "binary", "multiclass",
      "cross_entropy", "poisson", "gamma", "tweedie", "lambdarank");

  private Objectives() {}

  /**
   * Creates a LightGBM objective: the same losses under LightGBM's names, with LightGBM's softmax hessian
   * {@code k/(k−1)·p(1−p)} instead of XGBoost's {@code 2p(1−p)}.
   *
   * @param name LightGBM objective name, one of {@link #LIGHTGBM_NAMES}
   * @param numClass classes for {@code multiclass}
   * @param tweedieVariancePower Tweedie's rho in [1, 2)
   * @return the objective
   */
  public static Objective lightgbm(String name, int numClass, double tweedieVariancePower) {
    return switch (name) {
      case "regression" -> new Squared();
      case "regression_l1" -> new Absolute();
      case "binary" -> new Logistic("binary:logistic", "logloss", true);
      case "cross_entropy" -> new Logistic("reg:logistic", "logloss", true);
      case "multiclass" -> new Softmax(true, numClass > 1 ? numClass / (numClass - 1.0) : 2.0);
      case "poisson" -> new Poisson(0.7);
      case "gamma" -> new Gamma();
      case "tweedie" -> new Tweedie(tweedieVariancePower);
      case "lambdarank" -> new LambdaRank("rank:ndcg", LambdaRank.NDCG);
      default -> throw new IllegalArgumentException("unknown LightGBM objective " + name + "; supported: "
          + LIGHTGBM_NAMES);
    };
  }

  /** Integer labels at or above this are never class labels. */
  private static final int MAX_AUTO_CLASSES = 1000;
  /** Up to this many distinct integer labels are classes whatever the row count. */
  private static final int FEW_CLASSES = 10;

  /**
   * A problem type guessed from the labels, and why, for the log.
   *
   * @param problem {@code binary}, {@code multiclass} or {@code regression}
   * @param reason the labels' shape and the rule applied
   */
  public record ProblemGuess(String problem, String reason) {}

  /**
   * The problem type of {@code objective=auto} / {@code loss_function=auto} (the JumpStart tabular algorithms,
   * LightGBM and CatBoost). {@code binary} when every label is 0 or 1. {@code multiclass} when every label is an
   * integer in [0, 1000) and the distinct labels are few for the rows: at most 10, or at most 10% of the rows (5%
   * past 1,000 rows), the rule AutoGluon uses to tell class labels from integer-valued quantities. Otherwise
   * {@code regression}: a target of 200 distinct integers in 442 rows is a quantity, not 347 classes.
   *
   * @param labels training labels
   * @return the guess, with the counts and the rule
   */
  public static ProblemGuess inferProblem(float[] labels) {
    boolean binary = true;
    boolean integers = true;
    boolean[] seen = new boolean[MAX_AUTO_CLASSES];
    int distinct = 0;
    for (float y : labels) {
      binary &= y == 0f || y == 1f;
      if (integers && y >= 0 && y < MAX_AUTO_CLASSES && y == Math.rint(y)) {
        if (!seen[(int) y]) {
          seen[(int) y] = true;
          distinct++;
        }
      } else {
        integers = false;
      }
    }
    if (binary) {
      return new ProblemGuess("binary", "every label is 0 or 1");
    }
    if (!integers) {
      return new ProblemGuess("regression", "some label is not an integer in [0, " + MAX_AUTO_CLASSES + ")");
    }
    int n = labels.length;
    double share = n > 1000 ? 0.05 : 0.10;
    long limit = Math.max(FEW_CLASSES, (long) Math.floor(share * n));
    String counts = distinct + " distinct integer labels in " + n + " rows";
    return distinct <= limit
        ? new ProblemGuess("multiclass", counts + " (classes: at most " + FEW_CLASSES + ", or " + (int) (share * 100)
            + "% of the rows)")
        : new ProblemGuess("regression", counts + ", more than " + FEW_CLASSES + " and " + (int) (share * 100)
            + "% of the rows, so a quantity; set the objective to train classes");
  }

  /** CatBoost {@code loss_function} names that {@link #catboost} maps onto these objectives. */
  public static final List<String> CATBOOST_NAMES = List.of("RMSE", "Logloss", "CrossEntropy", "MultiClass",
      "Poisson");

  /**
   * Creates a CatBoost objective: the same losses under CatBoost's names, with the softmax hessian's diagonal
   * {@code p(1−p)} as CatBoost's MultiClass Newton step uses.
   *
   * @param name CatBoost loss name, one of {@link #CATBOOST_NAMES}
   * @param numClass classes for {@code MultiClass}
   * @return the objective
   */
  public static Objective catboost(String name, int numClass) {
    return switch (name) {
      case "RMSE" -> new Squared();
      case "Logloss" -> new Logistic("binary:logistic", "logloss", true);
      case "CrossEntropy" -> new Logistic("reg:logistic", "logloss", true);
      case "MultiClass" -> new Softmax(true, 1.0);
      case "Poisson" -> new Poisson(0.7);
      default -> throw new IllegalArgumentException("unknown CatBoost loss_function " + name + "; supported: "
          + CATBOOST_NAMES);
    };
  }

  /**
   * Creates an objective.
   *
   * @param name XGBoost objective name
   * @param poissonMaxDeltaStep Poisson's hessian safeguard (XGBoost's default 0.7)
   * @param tweedieVariancePower Tweedie's rho in [1, 2)
   * @param huberSlope pseudo-Huber's delta
   * @return the objective
   */
  public static Objective of(String name, double poissonMaxDeltaStep, double tweedieVariancePower,
      double huberSlope) {
    return switch (name) {
      case "reg:squarederror" -> new Squared();
      case "reg:squaredlogerror" -> new SquaredLog();
      case "reg:logistic" -> new Logistic("reg:logistic", "rmse", true);
      case "binary:logistic" -> new Logistic("binary:logistic", "logloss", true);
      case "binary:logitraw" -> new Logistic("binary:logitraw", "auc", false);
      case "binary:hinge" -> new Hinge();
      case "reg:pseudohubererror" -> new PseudoHuber(huberSlope);
      case "reg:absoluteerror" -> new Absolute();
      case "count:poisson" -> new Poisson(poissonMaxDeltaStep);
      case "reg:gamma" -> new Gamma();
      case "reg:tweedie" -> new Tweedie(tweedieVariancePower);
      case "multi:softmax" -> new Softmax(false, 2.0);
      case "multi:softprob" -> new Softmax(true, 2.0);
      case "rank:pairwise" -> new LambdaRank("rank:pairwise", LambdaRank.PAIRWISE);
      case "rank:ndcg" -> new LambdaRank("rank:ndcg", LambdaRank.NDCG);
      case "rank:map" -> new LambdaRank("rank:map", LambdaRank.MAP);
      default -> throw new IllegalArgumentException("unknown objective " + name + "; supported: " + NAMES);
    };
  }

  /**
   * Softmax of k margins.
   *
   * @param m margins
   * @param offset first margin
   * @param k how many
   * @param out receives the probabilities
   * @param outOffset where to write
   */
  public static void softmaxInto(double[] m, int offset, int k, double[] out, int outOffset) {
    Softmax.softmax(m, offset, k, out, outOffset);
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  private static String binaryLabel(float label, String name) {
    return label >= 0 && label <= 1 ? null
        : String.format(Locale.ROOT, "label %s is outside [0, 1], as %s requires", label, name);
  }

  /**
   * Weighted mean of the labels.
   *
   * @param labels the labels
   * @param weights per-label weights, or null for 1
   * @return the mean, 0 without weight
   */
  public static double mean(float[] labels, float[] weights) {
    double sw = 0;
    double s = 0;
    for (int i = 0; i < labels.length; i++) {
      double w = weights == null ? 1 : weights[i];
      s += w * labels[i];
      sw += w;
    }
    return sw > 0 ? s / sw : 0;
  }

  /**
   * An objective whose gradient at a row depends on that row's margin, label and weight alone (one output per row),
   * so gradients can be written in any row order.
   */
  private abstract static class Pointwise implements Objective {
    /** Rows whose margins and labels {@link #gradientsAt} loads before computing their gradients. */
    private static final int GATHER_BLOCK = 512;

    /** Writes one row's weighted gradient and hessian at {@code out[at]} and {@code out[at + 1]}. */
    abstract void gradient(double margin, float label, float w, float[] out, int at);

    @Override
    public final void gradients(GradientContext c, double[] m, float[][] gh, int from, int to) {
      float[] out = gh[0];
      for (int r = from; r < to; r++) {
        gradient(m[r], c.labels[r], c.weight(r), out, 2 * r);
      }
    }

    @Override
    public final boolean pointwise() {
      return true;
    }

    @Override
    public final void gradientsAt(GradientContext c, double[] m, int[] rowAt, float[] out, int from, int to) {
      // Rows are scattered: a loop that only loads lets the processor overlap many cache misses, which the
      // gradient's arithmetic between the loads would otherwise serialise.
      double[] margins = new double[GATHER_BLOCK];
      float[] labels = new float[GATHER_BLOCK];
      float[] weights = new float[GATHER_BLOCK];
      for (int b = from; b < to; b += GATHER_BLOCK) {
        int n = Math.min(GATHER_BLOCK, to - b);
        for (int j = 0; j < n; j++) {
          int r = rowAt[b + j];
          margins[j] = m[r];
          labels[j] = c.labels[r];
        }
        if (c.weights != null) {
          for (int j = 0; j < n; j++) {
            weights[j] = c.weights[rowAt[b + j]];
          }
        }
        for (int j = 0; j < n; j++) {
          gradient(margins[j], labels[j], c.weights == null ? 1f : weights[j], out, 2 * (b + j));
        }
      }
    }
  }

  private static final class Squared extends Pointwise {
    @Override
    public String name() {
      return "reg:squarederror";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      out[at] = (float) ((margin - label) * w);
      out[at + 1] = w;
    }

    @Override
    public String defaultMetric() {
      return "rmse";
    }
  }

  private static final class SquaredLog extends Pointwise {
    @Override
    public String name() {
      return "reg:squaredlogerror";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double p = Math.max(margin, -1 + 1e-6);
      double y = label;
      double g = (Math.log1p(p) - Math.log1p(y)) / (p + 1);
      double h = Math.max((-Math.log1p(p) + Math.log1p(y) + 1) / ((p + 1) * (p + 1)), 1e-6);
      out[at] = (float) (g * w);
      out[at + 1] = (float) (h * w);
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return label > -1 && Float.isFinite(label) ? null
          : "label " + label + " must be greater than -1 for reg:squaredlogerror";
    }

    @Override
    public String defaultMetric() {
      return "rmsle";
    }
  }

  private static final class Logistic extends Pointwise {
    private final String name;
    private final String metric;
    private final boolean link;

    Logistic(String name, String metric, boolean link) {
      this.name = name;
      this.metric = metric;
      this.link = link;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double p = sigmoid(margin);
      out[at] = (float) ((p - label) * w);
      out[at + 1] = (float) (Math.max(p * (1 - p), 1e-16) * w);
    }

    @Override
    public void transform(double[] margin, int offset, int k, double[] out, int outOffset) {
      out[outOffset] = link ? sigmoid(margin[offset]) : margin[offset];
    }

    @Override
    public double baseMargin(double baseScore) {
      if (!(baseScore > 0 && baseScore < 1)) {
        throw new IllegalArgumentException("base_score must be in (0, 1) for " + name + ", got " + baseScore);
      }
      return Math.log(baseScore / (1 - baseScore));
    }

    @Override
    public double baseScoreOfMean(double mean) {
      return Math.min(1 - 1e-6, Math.max(1e-6, mean));
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return binaryLabel(label, name);
    }

    @Override
    public String defaultMetric() {
      return metric;
    }
  }

  private static final class Hinge extends Pointwise {
    @Override
    public String name() {
      return "binary:hinge";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double y = label * 2.0 - 1.0;
      if (margin * y < 1) {
        out[at] = (float) (-y * w);
        out[at + 1] = w;
      } else {
        out[at] = 0;
        out[at + 1] = Float.MIN_NORMAL;
      }
    }

    @Override
    public void transform(double[] margin, int offset, int k, double[] out, int outOffset) {
      out[outOffset] = margin[offset] > 0 ? 1 : 0;
    }

    @Override
    public double baseScoreOfMean(double mean) {
      return 0.5;
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return binaryLabel(label, "binary:hinge");
    }

    @Override
    public String defaultMetric() {
      return "error";
    }
  }

  private static final class PseudoHuber extends Pointwise {
    private final double slope;

    PseudoHuber(double slope) {
      this.slope = slope;
    }

    @Override
    public String name() {
      return "reg:pseudohubererror";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double s2 = slope * slope;
      double z = margin - label;
      double scale = Math.sqrt(1 + z * z / s2);
      out[at] = (float) (z / scale * w);
      out[at + 1] = (float) (s2 / ((s2 + z * z) * scale) * w);
    }

    @Override
    public String defaultMetric() {
      return "mphe";
    }
  }

  /** L1 regression; leaves are refreshed to the weighted median of their residuals, as XGBoost does. */
  private static final class Absolute extends Pointwise {
    @Override
    public String name() {
      return "reg:absoluteerror";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double d = margin - label;
      out[at] = d > 0 ? w : d < 0 ? -w : 0;
      out[at + 1] = w;
    }

    @Override
    public double estimateBaseScore(float[] labels, float[] weights) {
      int n = labels.length;
      double[] residual = new double[n];
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        residual[i] = labels[i];
        idx[i] = i;
      }
      return LeafRefresh.weightedQuantile(residual, weights, idx, 0, n, 0.5);
    }

    @Override
    public boolean estimatesFromMean() {
      return false;
    }

    @Override
    public boolean refreshesLeaves() {
      return true;
    }

    @Override
    public String defaultMetric() {
      return "mae";
    }
  }

  private abstract static class LogLink extends Pointwise {
    @Override
    public void transform(double[] margin, int offset, int k, double[] out, int outOffset) {
      out[outOffset] = Math.exp(margin[offset]);
    }

    @Override
    public double baseMargin(double baseScore) {
      if (!(baseScore > 0)) {
        throw new IllegalArgumentException("base_score must be > 0 for " + name() + ", got " + baseScore);
      }
      return Math.log(baseScore);
    }

    @Override
    public double baseScoreOfMean(double mean) {
      return Math.max(1e-6, mean);
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return label >= 0 && Float.isFinite(label) ? null
          : "label " + label + " is negative; " + name() + " needs labels >= 0";
    }
  }

  private static final class Poisson extends LogLink {
    private final double maxDeltaStep;

    Poisson(double maxDeltaStep) {
      this.maxDeltaStep = maxDeltaStep;
    }

    @Override
    public String name() {
      return "count:poisson";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double p = Math.exp(margin);
      out[at] = (float) ((p - label) * w);
      out[at + 1] = (float) (Math.exp(margin + maxDeltaStep) * w);
    }

    @Override
    public String defaultMetric() {
      return "poisson-nloglik";
    }
  }

  private static final class Gamma extends LogLink {
    @Override
    public String name() {
      return "reg:gamma";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double ratio = label / Math.exp(margin);
      out[at] = (float) ((1 - ratio) * w);
      out[at + 1] = (float) (ratio * w);
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return label > 0 && Float.isFinite(label) ? null : "label " + label + " must be > 0 for reg:gamma";
    }

    @Override
    public String defaultMetric() {
      return "gamma-nloglik";
    }
  }

  private static final class Tweedie extends LogLink {
    private final double rho;

    Tweedie(double rho) {
      this.rho = rho;
    }

    @Override
    public String name() {
      return "reg:tweedie";
    }

    @Override
    void gradient(double margin, float label, float w, float[] out, int at) {
      double y = label;
      double a = Math.exp((1 - rho) * margin);
      double b = Math.exp((2 - rho) * margin);
      out[at] = (float) ((-y * a + b) * w);
      out[at + 1] = (float) ((-y * (1 - rho) * a + (2 - rho) * b) * w);
    }

    @Override
    public String defaultMetric() {
      return String.format(Locale.ROOT, "tweedie-nloglik@%s", rho);
    }
  }

  private static final class Softmax implements Objective {
    private final boolean prob;
    /** The hessian is {@code factor · p(1−p)}: 2 in XGBoost, k/(k−1) in LightGBM. */
    private final double factor;

    Softmax(boolean prob, double factor) {
      this.prob = prob;
      this.factor = factor;
    }

    @Override
    public String name() {
      return prob ? "multi:softprob" : "multi:softmax";
    }

    @Override
    public int outputs(int numClass) {
      return numClass;
    }

    @Override
    public void gradients(GradientContext c, double[] m, float[][] gh, int from, int to) {
      int k = c.outputs;
      double[] p = new double[k];
      for (int r = from; r < to; r++) {
        softmax(m, r * k, k, p, 0);
        float w = c.weight(r);
        int y = (int) c.labels[r];
        for (int j = 0; j < k; j++) {
          double g = p[j] - (j == y ? 1 : 0);
          double h = Math.max(factor * p[j] * (1 - p[j]), 1e-16);
          gh[j][2 * r] = (float) (g * w);
          gh[j][2 * r + 1] = (float) (h * w);
        }
      }
    }

    static void softmax(double[] m, int offset, int k, double[] out, int outOffset) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, m[offset + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = Math.exp(m[offset + j] - max);
        out[outOffset + j] = e;
        sum += e;
      }
      for (int j = 0; j < k; j++) {
        out[outOffset + j] /= sum;
      }
    }

    @Override
    public void transform(double[] margin, int offset, int k, double[] out, int outOffset) {
      if (prob) {
        softmax(margin, offset, k, out, outOffset);
      } else {
        int best = 0;
        for (int j = 1; j < k; j++) {
          if (margin[offset + j] > margin[offset + best]) {
            best = j;
          }
        }
        out[outOffset] = best;
      }
    }

    @Override
    public int transformedWidth(int k) {
      return prob ? k : 1;
    }

    @Override
    public double baseScoreOfMean(double mean) {
      return 0.5;
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return label >= 0 && label < numClass && label == Math.rint(label) ? null
          : String.format(Locale.ROOT, "label %s is not a class index in [0, %d) (num_class = %d)", label, numClass,
              numClass);
    }

    @Override
    public String defaultMetric() {
      return prob ? "mlogloss" : "merror";
    }
  }

  /**
   * LambdaMART within query groups: every pair of documents with different relevance contributes a logistic
   * pairwise gradient, weighted by how much swapping the pair changes NDCG ({@code rank:ndcg}) or average precision
   * ({@code rank:map}), or unweighted ({@code rank:pairwise}).
   */
  private static final class LambdaRank implements Objective {
    static final int PAIRWISE = 0;
    static final int NDCG = 1;
    static final int MAP = 2;
    private final String name;
    private final int kind;

    LambdaRank(String name, int kind) {
      this.name = name;
      this.kind = kind;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean needsGroups() {
      return true;
    }

    @Override
    public double baseScoreOfMean(double mean) {
      return 0.5;
    }

    @Override
    public String labelProblem(float label, int numClass) {
      return label >= 0 && Float.isFinite(label) ? null : "relevance label " + label + " must be >= 0";
    }

    @Override
    public void gradients(GradientContext c, double[] m, float[][] gh, int from, int to) {
      float[] out = gh[0];
      int[] gp = c.groupPtr;
      int g0 = Arrays.binarySearch(gp, from);
      for (int g = g0; g < gp.length - 1 && gp[g] < to; g++) {
        group(c, m, out, gp[g], gp[g + 1]);
      }
    }

    private void group(GradientContext c, double[] m, float[] out, int b, int e) {
      int n = e - b;
      double[] grad = new double[n];
      double[] hess = new double[n];
      // Rank of each document under the current margins (for the NDCG / MAP deltas).
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Double.compare(m[b + y], m[b + x]));
      int[] rank = new int[n];
      for (int i = 0; i < n; i++) {
        rank[order[i]] = i;
      }
      double idcg = 0;
      if (kind == NDCG) {
        float[] sorted = Arrays.copyOfRange(c.labels, b, e);
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
          idcg += (Math.pow(2, sorted[n - 1 - i]) - 1) / log2(i + 2);
        }
      }
      int[] relBefore = null;
      int relevant = 0;
      if (kind == MAP) {
        relBefore = new int[n + 1];
        for (int i = 0; i < n; i++) {
          relBefore[i + 1] = relBefore[i] + (c.labels[b + order[i]] > 0 ? 1 : 0);
        }
        relevant = relBefore[n];
      }
      float w = c.weight(b);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          float yi = c.labels[b + i];
          float yj = c.labels[b + j];
          if (!(yi > yj)) {
            continue;
          }
          double delta = switch (kind) {
            case NDCG -> idcg > 0 ? Math.abs((Math.pow(2, yi) - Math.pow(2, yj))
                * (1 / log2(rank[i] + 2) - 1 / log2(rank[j] + 2))) / idcg : 0;
            case MAP -> deltaMap(rank[i], rank[j], relBefore, relevant, yi > 0, yj > 0);
            default -> 1;
          };
          double rho = sigmoid(-(m[b + i] - m[b + j]));
          double lg = rho * delta;
          double lh = Math.max(rho * (1 - rho) * delta, 1e-16);
          grad[i] -= lg;
          grad[j] += lg;
          hess[i] += 2 * lh;
          hess[j] += 2 * lh;
        }
      }
      for (int i = 0; i < n; i++) {
        out[2 * (b + i)] = (float) (grad[i] * w);
        out[2 * (b + i) + 1] = (float) (Math.max(hess[i], 1e-16) * w);
      }
    }

    /** Change of average precision when the documents at ranks ri and rj swap (binary relevance: label > 0). */
    private static double deltaMap(int ri, int rj, int[] relBefore, int relevant, boolean relI, boolean relJ) {
      if (relI == relJ || relevant == 0) {
        return 0;
      }
      int lo = Math.min(ri, rj);
      int hi = Math.max(ri, rj);
      // The moved relevant document's own precision term changes, and every relevant document ranked between the
      // two loses (relevant moving down) or gains (moving up) one relevant document above it: 1/rank each.
      boolean relAtLo = lo == ri ? relI : relJ;
      double change = 0;
      if (relAtLo) {
        // relevant goes down from lo to hi
        change -= (double) (relBefore[lo] + 1) / (lo + 1);
        change += (double) relBefore[hi + 1] / (hi + 1);
      } else {
        change += (double) (relBefore[lo] + 1) / (lo + 1);
        change -= (double) relBefore[hi + 1] / (hi + 1);
      }
      double between = 0;
      for (int r = lo + 1; r < hi; r++) {
        if (relBefore[r + 1] > relBefore[r]) {
          between += 1.0 / (r + 1);
        }
      }
      change += relAtLo ? -between : between;
      return Math.abs(change) / relevant;
    }

    private static double log2(double x) {
      return Math.log(x) / Math.log(2);
    }

    @Override
    public String defaultMetric() {
      return kind == NDCG ? "ndcg" : "map";
    }
  }
}

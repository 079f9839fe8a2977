package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.metrics.RocArea;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.math3.special.Gamma;

/**
 * An XGBoost evaluation metric ({@code eval_metric}), computed on transformed predictions (probabilities, means)
 * or, for ranking metrics, on margins, with XGBoost's definitions (e.g. {@code error} counts
 * {@code prediction > 0.5} as positive; {@code ndcg} uses gain 2^rel − 1 and scores a query without relevant
 * documents as 1, or 0 for the {@code ndcg-} form). Immutable and thread-safe.
 */
public abstract class EvalMetric {
  /** Every metric family name accepted (parameterised forms such as {@code error@0.7}, {@code ndcg@10} too). */
  public static final List<String> NAMES = List.of("rmse", "rmsle", "mae", "mape", "mphe", "mse", "r2", "logloss",
      "error", "accuracy", "f1", "auc", "aucpr", "merror", "mlogloss", "poisson-nloglik", "gamma-nloglik",
      "gamma-deviance", "tweedie-nloglik", "ndcg", "map");

  /** Rows per chunk below which splitting a metric's work over threads costs more than it saves. */
  static final int MIN_CHUNK = 1 << 16;
  /** Rows per block of a pointwise metric's sum. */
  private static final int SUM_BLOCK = 8192;

  private final String name;
  private final boolean higherIsBetter;

  EvalMetric(String name, boolean higherIsBetter) {
    this.name = name;
    this.higherIsBetter = higherIsBetter;
  }

  /** @return the name as XGBoost prints it, e.g. {@code error@0.7} */
  public String name() {
    return name;
  }

  /** @return true if larger values are better (auc, ndcg, map, accuracy, f1, r2) */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /**
   * Evaluates the metric.
   *
   * @param d labels, weights, groups, margins and predictions
   * @return the value
   */
  public abstract double evaluate(EvalData d);

  @Override
  public String toString() {
    return name;
  }

  /** XGBoost {@code eval_metric} names accepted by {@link #of(String)} (without their {@code @} arguments). */
  public static final List<String> XGBOOST_NAMES = List.of("rmse", "mse", "rmsle", "mae", "mape", "mphe", "logloss",
      "error", "accuracy", "poisson-nloglik", "gamma-nloglik", "gamma-deviance", "tweedie-nloglik", "r2", "f1", "auc",
      "aucpr", "merror", "mlogloss", "ndcg", "map");

  /**
   * Parses an {@code eval_metric} name.
   *
   * @param spec a name such as {@code auc}, {@code error@0.7}, {@code ndcg@5-}
   * @return the metric
   * @throws IllegalArgumentException naming the supported metrics
   */
  public static EvalMetric of(String spec) {
    String s = spec.trim();
    String base = s;
    String arg = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      base = s.substring(0, at);
      arg = s.substring(at + 1);
    }
    boolean minus = false;
    if ((base.equals("ndcg-") || base.equals("map-"))) {
      minus = true;
      base = base.substring(0, base.length() - 1);
    }
    if (arg != null && arg.endsWith("-")) {
      minus = true;
      arg = arg.substring(0, arg.length() - 1);
    }
    try {
      switch (base) {
        case "rmse":
          return pointwise(s, false, (y, p) -> (y - p) * (y - p), true);
        case "mse":
          return pointwise(s, false, (y, p) -> (y - p) * (y - p), false);
        case "rmsle":
          return pointwise(s, false, (y, p) -> sq(Math.log1p(p) - Math.log1p(y)), true);
        case "mae":
          return pointwise(s, false, (y, p) -> Math.abs(y - p), false);
        case "mape":
          return pointwise(s, false, (y, p) -> Math.abs((y - p) / y), false);
        case "mphe":
          return pointwise(s, false, (y, p) -> Math.sqrt(1 + sq(p - y)) - 1, false);
        case "logloss":
          return pointwise(s, false, (y, p) -> {
            double q = Math.min(1 - 1e-16, Math.max(1e-16, p));
            return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
          }, false);
        case "error": {
          double t = arg == null ? 0.5 : Double.parseDouble(arg);
          return pointwise(s, false, (y, p) -> (p > t ? 1 : 0) != y ? 1 : 0, false);
        }
        case "accuracy":
          return pointwise(s, true, (y, p) -> (p > 0.5 ? 1 : 0) == y ? 1 : 0, false);
        case "poisson-nloglik":
          return pointwise(s, false, (y, p) -> {
            double q = Math.max(p, 1e-16);
            return Gamma.logGamma(y + 1) + q - Math.log(q) * y;
          }, false);
        case "gamma-nloglik":
          return pointwise(s, false, (y, p) -> y / p + Math.log(p), false);
        case "gamma-deviance":
          return pointwise(s, false, (y, p) -> 2 * (Math.log(p / y) + y / p - 1), false);
        case "tweedie-nloglik": {
          double rho = arg == null ? 1.5 : Double.parseDouble(arg);
          String name = String.format(Locale.ROOT, "tweedie-nloglik@%s", rho);
          return pointwise(name, false, (y, p) -> -y * Math.exp((1 - rho) * Math.log(p)) / (1 - rho)
              + Math.exp((2 - rho) * Math.log(p)) / (2 - rho), false);
        }
        case "r2":
          return new R2();
        case "f1":
          return new F1();
        case "auc":
          return new Auc(false);
        case "aucpr":
          return new Auc(true);
        case "merror":
          return new MultiClass("merror", false);
        case "mlogloss":
          return new MultiClass("mlogloss", true);
        case "ndcg":
        case "map": {
          int k = arg == null || arg.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(arg);
          if (k <= 0) {
            throw new IllegalArgumentException("cutoff must be > 0");
          }
          return new RankMetric(s, base.equals("ndcg"), k, minus);
        }
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("eval_metric " + spec + " has a malformed parameter after @", e);
    }
    throw new IllegalArgumentException("unknown eval_metric " + spec + "; supported: " + NAMES
        + " (with error@t, ndcg@n, map@n, ndcg-, map-, tweedie-nloglik@rho)");
  }

  /**
   * Splits a metric list as SageMaker passes it: comma-separated, optionally as a JSON/Python list
   * ({@code ["auc", 'logloss']}).
   *
   * @param s the hyperparameter value
   * @return the trimmed, non-blank names in order
   */
  public static List<String> parseList(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.replace("[", "").replace("]", "").replace("\"", "").replace("'", "").split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  /** The median of |label − prediction|. */
  static final class MedianAbsoluteError extends EvalMetric {
    MedianAbsoluteError() {
      super("MedianAbsoluteError", false);
    }

    @Override
    public double evaluate(EvalData d) {
      if (d.width != 1) {
        throw new IllegalArgumentException("MedianAbsoluteError needs one prediction per row");
      }
      double[] preds = d.preds();
      double[] err = new double[d.labels.length];
      for (int r = 0; r < err.length; r++) {
        err[r] = Math.abs(d.labels[r] - preds[r]);
      }
      Arrays.sort(err);
      int n = err.length;
      return n == 0 ? Double.NaN : n % 2 == 1 ? err[n / 2] : 0.5 * (err[n / 2 - 1] + err[n / 2]);
    }
  }

  /**
   * Metrics of the predicted class: binary precision, recall and F1 of class 1, accuracy, and balanced accuracy
   * (mean per-class recall), weighted.
   */
  static final class ClassDecision extends EvalMetric {
    ClassDecision(String name) {
      super(name, true);
    }

    @Override
    public double evaluate(EvalData d) {
      int n = d.labels.length;
      int classes = d.width == 1 ? 2 : d.width;
      double[] preds = d.preds();
      double[] predicted = new double[n];
      for (int r = 0; r < n; r++) {
        predicted[r] = d.width == 1 ? (preds[r] > 0.5 ? 1 : 0) : Metrics.argmax(preds, r * d.width, d.width);
      }
      switch (name()) {
        case "Precision":
          return Metrics.precision(d.labelsAsDouble(), predicted, d.weightsAsDouble());
        case "Recall":
          return Metrics.recall(d.labelsAsDouble(), predicted, d.weightsAsDouble());
        case "F1":
          return Metrics.f1(d.labelsAsDouble(), predicted, d.weightsAsDouble());
        case "Accuracy":
          return Metrics.accuracy(d.labelsAsDouble(), predicted, d.weightsAsDouble());
        default:
          double[] hit = new double[classes];
          double[] total = new double[classes];
          for (int r = 0; r < n; r++) {
            int y = (int) d.labels[r];
            total[y] += d.w(r);
            hit[y] += predicted[r] == y ? d.w(r) : 0;
          }
          double sum = 0;
          int present = 0;
          for (int c = 0; c < classes; c++) {
            if (total[c] > 0) {
              sum += hit[c] / total[c];
              present++;
            }
          }
          return sum / present;
      }
    }
  }

  static EvalMetric renamed(String name, EvalMetric m) {
    return new EvalMetric(name, m.higherIsBetter()) {
      @Override
      public double evaluate(EvalData d) {
        return m.evaluate(d);
      }
    };
  }

  /** LightGBM's average precision: {@code Σ (R_n − R_{n−1}) P_n}, rows with equal scores taken together. */
  static final class AveragePrecision extends EvalMetric {
    AveragePrecision() {
      super("average_precision", true);
    }

    @Override
    public double evaluate(EvalData d) {
      if (d.width != 1) {
        throw new IllegalArgumentException("average_precision needs one prediction per row");
      }
      int n = d.labels.length;
      double[] preds = d.preds();
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(preds[b], preds[a]));
      double positives = 0;
      for (int i = 0; i < n; i++) {
        positives += d.labels[i] > 0 ? d.w(i) : 0;
      }
      if (positives == 0) {
        return 1;
      }
      double tp = 0;
      double all = 0;
      double ap = 0;
      for (int i = 0; i < n; ) {
        int j = i;
        double tpRun = 0;
        double allRun = 0;
        while (j < n && preds[order[j]] == preds[order[i]]) {
          tpRun += d.labels[order[j]] > 0 ? d.w(order[j]) : 0;
          allRun += d.w(order[j]);
          j++;
        }
        tp += tpRun;
        all += allRun;
        ap += (tpRun / positives) * (tp / all);
        i = j;
      }
      return ap;
    }
  }

  /** AUC-mu (Kleiman and Page, 2019) with unit costs: the mean over class pairs of the AUC of {@code p_i − p_j}. */
  static final class AucMu extends EvalMetric {
    AucMu() {
      super("auc_mu", true);
    }

    @Override
    public double evaluate(EvalData d) {
      int k = d.width;
      if (k < 2) {
        throw new IllegalArgumentException("auc_mu needs a multiclass objective");
      }
      int n = d.labels.length;
      double[] preds = d.preds();
      double sum = 0;
      int pairs = 0;
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          int m = 0;
          for (int r = 0; r < n; r++) {
            m += d.labels[r] == i || d.labels[r] == j ? 1 : 0;
          }
          double[] y = new double[m];
          double[] score = new double[m];
          double[] w = d.weights == null ? null : new double[m];
          int c = 0;
          for (int r = 0; r < n; r++) {
            if (d.labels[r] == i || d.labels[r] == j) {
              y[c] = d.labels[r] == i ? 1 : 0;
              score[c] = preds[r * k + i] - preds[r * k + j];
              if (w != null) {
                w[c] = d.weights[r];
              }
              c++;
            }
          }
          double auc = BinaryAuc.auc(y, score, w);
          if (!Double.isNaN(auc)) {
            sum += auc;
            pairs++;
          }
        }
      }
      return pairs == 0 ? Double.NaN : sum / pairs;
    }
  }

  private static double sq(double x) {
    return x * x;
  }

  /** A per-row quantity averaged with weights (and square-rooted for the root-mean metrics). */
  interface RowLoss {
    double of(double label, double prediction);
  }

  static EvalMetric pointwise(String name, boolean higher, RowLoss loss, boolean root) {
    return new EvalMetric(name, higher) {
      @Override
      public double evaluate(EvalData d) {
        if (d.width != 1) {
          throw new IllegalArgumentException(name + " needs one prediction per row, got " + d.width);
        }
        double s = sumOverChunks(d.pool, d.labels.length, (from, to) -> {
          double[] part = {0};
          d.forPredictionBlocks(from, to, (b, e, preds) -> {
            for (int r = b; r < e; r++) {
              part[0] += d.w(r) * loss.of(d.labels[r], preds[r - b]);
            }
            return true;
          });
          return part[0];
        });
        double mean = s / d.sumW();
        return root ? Math.sqrt(mean) : mean;
      }
    };
  }

  private static final class R2 extends EvalMetric {
    R2() {
      super("r2", true);
    }

    @Override
    public double evaluate(EvalData d) {
      return Metrics.r2(d.labelsAsDouble(), d.preds(), d.weightsAsDouble());
    }
  }

  private static final class F1 extends EvalMetric {
    F1() {
      super("f1", true);
    }

    @Override
    public double evaluate(EvalData d) {
      double[] preds = d.preds();
      double[] label = new double[d.labels.length];
      for (int r = 0; r < label.length; r++) {
        label[r] = preds[r] > 0.5 ? 1 : 0;
      }
      return Metrics.f1(d.labelsAsDouble(), label, d.weightsAsDouble());
    }
  }

  /** Binary AUC / AUC-PR; for multiclass, one-vs-rest averaged with class prevalence weights (as XGBoost). */
  private static final class Auc extends EvalMetric {
    private final boolean pr;

    Auc(boolean pr) {
      super(pr ? "aucpr" : "auc", true);
      this.pr = pr;
    }

    @Override
    public double evaluate(EvalData d) {
      if (d.width == 1) {
        return pr ? Metrics.aucpr(d.labelsAsDouble(), d.preds(), d.weightsAsDouble()) : BinaryAuc.auc(d);
      }
      int n = d.labels.length;
      int k = d.width;
      double[] preds = d.preds();
      double total = 0;
      double sum = 0;
      double[] y = new double[n];
      double[] score = new double[n];
      for (int c = 0; c < k; c++) {
        double prevalence = 0;
        for (int r = 0; r < n; r++) {
          y[r] = d.labels[r] == c ? 1 : 0;
          score[r] = preds[r * k + c];
          prevalence += y[r] * d.w(r);
        }
        if (prevalence == 0 || prevalence == d.sumW()) {
          continue;
        }
        double[] w = d.weightsAsDouble();
        double a = pr ? Metrics.aucpr(y, score, w) : Metrics.auc(y, score, w);
        sum += prevalence * a;
        total += prevalence;
      }
      return total > 0 ? sum / total : Double.NaN;
    }
  }

  static int chunksFor(ForkJoinPool pool, int n) {
    return pool == null ? 1 : Math.max(1, Math.min(pool.getParallelism(), n / MIN_CHUNK));
  }

  /** Runs {@code body} over {@code [0, n)} in contiguous chunks, on {@code pool}'s threads when it is not null. */
  static void forChunks(ForkJoinPool pool, int n, RangeBody body) {
    int chunks = chunksFor(pool, n);
    PoolTasks.run(pool, chunks, c -> body.run(PoolTasks.chunkStart(n, c, chunks),
        PoolTasks.chunkStart(n, c + 1, chunks)));
  }

  /**
   * Sums {@code body}'s results over fixed blocks of {@code [0, n)} in block order, the blocks spread over
   * {@code pool}'s threads: the blocks do not depend on the thread count, so neither does the sum, and a table of
   * tens of thousands of rows is already scored on every thread.
   */
  private static double sumOverChunks(ForkJoinPool pool, int n, RangeSum body) {
    int blocks = Math.max(1, (n + SUM_BLOCK - 1) / SUM_BLOCK);
    double[] part = new double[blocks];
    java.util.function.IntConsumer block = k -> part[k] = body.sum(k * SUM_BLOCK, Math.min(n, (k + 1) * SUM_BLOCK));
    if (pool == null) {
      for (int k = 0; k < blocks; k++) {
        block.accept(k);
      }
    } else {
      PoolTasks.run(pool, blocks, block);
    }
    double s = 0;
    for (double v : part) {
      s += v;
    }
    return s;
  }

  /** A sum over a range of rows. */
  @FunctionalInterface
  private interface RangeSum {
    double sum(int from, int to);
  }

  /** A loop over a range of rows. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  private static final class MultiClass extends EvalMetric {
    private final boolean logloss;

    MultiClass(String name, boolean logloss) {
      super(name, false);
      this.logloss = logloss;
    }

    @Override
    public double evaluate(EvalData d) {
      if (d.width < 2) {
        throw new IllegalArgumentException(name() + " needs a multi:* objective");
      }
      return logloss ? Metrics.mlogloss(d.labelsAsDouble(), d.preds(), d.width, d.weightsAsDouble())
          : Metrics.merror(d.labelsAsDouble(), d.preds(), d.width, d.weightsAsDouble());
    }
  }

  /** NDCG@k / MAP@k averaged over query groups (each group's weight is its first row's weight). */
  private static final class RankMetric extends EvalMetric {
    private final boolean ndcg;
    private final int k;
    private final boolean minus;

    RankMetric(String name, boolean ndcg, int k, boolean minus) {
      super(name, true);
      this.ndcg = ndcg;
      this.k = k;
      this.minus = minus;
    }

    @Override
    public double evaluate(EvalData d) {
      int[] gp = d.groupPtr != null ? d.groupPtr : new int[] {0, d.labels.length};
      double sum = 0;
      double sw = 0;
      for (int g = 0; g + 1 < gp.length; g++) {
        int b = gp[g];
        int n = gp[g + 1] - b;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        // Stable sort by score, descending.
        Arrays.sort(order, (x, y) -> Double.compare(d.margins[(b + y) * d.outputs], d.margins[(b + x) * d.outputs]));
        double value = ndcg ? ndcg(d.labels, b, order) : averagePrecision(d.labels, b, order);
        double w = d.w(b);
        sum += w * value;
        sw += w;
      }
      return sw > 0 ? sum / sw : 0;
    }

    private double ndcg(float[] y, int b, Integer[] order) {
      int n = order.length;
      int cut = Math.min(k, n);
      double dcg = 0;
      for (int i = 0; i < cut; i++) {
        dcg += (Math.pow(2, y[b + order[i]]) - 1) / (Math.log(i + 2) / Math.log(2));
      }
      float[] ideal = Arrays.copyOfRange(y, b, b + n);
      Arrays.sort(ideal);
      double idcg = 0;
      for (int i = 0; i < cut; i++) {
        idcg += (Math.pow(2, ideal[n - 1 - i]) - 1) / (Math.log(i + 2) / Math.log(2));
      }
      if (idcg == 0) {
        return minus ? 0 : 1;
      }
      return dcg / idcg;
    }

    private double averagePrecision(float[] y, int b, Integer[] order) {
      int cut = Math.min(k, order.length);
      int hits = 0;
      double sum = 0;
      for (int i = 0; i < cut; i++) {
        if (y[b + order[i]] > 0) {
          hits++;
          sum += (double) hits / (i + 1);
        }
      }
      int relevant = 0;
      for (int i = 0; i < order.length; i++) {
        if (y[b + order[i]] > 0) {
          relevant++;
        }
      }
      if (relevant == 0) {
        return minus ? 0 : 1;
      }
      return sum / Math.min(relevant, cut);
    }
  }

  /**
   * Parses a comma-separated or repeated list of metric names.
   *
   * @param specs the names
   * @return the metrics in order
   */
  public static List<EvalMetric> parseAll(List<String> specs) {
    List<EvalMetric> out = new ArrayList<>();
    for (String s : specs) {
      out.add(of(s));
    }
    return out;
  }
}

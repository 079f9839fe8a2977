package dev.sagemill.algo.gbdt;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.metrics.Metrics;
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
  private static final int MIN_CHUNK = 1 << 16;

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

  /**
   * The rows being scored: labels, optional weights and query groups, margins, and the transformed predictions
   * (computed on first use, so that metrics which read them block by block never hold a copy per row).
   */
  public static final class EvalData {
    /** Rows per block when predictions are computed block by block. */
    private static final int BLOCK = 1024;

    final float[] labels;
    final float[] weights;
    final int[] groupPtr;
    final double[] margins;
    final int outputs;
    final int width;
    /** Threads for metrics that split their work (the AUC's sort), or null for the calling thread. */
    final ForkJoinPool pool;
    private final Objective objective;
    private double[] preds;
    private double[] labelsAsDouble;
    private double[] weightsAsDouble;

    /**
     * @param labels one per row
     * @param weights one per row, or null
     * @param groupPtr query boundaries or null
     * @param margins rows × outputs
     * @param outputs margins per row
     * @param objective maps margins to predictions
     */
    public EvalData(float[] labels, float[] weights, int[] groupPtr, double[] margins, int outputs,
        Objective objective) {
      this(labels, weights, groupPtr, margins, outputs, objective, null);
    }

    /**
     * @param labels one per row (not copied)
     * @param weights one per row, or null (not copied)
     * @param groupPtr query boundaries or null
     * @param margins rows × outputs
     * @param outputs margins per row
     * @param objective maps margins to predictions
     * @param pool threads for the predictions and for metrics that split their work, or null for the calling thread
     */
    public EvalData(float[] labels, float[] weights, int[] groupPtr, double[] margins, int outputs,
        Objective objective, ForkJoinPool pool) {
      this.pool = pool;
      this.labels = labels;
      this.weights = weights;
      this.groupPtr = groupPtr;
      this.margins = margins;
      this.outputs = outputs;
      this.objective = objective;
      // Probabilities for every multiclass metric, whatever softmax/softprob outputs at inference.
      this.width = outputs > 1 ? outputs : objective.transformedWidth(outputs);
    }

    /**
     * Writes the predictions of rows {@code [from, to)}, {@code width} per row, to {@code out} from index 0.
     *
     * @param from first row
     * @param to end row (exclusive)
     * @param out receives {@code (to − from) × width} values
     */
    void predictions(int from, int to, double[] out) {
      for (int r = from; r < to; r++) {
        if (outputs > 1) {
          Objectives.softmaxInto(margins, r * outputs, outputs, out, (r - from) * width);
        } else {
          objective.transform(margins, r * outputs, outputs, out, (r - from) * width);
        }
      }
    }

    /**
     * Runs {@code body} over rows {@code [from, to)} in blocks, each with its predictions, so that no prediction is
     * stored per row; stops at the first block for which it returns false.
     *
     * @return false if {@code body} stopped the loop
     */
    boolean forPredictionBlocks(int from, int to, PredictionBlock body) {
      double[] buffer = new double[BLOCK * width];
      for (int b = from; b < to; b += BLOCK) {
        int e = Math.min(to, b + BLOCK);
        predictions(b, e, buffer);
        if (!body.run(b, e, buffer)) {
          return false;
        }
      }
      return true;
    }

    /** @return every row's predictions, {@code rows × width} (computed once, on first use) */
    double[] preds() {
      if (preds == null) {
        double[] all = new double[labels.length * width];
        forChunks(pool, labels.length, (from, to) -> {
          double[] buffer = new double[(to - from) * width];
          predictions(from, to, buffer);
          System.arraycopy(buffer, 0, all, from * width, buffer.length);
        });
        preds = all;
      }
      return preds;
    }

    /** @return the labels widened to double (for the shared metrics in core; computed once) */
    double[] labelsAsDouble() {
      if (labelsAsDouble == null) {
        labelsAsDouble = widen(labels);
      }
      return labelsAsDouble;
    }

    /** @return the weights widened to double, or null (computed once) */
    double[] weightsAsDouble() {
      if (weightsAsDouble == null && weights != null) {
        weightsAsDouble = widen(weights);
      }
      return weightsAsDouble;
    }

    private static double[] widen(float[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }

    /**
     * @param rows labelled rows
     * @return their (first) labels
     */
    public static float[] labelsOf(RowBatch rows) {
      float[] y = new float[rows.rows()];
      for (int r = 0; r < y.length; r++) {
        y[r] = rows.label(r);
      }
      return y;
    }

    /**
     * @param rows rows
     * @return their weights, or null when they carry none
     */
    public static float[] weightsOf(RowBatch rows) {
      if (!rows.hasWeights()) {
        return null;
      }
      float[] w = new float[rows.rows()];
      for (int r = 0; r < w.length; r++) {
        w[r] = rows.weight(r);
      }
      return w;
    }

    double w(int r) {
      return weights == null ? 1 : weights[r];
    }

    double sumW() {
      if (weights == null) {
        return labels.length;
      }
      double s = 0;
      for (double v : weights) {
        s += v;
      }
      return s;
    }
  }

  /** A block of rows with their predictions ({@code width} per row, from index 0); false stops the loop. */
  @FunctionalInterface
  interface PredictionBlock {
    boolean run(int from, int to, double[] preds);
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

  /** LightGBM metric names accepted by {@link #lightgbm(String)}. */
  public static final List<String> LIGHTGBM_NAMES = List.of("rmse", "l1", "l2", "huber", "fair", "binary_logloss",
      "binary_error", "auc", "average_precision", "multi_logloss", "multi_error", "auc_mu", "cross_entropy", "ndcg",
      "map");

  /**
   * Parses a LightGBM {@code metric} name; the metric reports under that name. Definitions follow LightGBM's
   * {@code src/metric}: {@code l2} is the mean squared error, {@code huber} uses {@code alpha = 0.9}, {@code fair}
   * uses {@code c = 1}, {@code average_precision} is {@code Σ (R_n − R_{n−1}) P_n} over descending scores, and
   * {@code auc_mu} is Kleiman and Page's multiclass AUC with unit misclassification costs (the mean over class
   * pairs of the AUC of {@code p_i − p_j}).
   *
   * @param name a LightGBM metric name, {@code ndcg@k} / {@code map@k} allowed
   * @return the metric
   * @throws IllegalArgumentException naming the supported metrics
   */
  public static EvalMetric lightgbm(String name) {
    String s = name.trim();
    return switch (s.contains("@") ? s.substring(0, s.indexOf('@')) : s) {
      case "rmse" -> renamed(s, of("rmse"));
      case "l1" -> renamed(s, of("mae"));
      case "l2" -> renamed(s, of("mse"));
      case "huber" -> pointwise(s, false, (y, p) -> {
        double diff = Math.abs(p - y);
        return diff <= 0.9 ? 0.5 * diff * diff : 0.9 * (diff - 0.45);
      }, false);
      case "fair" -> pointwise(s, false, (y, p) -> {
        double x = Math.abs(p - y);
        return x - Math.log1p(x);
      }, false);
      case "binary_logloss", "cross_entropy" -> renamed(s, of("logloss"));
      case "binary_error" -> renamed(s, of("error"));
      case "auc" -> of("auc");
      case "average_precision" -> new AveragePrecision();
      case "multi_logloss" -> renamed(s, of("mlogloss"));
      case "multi_error" -> renamed(s, of("merror"));
      case "auc_mu" -> new AucMu();
      case "ndcg", "map" -> of(s);
      default -> throw new IllegalArgumentException("unknown metric " + name + "; supported: " + LIGHTGBM_NAMES);
    };
  }

  /** CatBoost metric names accepted by {@link #catboost(String)} (SageMaker CatBoost's tuning metrics). */
  public static final List<String> CATBOOST_NAMES = List.of("RMSE", "MAE", "MedianAbsoluteError", "R2", "Logloss",
      "CrossEntropy", "Precision", "Recall", "F1", "AUC", "MultiClass", "Accuracy", "BalancedAccuracy", "Poisson");

  /**
   * Parses a CatBoost {@code eval_metric} name; the metric reports under that name. Class decisions take the most
   * probable class (probability above 0.5 for binary, as CatBoost's default border); {@code BalancedAccuracy} is the
   * mean recall over classes; {@code MedianAbsoluteError} ignores weights, as CatBoost's.
   *
   * @param name a CatBoost metric name
   * @return the metric
   * @throws IllegalArgumentException naming the supported metrics
   */
  public static EvalMetric catboost(String name) {
    String s = name.trim();
    return switch (s) {
      case "RMSE" -> renamed(s, of("rmse"));
      case "MAE" -> renamed(s, of("mae"));
      case "R2" -> renamed(s, of("r2"));
      case "Logloss", "CrossEntropy" -> renamed(s, of("logloss"));
      case "AUC" -> renamed(s, of("auc"));
      case "MultiClass" -> renamed(s, of("mlogloss"));
      case "Poisson" -> renamed(s, of("poisson-nloglik"));
      case "MedianAbsoluteError" -> new MedianAbsoluteError();
      case "Precision", "Recall", "F1", "Accuracy", "BalancedAccuracy" -> new ClassDecision(s);
      default -> throw new IllegalArgumentException("unknown eval_metric " + name + "; supported: "
          + CATBOOST_NAMES);
    };
  }

  /** The median of |label − prediction|. */
  private static final class MedianAbsoluteError extends EvalMetric {
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
  private static final class ClassDecision extends EvalMetric {
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

  private static EvalMetric renamed(String name, EvalMetric m) {
    return new EvalMetric(name, m.higherIsBetter()) {
      @Override
      public double evaluate(EvalData d) {
        return m.evaluate(d);
      }
    };
  }

  /** LightGBM's average precision: {@code Σ (R_n − R_{n−1}) P_n}, rows with equal scores taken together. */
  private static final class AveragePrecision extends EvalMetric {
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
  private static final class AucMu extends EvalMetric {
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
          double auc = binaryAuc(y, score, w);
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
  private interface RowLoss {
    double of(double label, double prediction);
  }

  private static EvalMetric pointwise(String name, boolean higher, RowLoss loss, boolean root) {
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
        return pr ? Metrics.aucpr(d.labelsAsDouble(), d.preds(), d.weightsAsDouble()) : binaryAuc(d);
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

  /**
   * Binary AUC on float32 predictions, as XGBoost scores them: rows ordered by a radix sort of the scores' bits
   * (linear time), ties between equal scores counted half.
   */
  static double binaryAuc(double[] y, double[] score, double[] weights) {
    return binaryAuc(y, score, weights, null);
  }

  /**
   * The binary AUC of a single-output set. Unweighted, it is computed from the margins block by block, so no
   * prediction or label is copied per row (one int per row for the sort, and its scratch array).
   */
  static double binaryAuc(EvalData d) {
    if (d.weights == null) {
      double auc = nonNegativeAuc(d.labels.length, d.pool, (from, to, keys) ->
          d.forPredictionBlocks(from, to, (b, e, preds) -> {
            for (int i = b; i < e; i++) {
              if (!nonNegativeKey(preds[i - b], d.labels[i] > 0.5f, keys, i)) {
                return false;
              }
            }
            return true;
          }));
      if (!Double.isInfinite(auc)) {
        return auc;
      }
    }
    return binaryAuc(d.labelsAsDouble(), d.preds(), d.weightsAsDouble(), d.pool);
  }

  /** {@link #binaryAuc(double[], double[], double[])}, its sort's passes split over {@code pool} (null: here). */
  static double binaryAuc(double[] y, double[] score, double[] weights, ForkJoinPool pool) {
    if (weights == null) {
      double auc = nonNegativeAuc(y.length, pool, (from, to, keys) -> {
        for (int i = from; i < to; i++) {
          if (!nonNegativeKey(score[i], y[i] > 0.5, keys, i)) {
            return false;
          }
        }
        return true;
      });
      if (!Double.isInfinite(auc)) {
        return auc;
      }
    }
    int n = y.length;
    // Each row becomes one long: its score's order key above, and below either its label (unweighted) or its index
    // (weighted), so the sort carries what the sweep needs and the sweep reads memory in order.
    long[] rows = new long[n];
    forChunks(pool, n, (from, to) -> {
      for (int i = from; i < to; i++) {
        float f = (float) score[i];
        int key = RadixSort.orderKey(f != f ? Float.NEGATIVE_INFINITY : f);
        long payload = weights == null ? (y[i] > 0.5 ? 1 : 0) : i;
        rows[i] = (long) key << 32 | payload;
      }
    });
    radixSortByHighHalf(rows, pool);
    RocArea roc = new RocArea();
    int i = n - 1;
    while (i >= 0) {
      long group = rows[i] >>> 32;
      double gtp = 0;
      double gfp = 0;
      for (; i >= 0 && rows[i] >>> 32 == group; i--) {
        if (weights == null) {
          int positive = (int) rows[i] & 1;
          gtp += positive;
          gfp += 1 - positive;
        } else {
          int r = (int) rows[i];
          double w = weights[r];
          if (y[r] > 0.5) {
            gtp += w;
          } else {
            gfp += w;
          }
        }
      }
      roc.addGroup(gtp, gfp);
    }
    return roc.auc();
  }

  /**
   * The unweighted AUC when every score is a non-negative float (probabilities), in half the memory of the general
   * path: a non-negative float's bits fit 31 bits and keep its order, so each row is one int, its score's bits above
   * its label. Returns infinity, having looked at nothing else, when some score is negative or NaN.
   */
  private static double nonNegativeAuc(int n, ForkJoinPool pool, SortKeys fill) {
    int[] keys = new int[n];
    boolean[] negative = new boolean[1];
    forChunks(pool, n, (from, to) -> {
      if (!fill.fill(from, to, keys)) {
        negative[0] = true;
      }
    });
    if (negative[0]) {
      return Double.POSITIVE_INFINITY;
    }
    int[] scratch = new int[n];
    int chunks = chunksFor(pool, n);
    RadixSort.pass(keys, scratch, n, 0, chunks, pool);
    RadixSort.pass(scratch, keys, n, 16, chunks, pool);
    // The sweep runs in chunks cut between groups of tied scores, each counted from zero and then shifted by the
    // positives above it. Counts and areas are whole or half numbers far below 2^53, so every sum is exact and the
    // result is the single sweep's to the bit.
    int[] cut = new int[chunks + 1];
    cut[chunks] = n;
    for (int c = 1; c < chunks; c++) {
      int b = Math.max(cut[c - 1], PoolTasks.chunkStart(n, c, chunks));
      while (b > 0 && b < n && keys[b] >>> 1 == keys[b - 1] >>> 1) {
        b++;
      }
      cut[c] = b;
    }
    RocArea[] part = new RocArea[chunks];
    PoolTasks.run(pool, chunks, c -> {
      RocArea roc = new RocArea();
      int i = cut[c + 1] - 1;
      while (i >= cut[c]) {
        int group = keys[i] >>> 1;
        double gtp = 0;
        double gfp = 0;
        for (; i >= cut[c] && keys[i] >>> 1 == group; i--) {
          int positive = keys[i] & 1;
          gtp += positive;
          gfp += 1 - positive;
        }
        roc.addGroup(gtp, gfp);
      }
      part[c] = roc;
    });
    RocArea roc = new RocArea();
    for (int c = chunks - 1; c >= 0; c--) {
      roc.addBelow(part[c]);
    }
    return roc.auc();
  }

  /** Writes the sort keys of rows {@code [from, to)}; false when some score is negative or NaN. */
  @FunctionalInterface
  private interface SortKeys {
    boolean fill(int from, int to, int[] keys);
  }

  /**
   * Stores row {@code i}'s key, its float32 score's bits above its label; false, storing nothing, when the score is
   * negative or NaN.
   */
  private static boolean nonNegativeKey(double score, boolean positive, int[] keys, int i) {
    // + 0f turns -0 into +0.
    float f = (float) score + 0f;
    if (!(f >= 0)) {
      return false;
    }
    keys[i] = Float.floatToIntBits(f) << 1 | (positive ? 1 : 0);
    return true;
  }

  /** The area under the ROC curve, swept from the highest score down one group of tied scores at a time. */
  private static final class RocArea {
    private double tp;
    private double fp;
    private double area;

    /** Adds the next group of tied scores: its positive and negative weights; a tie counts half. */
    void addGroup(double gtp, double gfp) {
      area += gfp * (tp + gtp / 2);
      tp += gtp;
      fp += gfp;
    }

    /** Adds a sweep of the scores just below those swept so far, whose own sweep started from zero. */
    void addBelow(RocArea below) {
      area += below.area + below.fp * tp;
      tp += below.tp;
      fp += below.fp;
    }

    /** @return the area, NaN when one class is absent (as XGBoost reports it) */
    double auc() {
      return tp == 0 || fp == 0 ? Double.NaN : area / (tp * fp);
    }
  }

  /**
   * Sorts by the unsigned high 32 bits: LSD radix sort, two 16-bit passes, stable.
   *
   * @param a the values, sorted in place
   * @param pool threads for each pass, or null for this thread
   */
  static void radixSortByHighHalf(long[] a, ForkJoinPool pool) {
    long[] low = new long[a.length];
    int chunks = chunksFor(pool, a.length);
    RadixSort.pass(a, low, a.length, 32, chunks, pool);
    RadixSort.pass(low, a, a.length, 48, chunks, pool);
  }

  private static int chunksFor(ForkJoinPool pool, int n) {
    return pool == null ? 1 : Math.max(1, Math.min(pool.getParallelism(), n / MIN_CHUNK));
  }

  /** Runs {@code body} over {@code [0, n)} in contiguous chunks, on {@code pool}'s threads when it is not null. */
  private static void forChunks(ForkJoinPool pool, int n, RangeBody body) {
    int chunks = chunksFor(pool, n);
    PoolTasks.run(pool, chunks, c -> body.run(PoolTasks.chunkStart(n, c, chunks),
        PoolTasks.chunkStart(n, c + 1, chunks)));
  }

  /** Sums {@code body}'s results over contiguous chunks of {@code [0, n)}, in chunk order (deterministic). */
  private static double sumOverChunks(ForkJoinPool pool, int n, RangeSum body) {
    int chunks = chunksFor(pool, n);
    double[] part = new double[chunks];
    PoolTasks.run(pool, chunks, c -> part[c] = body.sum(PoolTasks.chunkStart(n, c, chunks),
        PoolTasks.chunkStart(n, c + 1, chunks)));
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
  private interface RangeBody {
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

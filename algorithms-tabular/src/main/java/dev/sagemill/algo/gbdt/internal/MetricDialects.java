package dev.sagemill.algo.gbdt.internal;

import java.util.List;

/**
 * The metric names of the tree algorithms' front ends other than XGBoost's (whose names {@link EvalMetric#of}
 * parses): LightGBM's {@code metric} and CatBoost's {@code eval_metric} tables, each name mapped to the shared
 * metric that computes it and reporting under the front end's own name. Stateless.
 */
public final class MetricDialects {
  private MetricDialects() {}

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
      case "rmse" -> EvalMetric.renamed(s, EvalMetric.of("rmse"));
      case "l1" -> EvalMetric.renamed(s, EvalMetric.of("mae"));
      case "l2" -> EvalMetric.renamed(s, EvalMetric.of("mse"));
      case "huber" -> EvalMetric.pointwise(s, false, (y, p) -> {
        double diff = Math.abs(p - y);
        return diff <= 0.9 ? 0.5 * diff * diff : 0.9 * (diff - 0.45);
      }, false);
      case "fair" -> EvalMetric.pointwise(s, false, (y, p) -> {
        double x = Math.abs(p - y);
        return x - Math.log1p(x);
      }, false);
      case "binary_logloss", "cross_entropy" -> EvalMetric.renamed(s, EvalMetric.of("logloss"));
      case "binary_error" -> EvalMetric.renamed(s, EvalMetric.of("error"));
      case "auc" -> EvalMetric.of("auc");
      case "average_precision" -> new EvalMetric.AveragePrecision();
      case "multi_logloss" -> EvalMetric.renamed(s, EvalMetric.of("mlogloss"));
      case "multi_error" -> EvalMetric.renamed(s, EvalMetric.of("merror"));
      case "auc_mu" -> new EvalMetric.AucMu();
      case "ndcg", "map" -> EvalMetric.of(s);
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
      case "RMSE" -> EvalMetric.renamed(s, EvalMetric.of("rmse"));
      case "MAE" -> EvalMetric.renamed(s, EvalMetric.of("mae"));
      case "R2" -> EvalMetric.renamed(s, EvalMetric.of("r2"));
      case "Logloss", "CrossEntropy" -> EvalMetric.renamed(s, EvalMetric.of("logloss"));
      case "AUC" -> EvalMetric.renamed(s, EvalMetric.of("auc"));
      case "MultiClass" -> EvalMetric.renamed(s, EvalMetric.of("mlogloss"));
      case "Poisson" -> EvalMetric.renamed(s, EvalMetric.of("poisson-nloglik"));
      case "MedianAbsoluteError" -> new EvalMetric.MedianAbsoluteError();
      case "Precision", "Recall", "F1", "Accuracy", "BalancedAccuracy" -> new EvalMetric.ClassDecision(s);
      default -> throw new IllegalArgumentException("unknown eval_metric " + name + "; supported: "
          + CATBOOST_NAMES);
    };
  }
}

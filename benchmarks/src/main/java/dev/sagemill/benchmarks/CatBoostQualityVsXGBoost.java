package dev.sagemill.benchmarks;

import dev.sagemill.algo.catboost.CatBoostEstimator;
import dev.sagemill.algo.catboost.CatBoostModel;
import dev.sagemill.algo.catboost.CatBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Test-set quality of sagemill's {@code catboost} (SageMaker's defaults except the named ones) against xgboost4j 3.0
 * ({@code hist}), both with depth 6, learning rate 0.05 and the same number of trees: UCI Adult with its 8
 * categorical columns (catboost on the raw category codes: one-hot up to {@code one_hot_max_size}, ordered target
 * statistics and combinations above; xgboost4j on the same columns one-hot encoded), spambase (ESL split) and
 * California housing (every fifth row held out). Prints each side's metrics and fit time.
 *
 * <p>Usage: {@code benchmarks/run.sh CatBoostQualityVsXGBoost [trees] [extra catboost key=value ...]}.
 */
public final class CatBoostQualityVsXGBoost {
  private CatBoostQualityVsXGBoost() {}

  /**
   * @param args optional tree count, then catboost hyperparameters as {@code key=value}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int trees = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    Map<String, String> extra = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      extra.put(kv[0], kv[1]);
    }
    adult(trees, extra);
    java.nio.file.Path data = GbdtQualityVsXGBoost.DATA;
    java.nio.file.Path spam = data.resolve("spambase");
    List<String> flags = java.nio.file.Files.readAllLines(spam.resolve("spambase.traintest"));
    RowBatch all = GbdtQualityVsXGBoost.read(spam.resolve("spambase.data"), "\\s+", -1, false, -1, false);
    numeric("spambase (ESL split)", GbdtQualityVsXGBoost.pick(all, flags, false),
        GbdtQualityVsXGBoost.pick(all, flags, true), true, trees, extra);
    java.nio.file.Path cal = data.resolve("california_housing/california_housing.csv");
    numeric("california housing", GbdtQualityVsXGBoost.read(cal, ",", -1, true, 5, false),
        GbdtQualityVsXGBoost.read(cal, ",", -1, true, 5, true), false, trees, extra);
  }

  private static Map<String, Object> xgboostParams(String objective) {
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", objective);
    xp.put("tree_method", "hist");
    xp.put("max_depth", 6);
    xp.put("eta", 0.05);
    xp.put("nthread", 2);
    xp.put("seed", 0);
    return xp;
  }

  private static Map<String, String> catboostParams(int trees, Map<String, String> extra) {
    Map<String, String> p = new HashMap<>();
    p.put("iterations", Integer.toString(trees));
    p.put("learning_rate", "0.05");
    p.put("depth", "6");
    p.put("thread_count", "2");
    p.putAll(extra);
    return p;
  }

  private static void numeric(String name, RowBatch train, RowBatch test, boolean binary, int trees,
      Map<String, String> extra) throws Exception {
    Map<String, String> p = catboostParams(trees, extra);
    p.put("loss_function", binary ? "Logloss" : "RMSE");
    long t0 = System.nanoTime();
    CatBoostModel m = new CatBoostEstimator(CatBoostParams.parse(p)).fit(InMemoryDataset.of(train),
        FitOptions.builder().threads(2).build());
    double catTime = (System.nanoTime() - t0) / 1e9;
    List<Prediction> preds = m.predict(test);
    double[] ours = new double[preds.size()];
    for (int r = 0; r < ours.length; r++) {
      ours[r] = preds.get(r).get(binary ? "probability" : "prediction");
    }
    DMatrix dtrain = new DMatrix(train.denseValues(), train.rows(), train.featureDim(), Float.NaN);
    dtrain.setLabel(GbdtQualityVsLightGBM.labels(train));
    DMatrix dtest = new DMatrix(test.denseValues(), test.rows(), test.featureDim(), Float.NaN);
    t0 = System.nanoTime();
    Booster b = XGBoost.train(dtrain, xgboostParams(binary ? "binary:logistic" : "reg:squarederror"), trees,
        new HashMap<>(), null, null);
    double xgbTime = (System.nanoTime() - t0) / 1e9;
    float[][] xgb = b.predict(dtest);
    double[] theirs = new double[xgb.length];
    for (int r = 0; r < xgb.length; r++) {
      theirs[r] = xgb[r][0];
    }
    double[] y = GbdtQualityVsXGBoost.toDouble(GbdtQualityVsLightGBM.labels(test));
    System.out.printf(Locale.ROOT, "%s, %d trees, depth 6, lr 0.05%n", name, trees);
    if (binary) {
      System.out.printf(Locale.ROOT, "  sagemill catboost AUC %.5f logloss %.5f  fit %.1f s%n",
          Metrics.auc(y, ours, null), Metrics.logloss(y, ours, null), catTime);
      System.out.printf(Locale.ROOT, "  xgboost4j hist    AUC %.5f logloss %.5f  fit %.1f s%n",
          Metrics.auc(y, theirs, null), Metrics.logloss(y, theirs, null), xgbTime);
    } else {
      System.out.printf(Locale.ROOT, "  sagemill catboost RMSE %.5f  fit %.1f s%n", Metrics.rmse(y, ours, null),
          catTime);
      System.out.printf(Locale.ROOT, "  xgboost4j hist    RMSE %.5f  fit %.1f s%n", Metrics.rmse(y, theirs, null),
          xgbTime);
    }
    b.dispose();
    dtrain.dispose();
    dtest.dispose();
  }

  private static void adult(int trees, Map<String, String> extra) throws Exception {
    RowBatch[] adult = GbdtQualityVsLightGBM.adult(GbdtQualityVsXGBoost.DATA.resolve("uci_adult"));
    double[] y = GbdtQualityVsXGBoost.toDouble(GbdtQualityVsLightGBM.labels(adult[1]));
    Map<String, String> p = catboostParams(trees, extra);
    Schema schema = Schema.of(14, 1).withCategorical(1, 3, 5, 6, 7, 8, 9, 13);
    long t0 = System.nanoTime();
    CatBoostModel m = new CatBoostEstimator(CatBoostParams.parse(p)).fit(InMemoryDataset.of(adult[0], schema),
        FitOptions.builder().threads(2).build());
    double catTime = (System.nanoTime() - t0) / 1e9;
    List<Prediction> preds = m.predict(adult[1]);
    double[] ours = new double[preds.size()];
    for (int r = 0; r < ours.length; r++) {
      ours[r] = preds.get(r).get("probability");
    }

    int[] categorical = {1, 3, 5, 6, 7, 8, 9, 13};
    int[] width = new int[14];
    for (int c : categorical) {
      float max = -1;
      for (int r = 0; r < adult[0].rows(); r++) {
        max = Math.max(max, adult[0].denseValues()[r * 14 + c]);
      }
      width[c] = (int) max + 1;
    }
    DMatrix train = oneHot(adult[0], categorical, width);
    DMatrix test = oneHot(adult[1], categorical, width);
    t0 = System.nanoTime();
    Booster b = XGBoost.train(train, xgboostParams("binary:logistic"), trees, new HashMap<>(), null, null);
    double xgbTime = (System.nanoTime() - t0) / 1e9;
    float[][] xgb = b.predict(test);
    double[] theirs = new double[xgb.length];
    for (int r = 0; r < xgb.length; r++) {
      theirs[r] = xgb[r][0];
    }
    System.out.printf(Locale.ROOT, "adult (categorical), %d trees, depth 6, lr 0.05 %s%n", trees, p);
    System.out.printf(Locale.ROOT, "  sagemill catboost (categorical) AUC %.5f logloss %.5f  fit %.1f s%n",
        Metrics.auc(y, ours, null), Metrics.logloss(y, ours, null), catTime);
    System.out.printf(Locale.ROOT, "  xgboost4j hist (one-hot)        AUC %.5f logloss %.5f  fit %.1f s%n",
        Metrics.auc(y, theirs, null), Metrics.logloss(y, theirs, null), xgbTime);
    b.dispose();
    train.dispose();
    test.dispose();
  }

  private static DMatrix oneHot(RowBatch rows, int[] categorical, int[] width) throws Exception {
    int d = rows.featureDim();
    List<Integer> start = new ArrayList<>();
    int total = 0;
    for (int c = 0; c < d; c++) {
      start.add(total);
      total += width[c] > 0 ? width[c] : 1;
    }
    float[] x = new float[rows.rows() * total];
    for (int r = 0; r < rows.rows(); r++) {
      for (int c = 0; c < d; c++) {
        float v = rows.denseValues()[r * d + c];
        if (width[c] > 0) {
          if (v == v && v < width[c]) {
            x[r * total + start.get(c) + (int) v] = 1f;
          }
        } else {
          x[r * total + start.get(c)] = v;
        }
      }
    }
    DMatrix m = new DMatrix(x, rows.rows(), total, Float.NaN);
    m.setLabel(GbdtQualityVsLightGBM.labels(rows));
    return m;
  }
}

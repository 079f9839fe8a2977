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
 * UCI Adult with its 8 categorical columns: sagemill's {@code catboost} on the raw category codes (one-hot up to
 * {@code one_hot_max_size}, ordered target statistics and combinations above) against xgboost4j 3.0 ({@code hist})
 * on the same columns one-hot encoded, both with depth 6, learning rate 0.05 and the same number of trees, on the
 * official train/test split. Prints test AUC and logloss of each, and the time of each fit.
 *
 * <p>Usage: {@code benchmarks/run.sh CatBoostVsXGBoostAdult [trees] [extra catboost key=value ...]}.
 */
public final class CatBoostVsXGBoostAdult {
  private CatBoostVsXGBoostAdult() {}

  /**
   * @param args optional tree count, then catboost hyperparameters as {@code key=value}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int trees = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    RowBatch[] adult = GbdtQualityVsLightGBM.adult(GbdtQualityVsXGBoost.DATA.resolve("uci_adult"));
    double[] y = GbdtQualityVsXGBoost.toDouble(GbdtQualityVsLightGBM.labels(adult[1]));
    Map<String, String> p = new HashMap<>();
    p.put("iterations", Integer.toString(trees));
    p.put("learning_rate", "0.05");
    p.put("depth", "6");
    p.put("thread_count", "2");
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      p.put(kv[0], kv[1]);
    }
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
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", "binary:logistic");
    xp.put("tree_method", "hist");
    xp.put("max_depth", 6);
    xp.put("eta", 0.05);
    xp.put("nthread", 2);
    xp.put("seed", 0);
    t0 = System.nanoTime();
    Booster b = XGBoost.train(train, xp, trees, new HashMap<>(), null, null);
    double xgbTime = (System.nanoTime() - t0) / 1e9;
    float[][] xgb = b.predict(test);
    double[] theirs = new double[xgb.length];
    for (int r = 0; r < xgb.length; r++) {
      theirs[r] = xgb[r][0];
    }
    System.out.printf(Locale.ROOT, "adult, %d trees, depth 6, lr 0.05 %s%n", trees, p);
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

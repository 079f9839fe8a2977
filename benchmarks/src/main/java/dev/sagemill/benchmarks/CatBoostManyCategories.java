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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Issue 32 item 4: {@code catboost}'s cost on a small table of many categorical columns and many classes, shaped like
 * UCI soybean (683 rows, 35 categorical columns of 2 to 7 values, 19 classes of unequal sizes; generated here, each
 * class with its own distribution over each column's values), against xgboost4j 3.0 ({@code hist},
 * {@code multi:softprob}) on the same columns one-hot encoded. Both: depth 6, learning rate 0.05, the same number of
 * trees, 2 threads; 80% of the rows train, 20% are scored. Goal: catboost within 10× xgboost's time.
 *
 * <p>Usage: {@code benchmarks/run.sh CatBoostManyCategories [iterations, default 300] [catboost key=value ...]}.
 */
public final class CatBoostManyCategories {
  private static final int ROWS = 683;
  private static final int COLUMNS = 35;
  private static final int CLASSES = 19;

  private CatBoostManyCategories() {}

  /**
   * @param args optional iteration count, then catboost hyperparameters as {@code key=value}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int trees = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    Map<String, String> p = new HashMap<>();
    p.put("iterations", Integer.toString(trees));
    p.put("learning_rate", "0.05");
    p.put("depth", "6");
    p.put("thread_count", "2");
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      p.put(kv[0], kv[1]);
    }
    Random rnd = new Random(3);
    int[] card = new int[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
      card[c] = 2 + rnd.nextInt(6);
    }
    // Each class prefers one value of each column (probability 0.6), else uniform: informative but noisy.
    int[][] preferred = new int[CLASSES][COLUMNS];
    for (int k = 0; k < CLASSES; k++) {
      for (int c = 0; c < COLUMNS; c++) {
        preferred[k][c] = rnd.nextInt(card[c]);
      }
    }
    double[] classWeight = new double[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      classWeight[k] = 1.0 / (1 + k); // unequal class sizes, as in soybean (8 to 92 rows)
    }
    RowBatch.Builder train = RowBatch.builder(COLUMNS, 1, false);
    RowBatch.Builder test = RowBatch.builder(COLUMNS, 1, false);
    int trainRows = ROWS * 4 / 5;
    float[][] x = new float[ROWS][COLUMNS];
    float[] y = new float[ROWS];
    double totalWeight = java.util.Arrays.stream(classWeight).sum();
    for (int r = 0; r < ROWS; r++) {
      double u = rnd.nextDouble() * totalWeight;
      int k = 0;
      while (k < CLASSES - 1 && (u -= classWeight[k]) > 0) {
        k++;
      }
      y[r] = k;
      for (int c = 0; c < COLUMNS; c++) {
        x[r][c] = rnd.nextDouble() < 0.6 ? preferred[k][c] : rnd.nextInt(card[c]);
      }
      (r < trainRows ? train : test).addDense(x[r], 0, new float[] {k}, 1f);
    }
    int[] categorical = new int[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
      categorical[c] = c;
    }
    RowBatch trainBatch = train.build();
    RowBatch testBatch = test.build();
    double[] testY = new double[ROWS - trainRows];
    for (int r = 0; r < testY.length; r++) {
      testY[r] = y[trainRows + r];
    }

    long t0 = System.nanoTime();
    CatBoostModel m = new CatBoostEstimator(CatBoostParams.parse(p)).fit(InMemoryDataset.of(trainBatch,
        Schema.of(COLUMNS, 1).withCategorical(categorical)), FitOptions.builder().threads(2).build());
    double catTime = (System.nanoTime() - t0) / 1e9;
    List<Prediction> preds = m.predict(testBatch);
    double[] ours = new double[preds.size() * CLASSES];
    for (int r = 0; r < preds.size(); r++) {
      System.arraycopy(preds.get(r).getVector("probabilities"), 0, ours, r * CLASSES, CLASSES);
    }

    int width = 0;
    int[] start = new int[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
      start[c] = width;
      width += card[c];
    }
    float[] hot = new float[ROWS * width];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLUMNS; c++) {
        hot[r * width + start[c] + (int) x[r][c]] = 1;
      }
    }
    DMatrix dtrain = new DMatrix(java.util.Arrays.copyOf(hot, trainRows * width), trainRows, width, Float.NaN);
    dtrain.setLabel(java.util.Arrays.copyOf(y, trainRows));
    DMatrix dtest = new DMatrix(java.util.Arrays.copyOfRange(hot, trainRows * width, ROWS * width),
        ROWS - trainRows, width, Float.NaN);
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", "multi:softprob");
    xp.put("num_class", CLASSES);
    xp.put("tree_method", "hist");
    xp.put("max_depth", 6);
    xp.put("eta", 0.05);
    xp.put("nthread", 2);
    xp.put("seed", 0);
    t0 = System.nanoTime();
    Booster b = XGBoost.train(dtrain, xp, trees, new HashMap<>(), null, null);
    double xgbTime = (System.nanoTime() - t0) / 1e9;
    float[][] xgb = b.predict(dtest);
    double[] theirs = new double[xgb.length * CLASSES];
    for (int r = 0; r < xgb.length; r++) {
      for (int k = 0; k < CLASSES; k++) {
        theirs[r * CLASSES + k] = xgb[r][k];
      }
    }
    b.dispose();
    dtrain.dispose();
    dtest.dispose();
    System.out.printf(Locale.ROOT, "soybean-like: %d rows (%d train) x %d categorical columns, %d classes, %d trees,"
        + " depth 6, lr 0.05, 2 threads; %s%n", ROWS, trainRows, COLUMNS, CLASSES, trees, p);
    System.out.printf(Locale.ROOT, "  sagemill catboost  mlogloss %.4f  accuracy %.4f  fit %.2f s%n",
        Metrics.mlogloss(testY, ours, CLASSES, null), 1 - Metrics.merror(testY, ours, CLASSES, null), catTime);
    System.out.printf(Locale.ROOT, "  xgboost4j (1-hot)  mlogloss %.4f  accuracy %.4f  fit %.2f s%n",
        Metrics.mlogloss(testY, theirs, CLASSES, null), 1 - Metrics.merror(testY, theirs, CLASSES, null), xgbTime);
    System.out.printf(Locale.ROOT, "  time ratio catboost / xgboost: %.1f (goal <= 10)%n", catTime / xgbTime);
  }
}

package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Test-set quality of sagemill's {@code xgboost} and xgboost4j 3.0.4 ({@code tree_method=hist}) at the same
 * parameters on the real datasets in {@code ../shared/data}: the LightGBM binary (Higgs) and multiclass examples,
 * spambase (ESL split) and California housing (every fifth row held out). The xgboost4j figures are the
 * references that {@code XGBoostQualityTest} asserts against.
 *
 * <p>Usage: {@code benchmarks/run.sh GbdtQualityVsXGBoost}.
 */
public final class GbdtQualityVsXGBoost {
  static final Path DATA = Path.of("../shared/data");

  private GbdtQualityVsXGBoost() {}

  /**
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path lgb = DATA.resolve("lightgbm_examples");
    run("higgs (lightgbm binary)", read(lgb.resolve("binary.train"), "\t", 0, false, -1, false),
        read(lgb.resolve("binary.test"), "\t", 0, false, -1, false), "binary:logistic", 0, 100);
    run("lightgbm multiclass", read(lgb.resolve("multiclass.train"), "\t", 0, false, -1, false),
        read(lgb.resolve("multiclass.test"), "\t", 0, false, -1, false), "multi:softprob", 5, 100);
    Path spam = DATA.resolve("spambase");
    List<String> flags = Files.readAllLines(spam.resolve("spambase.traintest"));
    RowBatch all = read(spam.resolve("spambase.data"), "\\s+", -1, false, -1, false);
    run("spambase (ESL split)", pick(all, flags, false), pick(all, flags, true), "binary:logistic", 0, 100);
    Path cal = DATA.resolve("california_housing/california_housing.csv");
    run("california housing", read(cal, ",", -1, true, 5, false), read(cal, ",", -1, true, 5, true),
        "reg:squarederror", 0, 200);
  }

  private static void run(String name, RowBatch train, RowBatch test, String objective, int numClass, int rounds)
      throws Exception {
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", objective);
    xp.put("tree_method", "hist");
    xp.put("max_depth", 6);
    xp.put("eta", 0.1);
    xp.put("nthread", 2);
    xp.put("seed", 0);
    if (numClass > 0) {
      xp.put("num_class", numClass);
    }
    DMatrix dtrain = matrix(train);
    Booster b = XGBoost.train(dtrain, xp, rounds, new HashMap<>(), null, null);
    float[][] xgb = b.predict(matrix(test));
    XGBoostParams.Builder pb = XGBoostParams.builder(rounds).objective(objective).eta(0.1).maxDepth(6)
        .set("nthread", "2");
    if (numClass > 0) {
      pb.numClass(numClass);
    }
    XGBoostModel m = new XGBoostEstimator(pb.build()).fit(InMemoryDataset.of(train),
        FitOptions.builder().threads(2).build());
    double[] ours = m.predictValues(test);
    double[] y = new double[test.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = test.label(r);
    }
    int w = xgb[0].length;
    double[] theirs = new double[xgb.length * w];
    for (int r = 0; r < xgb.length; r++) {
      System.arraycopy(toDouble(xgb[r]), 0, theirs, r * w, w);
    }
    String metrics;
    if (objective.startsWith("multi")) {
      metrics = String.format(Locale.ROOT, "mlogloss xgboost4j %.5f sagemill %.5f | merror %.5f / %.5f",
          Metrics.mlogloss(y, theirs, w, null), Metrics.mlogloss(y, ours, w, null),
          Metrics.merror(y, theirs, w, null), Metrics.merror(y, ours, w, null));
    } else if (objective.startsWith("binary")) {
      metrics = String.format(Locale.ROOT, "AUC xgboost4j %.5f sagemill %.5f | logloss %.5f / %.5f",
          Metrics.auc(y, theirs, null), Metrics.auc(y, ours, null), Metrics.logloss(y, theirs, null),
          Metrics.logloss(y, ours, null));
    } else {
      metrics = String.format(Locale.ROOT, "RMSE xgboost4j %.5f sagemill %.5f", Metrics.rmse(y, theirs, null),
          Metrics.rmse(y, ours, null));
    }
    System.out.printf(Locale.ROOT, "%-26s %s, depth 6, eta 0.1, %d rounds: %s%n", name, objective, rounds, metrics);
    b.dispose();
    dtrain.dispose();
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static DMatrix matrix(RowBatch b) throws Exception {
    DMatrix m = new DMatrix(b.denseValues(), b.rows(), b.featureDim(), Float.NaN);
    float[] y = new float[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    m.setLabel(y);
    return m;
  }

  private static RowBatch pick(RowBatch all, List<String> flags, boolean test) {
    RowBatch.Builder out = RowBatch.builder(all.featureDim(), 1, false);
    for (int r = 0; r < all.rows(); r++) {
      if (flags.get(r).trim().equals("1") == test) {
        out.addRowOf(all, r);
      }
    }
    return out.build();
  }

  /** A numeric delimited file; with {@code every > 0}, only rows whose index mod every is 0 (test) or not. */
  static RowBatch read(Path file, String delimiter, int labelColumn, boolean header, int every, boolean held)
      throws IOException {
    List<String> lines = Files.readAllLines(file);
    RowBatch.Builder b = null;
    int row = 0;
    for (int i = header ? 1 : 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      int index = row++;
      if (every > 0 && (index % every == 0) != held) {
        continue;
      }
      String[] cells = line.split(delimiter);
      int lc = labelColumn < 0 ? cells.length + labelColumn : labelColumn;
      if (b == null) {
        b = RowBatch.builder(cells.length - 1, 1, false);
      }
      float[] x = new float[cells.length - 1];
      int j = 0;
      for (int c = 0; c < cells.length; c++) {
        if (c != lc) {
          x[j++] = Float.parseFloat(cells[c]);
        }
      }
      b.addDense(x, 0, new float[] {Float.parseFloat(cells[lc])}, 1f);
    }
    return b.build();
  }
}

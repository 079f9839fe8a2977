package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostJson;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Model interop with native XGBoost (xgboost4j 3.0.4).
 *
 * <ul>
 *   <li>{@code benchmarks/run.sh XGBoostInterop golden DIR}: trains small gbtree (binary, softprob, regression) and
 *       DART models on 2,000 rows of the LightGBM binary example (some values missing), saves each as JSON and
 *       UBJSON with their margins and SHAP contributions on 20 rows: the golden files of {@code XGBoostJsonTest}
 *       and {@code TreeShapTest}.</li>
 *   <li>{@code benchmarks/run.sh XGBoostInterop check}: trains sagemill models (several objectives; gbtree, dart
 *       and gblinear), writes them
 *       as XGBoost JSON, loads them in xgboost4j and prints the largest margin difference on 2,000 rows.</li>
 * </ul>
 */
public final class XGBoostInterop {
  private static final int D = 28;

  private XGBoostInterop() {}

  /**
   * @param args {@code golden DIR} or {@code check}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    float[][] xy = rows(2000);
    if (args.length > 1 && args[0].equals("golden")) {
      golden(Path.of(args[1]), xy[0], xy[1]);
    } else {
      check(xy[0], xy[1]);
    }
  }

  /** The first n rows of the LightGBM binary example; every 7th row has feature 5 missing. */
  private static float[][] rows(int n) throws Exception {
    List<String> lines = Files.readAllLines(GbdtQualityVsXGBoost.DATA.resolve("lightgbm_examples/binary.train"));
    float[] x = new float[n * D];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      String[] c = lines.get(i).split("\t");
      y[i] = Float.parseFloat(c[0]);
      for (int j = 0; j < D; j++) {
        x[i * D + j] = i % 7 == 3 && j == 5 ? Float.NaN : Float.parseFloat(c[j + 1]);
      }
    }
    return new float[][] {x, y};
  }

  private static float[] labels(String kind, float[] x, float[] y) {
    float[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      if (kind.equals("multi")) {
        out[i] = i % 3;
      } else if (kind.equals("reg")) {
        out[i] = x[i * D] * 2 + x[i * D + 1];
      }
    }
    return out;
  }

  private static void golden(Path dir, float[] x, float[] y) throws Exception {
    Files.createDirectories(dir);
    int n = y.length;
    int m = 20;
    float[] px = Arrays.copyOf(x, m * D);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < D; j++) {
        float v = px[i * D + j];
        rows.append(j > 0 ? "," : "").append(Float.isNaN(v) ? "" : Float.toString(v));
      }
      rows.append('\n');
    }
    Files.writeString(dir.resolve("rows.csv"), rows.toString());
    DMatrix dm = new DMatrix(x, n, D, Float.NaN);
    DMatrix pm = new DMatrix(px, m, D, Float.NaN);
    String[][] configs = {{"binary", "binary:logistic", "gbtree"}, {"multi", "multi:softprob", "gbtree"},
        {"reg", "reg:squarederror", "gbtree"}, {"dart", "binary:logistic", "dart"}};
    for (String[] c : configs) {
      Map<String, Object> p = new HashMap<>();
      p.put("objective", c[1]);
      p.put("max_depth", 4);
      p.put("eta", 0.3);
      p.put("tree_method", "hist");
      p.put("nthread", 1);
      p.put("seed", 0);
      p.put("booster", c[2]);
      if (c[2].equals("dart")) {
        p.put("rate_drop", 0.3);
        p.put("one_drop", 1);
      }
      if (c[0].equals("multi")) {
        p.put("num_class", 3);
      }
      dm.setLabel(labels(c[0], x, y));
      Booster b = XGBoost.train(dm, p, 8, new HashMap<>(), null, null);
      b.saveModel(dir.resolve(c[0] + ".json").toString());
      b.saveModel(dir.resolve(c[0] + ".ubj").toString());
      StringBuilder sb = new StringBuilder();
      for (float[] r : b.predict(pm, true)) {
        for (int k = 0; k < r.length; k++) {
          sb.append(k > 0 ? "," : "").append(r[k]);
        }
        sb.append('\n');
      }
      Files.writeString(dir.resolve(c[0] + ".margins.csv"), sb.toString());
      if (!c[2].equals("dart")) {
        // XGBoost's exact TreeSHAP (pred_contribs): per output, one value per feature, then the bias.
        StringBuilder contribs = new StringBuilder();
        for (float[] r : b.predictContrib(pm, 0)) {
          for (int k = 0; k < r.length; k++) {
            contribs.append(k > 0 ? "," : "").append(r[k]);
          }
          contribs.append('\n');
        }
        Files.writeString(dir.resolve(c[0] + ".contribs.csv"), contribs.toString());
      }
      b.dispose();
    }
    System.out.println("golden files written to " + dir);
  }

  private static void check(float[] x, float[] y) throws Exception {
    int n = y.length;
    DMatrix dm = new DMatrix(x, n, D, Float.NaN);
    String[][] configs = {{"binary", "binary:logistic", "gbtree"}, {"multi", "multi:softprob", "gbtree"},
        {"reg", "reg:squarederror", "gbtree"}, {"dart", "binary:logistic", "dart"}, {"poisson", "count:poisson",
        "gbtree"}, {"binary", "binary:logistic", "gblinear"}, {"multi", "multi:softprob", "gblinear"}};
    for (String[] c : configs) {
      float[] labels = labels(c[0], x, y);
      if (c[0].equals("poisson")) {
        for (int i = 0; i < n; i++) {
          labels[i] = (float) Math.floor(Math.abs(x[i * D]) * 3);
        }
      }
      RowBatch.Builder b = RowBatch.builder(D, 1, false);
      for (int i = 0; i < n; i++) {
        b.addDense(x, i * D, new float[] {labels[i]}, 1f);
      }
      XGBoostParams.Builder pb = XGBoostParams.builder(20).objective(c[1]).maxDepth(5).set("booster", c[2]);
      if (c[0].equals("multi")) {
        pb.numClass(3);
      }
      if (c[2].equals("dart")) {
        pb.set("rate_drop", "0.2");
      }
      XGBoostModel model = new XGBoostEstimator(pb.build()).fit(InMemoryDataset.of(b.build()), FitOptions.defaults());
      Path file = Files.createTempFile("sagemill-", ".json");
      XGBoostJson.write(model, file);
      Booster booster = XGBoost.loadModel(file.toString());
      float[][] theirs = booster.predict(dm, true);
      RowBatch rows = b.build();
      double[] ours = model.booster().margins(rows, null);
      double maxDiff = 0;
      int k = model.booster().outputs();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < k; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(theirs[i][j] - ours[i * k + j]));
        }
      }
      System.out.printf(Locale.ROOT, "%-8s %s (%s): sagemill model loaded in xgboost4j, max |margin diff| over %d"
          + " rows = %.2e%n", c[0], c[1], c[2], n, maxDiff);
      booster.dispose();
      Files.delete(file);
    }
    dm.dispose();
  }
}

package dev.sagemill.benchmarks;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 32 item 2: the problem type {@code lightgbm} and {@code catboost} guess from the labels when the loss is not
 * given, against the loss named explicitly, by 5-fold cross-validation (seeded folds): diabetes (442 rows, an
 * integer-valued regression target of about 200 values in 25..346) must be fitted as a regression, wine (178 rows,
 * 3 classes) as a classification. Prints each metric with the defaults and with the named loss; the gap must be 0.
 *
 * <pre>benchmarks/run.sh ProblemTypeGuess</pre>
 */
public final class ProblemTypeGuess {
  private ProblemTypeGuess() {}

  /**
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "%-10s %-10s %-28s %10s%n", "table", "algorithm", "setting", "metric");
    RowBatch diabetes = diabetes();
    RowBatch wine = wine();
    for (String algorithm : new String[] {"lightgbm", "catboost"}) {
      String lossName = algorithm.equals("lightgbm") ? "objective" : "loss_function";
      report("diabetes", algorithm, "defaults (guessed)", cv(algorithm, Map.of(), diabetes, false), "RMSE");
      report("diabetes", algorithm, lossName + "=" + (algorithm.equals("lightgbm") ? "regression" : "RMSE"),
          cv(algorithm, Map.of(lossName, algorithm.equals("lightgbm") ? "regression" : "RMSE"), diabetes, false),
          "RMSE");
      report("wine", algorithm, "defaults (guessed)", cv(algorithm, Map.of(), wine, true), "mlogloss");
      Map<String, String> multi = algorithm.equals("lightgbm") ? Map.of("objective", "multiclass", "num_class", "3")
          : Map.of("loss_function", "MultiClass");
      report("wine", algorithm, lossName + "=" + multi.get(lossName), cv(algorithm, multi, wine, true), "mlogloss");
    }
  }

  private static void report(String table, String algorithm, String setting, double value, String metric) {
    System.out.printf(Locale.ROOT, "%-10s %-10s %-28s %10.4f %s%n", table, algorithm, setting, value, metric);
  }

  /** Pooled out-of-fold RMSE (regression) or multiclass log-loss (classification) of 5 seeded folds. */
  private static double cv(String algorithm, Map<String, String> extra, RowBatch all, boolean classes)
      throws Exception {
    int n = all.rows();
    int[] order = BenchData.shuffledOrder(n, 0);
    int k = 3;
    double[] y = new double[n];
    double[] pred = new double[classes ? n * k : n];
    int pos = 0;
    for (int f = 0; f < 5; f++) {
      RowBatch.Builder train = RowBatch.builder(all.featureDim(), 1, false);
      RowBatch.Builder test = RowBatch.builder(all.featureDim(), 1, false);
      for (int i = 0; i < n; i++) {
        int r = order[i];
        (i % 5 == f ? test : train).addDense(all.denseValues(), r * all.featureDim(), new float[] {all.label(r)},
            1f);
      }
      Map<String, String> hp = new HashMap<>(extra);
      hp.put(algorithm.equals("lightgbm") ? "seed" : "random_seed", "0");
      Model m = ((dev.sagemill.core.estimator.Estimator<?>) Algorithms.get(algorithm).create(hp))
          .fit(InMemoryDataset.of(train.build()), FitOptions.builder().threads(2).build());
      RowBatch t = test.build();
      List<Prediction> p = m.predict(t);
      for (int r = 0; r < t.rows(); r++, pos++) {
        y[pos] = t.label(r);
        if (classes) {
          System.arraycopy(p.get(r).getVector("probabilities"), 0, pred, pos * k, k);
        } else {
          pred[pos] = p.get(r).get("prediction");
        }
      }
    }
    return classes ? Metrics.mlogloss(y, pred, k, null) : Metrics.rmse(y, pred, null);
  }

  private static RowBatch diabetes() throws Exception {
    List<String> xs = gunzip(SklearnData.FOLDER.resolve("diabetes_data_raw.csv.gz"));
    List<String> ys = gunzip(SklearnData.FOLDER.resolve("diabetes_target.csv.gz"));
    RowBatch.Builder b = RowBatch.builder(10, 1, false);
    for (int i = 0; i < xs.size(); i++) {
      String[] c = xs.get(i).trim().split("\\s+");
      float[] x = new float[c.length];
      for (int j = 0; j < c.length; j++) {
        x[j] = Float.parseFloat(c[j]);
      }
      b.addDense(x, 0, new float[] {Float.parseFloat(ys.get(i).trim())}, 1f);
    }
    return b.build();
  }

  private static RowBatch wine() throws Exception {
    List<float[]> rows = SklearnData.rows("wine_data.csv");
    RowBatch.Builder b = RowBatch.builder(13, 1, false);
    for (float[] r : rows) {
      b.addDense(r, 0, new float[] {r[13]}, 1f);
    }
    return b.build();
  }

  private static List<String> gunzip(Path file) throws Exception {
    try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
        Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return r.lines().filter(l -> !l.isBlank()).toList();
    }
  }
}

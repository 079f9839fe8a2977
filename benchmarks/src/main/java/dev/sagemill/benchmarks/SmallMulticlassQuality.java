package dev.sagemill.benchmarks;

import dev.sagemill.algo.lightgbm.LightGBMEstimator;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Issue 32 item 3: multiclass {@code lightgbm} on small tables against native LightGBM (lightgbm4j 4.3.0) at the
 * same parameters, and against {@code xgboost} with {@code grow_policy=lossguide} at the same leaves, rounds and
 * rate. 5-fold cross-validation with the same folds for every method; the figure is the multi_logloss of all
 * held-out rows. Tables: the iris (150 × 4, 3 classes), wine (178 × 13, 3 classes) and digits (1,797 × 64, 10
 * classes) files that Debian's {@code python3-sklearn} ships (read from its data folder; nothing is run in Python).
 * Each LightGBM is run at LightGBM's defaults (31 leaves, learning rate 0.1, {@code min_data_in_leaf} 20,
 * {@code min_sum_hessian_in_leaf} 1e-3, 100 rounds) and again with {@code min_data_in_leaf=2}, to show what
 * the default of 20 does to classes of a few dozen rows. (Native LightGBM aborts on digits with
 * {@code min_sum_hessian_in_leaf=0}, so that setting is not compared.)
 *
 * <pre>apt-get install python3-sklearn   # for the data files
 * benchmarks/run.sh SmallMulticlassQuality</pre>
 */
public final class SmallMulticlassQuality {
  private static final int FOLDS = 5;
  private static final int ROUNDS = 100;

  private SmallMulticlassQuality() {}

  /**
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; %d-fold CV, %d rounds, 31 leaves, lr 0.1%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), FOLDS, ROUNDS);
    System.out.printf(Locale.ROOT, "%-8s %-58s %8s%n", "table", "method", "logloss");
    run("iris", SklearnData.rows("iris.csv"), 3);
    run("wine", SklearnData.rows("wine_data.csv"), 3);
    run("digits", SklearnData.rows("digits.csv.gz"), 10);
  }

  private static void run(String name, List<float[]> rows, int classes) throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(0));
    int[] fold = new int[rows.size()];
    for (int i = 0; i < order.size(); i++) {
      fold[order.get(i)] = i % FOLDS;
    }
    for (boolean tiny : new boolean[] {false, true}) {
      String leaf = tiny ? ", min_data_in_leaf 2" : " (LightGBM defaults)";
      report(name, "lightgbm4j" + leaf, nativeCrossValidate(rows, fold, classes, tiny));
      report(name, "sagemill lightgbm" + leaf, crossValidate(rows, fold, classes, (tr, te) -> probabilities(
          new LightGBMEstimator(LightGBMParams.parse(lightgbm(classes, tiny))).fit(InMemoryDataset.of(tr),
              FitOptions.builder().threads(2).build()), te, classes, "probabilities")));
    }
    Map<String, String> x = new LinkedHashMap<>();
    x.put("objective", "multi:softprob");
    x.put("num_class", Integer.toString(classes));
    x.put("num_round", Integer.toString(ROUNDS));
    x.put("eta", "0.1");
    x.put("grow_policy", "lossguide");
    x.put("max_leaves", "31");
    x.put("max_depth", "0");
    x.put("nthread", "2");
    report(name, "sagemill xgboost lossguide, min_child_weight 1", crossValidate(rows, fold, classes,
        (tr, te) -> probabilities(new XGBoostEstimator(XGBoostParams.parse(x)).fit(InMemoryDataset.of(tr),
            FitOptions.builder().threads(2).build()), te, classes, "score")));
  }

  private static void report(String table, String method, double logloss) {
    System.out.printf(Locale.ROOT, "%-8s %-58s %8.4f%n", table, method, logloss);
  }

  /** A fold's probabilities ({@code rows × classes}) from its training rows. */
  @FunctionalInterface
  private interface Fit {
    double[] probabilities(RowBatch train, RowBatch test) throws Exception;
  }

  /** The multi_logloss of every row predicted by the model trained without its fold. */
  private static double crossValidate(List<float[]> rows, int[] fold, int classes, Fit fit) throws Exception {
    int d = rows.get(0).length - 1;
    double[] y = new double[rows.size()];
    double[] p = new double[rows.size() * classes];
    for (int f = 0; f < FOLDS; f++) {
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == f) {
          held.add(i);
        }
      }
      RowBatch[] split = split(rows, fold, f, d);
      double[] q = fit.probabilities(split[0], split[1]);
      for (int k = 0; k < held.size(); k++) {
        int i = held.get(k);
        y[i] = rows.get(i)[d];
        System.arraycopy(q, k * classes, p, i * classes, classes);
      }
    }
    return Metrics.mlogloss(y, p, classes, null);
  }

  /** Native LightGBM's held-out multi_logloss, each fold's mean weighted by its rows. */
  private static double nativeCrossValidate(List<float[]> rows, int[] fold, int classes, boolean tiny)
      throws Exception {
    int d = rows.get(0).length - 1;
    double sum = 0;
    for (int f = 0; f < FOLDS; f++) {
      RowBatch[] split = split(rows, fold, f, d);
      sum += native_(split[0], split[1], classes, tiny) * split[1].rows();
    }
    return sum / rows.size();
  }

  /** The training rows and the held-out rows of fold {@code f}. */
  private static RowBatch[] split(List<float[]> rows, int[] fold, int f, int d) {
    RowBatch.Builder tr = RowBatch.builder(d, 1, false).origin("train", 1);
    RowBatch.Builder te = RowBatch.builder(d, 1, false).origin("test", 1);
    for (int i = 0; i < rows.size(); i++) {
      float[] r = rows.get(i);
      (fold[i] == f ? te : tr).addDense(r, 0, new float[] {r[d]}, 1f);
    }
    return new RowBatch[] {tr.build(), te.build()};
  }

  private static Map<String, String> lightgbm(int classes, boolean tiny) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("objective", "multiclass");
    p.put("num_class", Integer.toString(classes));
    p.put("num_boost_round", Integer.toString(ROUNDS));
    p.put("learning_rate", "0.1");
    p.put("num_leaves", "31");
    p.put("min_data_in_leaf", tiny ? "2" : "20");
    p.put("min_sum_hessian_in_leaf", "0.001");
    p.put("bagging_fraction", "1.0");
    p.put("bagging_freq", "0");
    p.put("feature_fraction", "1.0");
    p.put("num_threads", "2");
    p.put("seed", "0");
    return p;
  }

  /** The class probabilities a model answers under {@code key} (LightGBM's probabilities, XGBoost's score). */
  private static double[] probabilities(Model m, RowBatch test, int classes, String key) {
    double[] out = new double[test.rows() * classes];
    List<Prediction> preds = m.predict(test);
    for (int r = 0; r < test.rows(); r++) {
      System.arraycopy(preds.get(r).getVector(key), 0, out, r * classes, classes);
    }
    return out;
  }

  /**
   * Native LightGBM's multi_logloss on the test rows. lightgbm4j 4.3.0-1 sizes its batch prediction buffer for two
   * values per row, too small for multiclass, so LightGBM scores the test rows itself, as a validation set.
   */
  private static double native_(RowBatch train, RowBatch test, int classes, boolean tiny) throws Exception {
    Map<String, String> p = lightgbm(classes, tiny);
    p.remove("num_boost_round");
    p.put("verbosity", "-1");
    p.put("deterministic", "true");
    p.put("metric", "multi_logloss");
    String params = p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    int d = train.featureDim();
    LGBMDataset ds = LGBMDataset.createFromMat(train.denseValues(), train.rows(), d, true, params, null);
    ds.setField("label", GbdtQualityVsLightGBM.labels(train));
    LGBMDataset valid = LGBMDataset.createFromMat(test.denseValues(), test.rows(), d, true, params, ds);
    valid.setField("label", GbdtQualityVsLightGBM.labels(test));
    LGBMBooster booster = LGBMBooster.create(ds, params);
    booster.addValidData(valid);
    for (int i = 0; i < ROUNDS; i++) {
      booster.updateOneIter();
    }
    double logloss = booster.getEval(1)[0];
    booster.close();
    valid.close();
    ds.close();
    return logloss;
  }
}

package dev.sagemill.benchmarks;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.sagemill.algo.lightgbm.LightGBMEstimator;
import dev.sagemill.algo.lightgbm.LightGBMModel;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test-set quality of sagemill's {@code lightgbm} and lightgbm4j 4.3.0 (native LightGBM 4.3) at the same
 * parameters (LightGBM's defaults: 31 leaves, learning rate 0.1 (0.05 for multiclass, as LightGBM's multiclass
 * example), min_data_in_leaf 20, no bagging, 255 bins, 100 iterations) on the real datasets in {@code ../shared/data}: the LightGBM binary (Higgs), multiclass and ranking
 * examples, spambase (ESL split), California housing (every fifth row held out) and UCI Adult with its 8
 * categorical columns as LightGBM categorical features. The lightgbm4j figures are the references that
 * {@code LightGBMQualityTest} asserts against.
 *
 * <p>Usage: {@code benchmarks/run.sh GbdtQualityVsLightGBM}.
 */
public final class GbdtQualityVsLightGBM {
  private static final int ROUNDS = 100;
  private static final int[] ADULT_CATEGORICAL = {1, 3, 5, 6, 7, 8, 9, 13};

  private GbdtQualityVsLightGBM() {}

  /**
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path data = GbdtQualityVsXGBoost.DATA;
    Path lgb = data.resolve("lightgbm_examples");
    run("higgs (lightgbm binary)", GbdtQualityVsXGBoost.read(lgb.resolve("binary.train"), "\t", 0, false, -1, false),
        GbdtQualityVsXGBoost.read(lgb.resolve("binary.test"), "\t", 0, false, -1, false), "binary", 0, new int[0]);
    run("lightgbm multiclass", GbdtQualityVsXGBoost.read(lgb.resolve("multiclass.train"), "\t", 0, false, -1, false),
        GbdtQualityVsXGBoost.read(lgb.resolve("multiclass.test"), "\t", 0, false, -1, false), "multiclass", 5,
        new int[0]);
    Path spam = data.resolve("spambase");
    List<String> flags = Files.readAllLines(spam.resolve("spambase.traintest"));
    RowBatch all = GbdtQualityVsXGBoost.read(spam.resolve("spambase.data"), "\\s+", -1, false, -1, false);
    run("spambase (ESL split)", GbdtQualityVsXGBoost.pick(all, flags, false), GbdtQualityVsXGBoost.pick(all, flags,
        true), "binary", 0, new int[0]);
    Path cal = data.resolve("california_housing/california_housing.csv");
    run("california housing", GbdtQualityVsXGBoost.read(cal, ",", -1, true, 5, false),
        GbdtQualityVsXGBoost.read(cal, ",", -1, true, 5, true), "regression", 0, new int[0]);
    RowBatch[] adult = adult(data.resolve("uci_adult"));
    run("adult (categorical)", adult[0], adult[1], "binary", 0, ADULT_CATEGORICAL);
  }

  /** Parameters shared by both sides, in LightGBM's names. */
  static Map<String, String> common(String objective, int numClass, int[] categorical) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("objective", objective);
    p.put("num_leaves", "31");
    p.put("learning_rate", "0.1");
    p.put("min_data_in_leaf", "20");
    p.put("max_depth", "-1");
    p.put("feature_fraction", "1.0");
    p.put("bagging_fraction", "1.0");
    p.put("bagging_freq", "0");
    p.put("max_bin", "255");
    p.put("num_threads", "2");
    p.put("seed", "0");
    if (numClass > 0) {
      p.put("num_class", Integer.toString(numClass));
      // LightGBM's multiclass example trains with learning rate 0.05 (examples/multiclass_classification/train.conf).
      p.put("learning_rate", "0.05");
    }
    // -Dlgb.<name>=<value> overrides a parameter on both sides (for sensitivity checks).
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("lgb."))
        .forEach(k -> p.put(k.substring(4), System.getProperty(k)));
    return p;
  }

  private static void run(String name, RowBatch train, RowBatch test, String objective, int numClass,
      int[] categorical) throws Exception {
    Map<String, String> p = common(objective, numClass, categorical);
    // lightgbm4j
    Map<String, String> native_ = new LinkedHashMap<>(p);
    native_.put("verbosity", "-1");
    native_.put("deterministic", "true");
    if (objective.equals("multiclass")) {
      native_.put("metric", "multi_logloss,multi_error");
    }
    if (categorical.length > 0) {
      native_.put("categorical_feature", java.util.Arrays.stream(categorical).mapToObj(Integer::toString)
          .collect(Collectors.joining(",")));
    }
    String params = native_.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
    int d = train.featureDim();
    LGBMDataset ds = LGBMDataset.createFromMat(train.denseValues(), train.rows(), d, true, params, null);
    ds.setField("label", labels(train));
    LGBMBooster booster = LGBMBooster.create(ds, params);
    // lightgbm4j 4.3.0-1 sizes its prediction buffer for 2 values per row, too small for multiclass: LightGBM
    // scores the multiclass test rows itself, as a validation set.
    LGBMDataset testDs = null;
    if (objective.equals("multiclass")) {
      testDs = LGBMDataset.createFromMat(test.denseValues(), test.rows(), d, true, params, ds);
      testDs.setField("label", labels(test));
      booster.addValidData(testDs);
    }
    for (int i = 0; i < ROUNDS; i++) {
      booster.updateOneIter();
    }
    double[] theirs = testDs != null ? booster.getEval(1) : booster.predictForMat(test.denseValues(), test.rows(),
        d, true, PredictionType.C_API_PREDICT_NORMAL);
    // sagemill
    Map<String, String> hp = new HashMap<>(p);
    hp.put("num_boost_round", Integer.toString(ROUNDS));
    Schema schema = Schema.of(d, 1).withCategorical(categorical);
    LightGBMModel m = new LightGBMEstimator(LightGBMParams.parse(hp)).fit(InMemoryDataset.of(train, schema),
        FitOptions.builder().threads(2).build());
    List<Prediction> preds = m.predict(test);
    int w = objective.equals("multiclass") ? numClass : 1;
    double[] ours = new double[test.rows() * w];
    for (int r = 0; r < test.rows(); r++) {
      Prediction pr = preds.get(r);
      if (w > 1) {
        System.arraycopy(pr.getVector("probabilities"), 0, ours, r * w, w);
      } else {
        ours[r] = objective.equals("binary") ? pr.get("probability") : pr.get("prediction");
      }
    }
    double[] y = GbdtQualityVsXGBoost.toDouble(labels(test));
    String metrics = switch (objective) {
      case "multiclass" -> String.format(Locale.ROOT, "multi_logloss lightgbm4j %.5f sagemill %.5f"
          + " | multi_error %.5f / %.5f", theirs[0], Metrics.mlogloss(y, ours, w, null), theirs[1],
          Metrics.merror(y, ours, w, null));
      case "binary" -> String.format(Locale.ROOT, "AUC lightgbm4j %.5f sagemill %.5f | binary_logloss %.5f / %.5f",
          Metrics.auc(y, theirs, null), Metrics.auc(y, ours, null), Metrics.logloss(y, theirs, null),
          Metrics.logloss(y, ours, null));
      default -> String.format(Locale.ROOT, "RMSE lightgbm4j %.5f sagemill %.5f", Metrics.rmse(y, theirs, null),
          Metrics.rmse(y, ours, null));
    };
    System.out.printf(Locale.ROOT, "%-24s %s, 31 leaves, lr %s, %d iterations: %s%n", name, objective,
        p.get("learning_rate"), ROUNDS, metrics);
    booster.close();
    ds.close();
    if (testDs != null) {
      testDs.close();
    }
  }

  static float[] labels(RowBatch b) {
    float[] y = new float[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    return y;
  }

  /** UCI Adult: 14 columns, categorical ones as integer codes in order of first appearance in training. */
  static RowBatch[] adult(Path dir) throws Exception {
    List<String[]> train = csv(dir.resolve("adult_train.csv"));
    List<String[]> test = csv(dir.resolve("adult_test.csv"));
    List<Map<String, Integer>> codes = new ArrayList<>();
    for (int c = 0; c < 14; c++) {
      Map<String, Integer> m = new HashMap<>();
      for (String[] r : train) {
        m.putIfAbsent(r[c], m.size());
      }
      codes.add(m);
    }
    return new RowBatch[] {coded(train, codes), coded(test, codes)};
  }

  private static List<String[]> csv(Path f) throws Exception {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(f);
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        String[] cells = lines.get(i).split(",");
        for (int c = 0; c < cells.length; c++) {
          cells[c] = cells[c].trim();
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  private static RowBatch coded(List<String[]> rows, List<Map<String, Integer>> codes) {
    RowBatch.Builder b = RowBatch.builder(14, 1, false);
    for (String[] r : rows) {
      float[] x = new float[14];
      for (int c = 0; c < 14; c++) {
        if (java.util.Arrays.binarySearch(ADULT_CATEGORICAL, c) >= 0) {
          Integer k = codes.get(c).get(r[c]);
          x[c] = k == null ? Float.NaN : k;
        } else {
          x[c] = Float.parseFloat(r[c]);
        }
      }
      b.addDense(x, 0, new float[] {r[14].startsWith(">50K") ? 1 : 0}, 1f);
    }
    return b.build();
  }
}

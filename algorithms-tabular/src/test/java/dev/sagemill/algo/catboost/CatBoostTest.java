package dev.sagemill.algo.catboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatBoostTest {
  private static Map<String, String> params(String... kv) {
    Map<String, String> p = new HashMap<>();
    p.put("thread_count", "2");
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return p;
  }

  private static CatBoostModel fit(Map<String, String> p, RowBatch train, int... categorical) throws IOException {
    return fit(p, train, FitOptions.builder().threads(2).build(), categorical);
  }

  private static CatBoostModel fit(Map<String, String> p, RowBatch train, FitOptions options, int... categorical)
      throws IOException {
    Schema schema = Schema.of(train.featureDim(), 1).withCategorical(categorical);
    return new CatBoostEstimator(CatBoostParams.parse(p)).fit(InMemoryDataset.of(train, schema), options);
  }

  private static double[] probabilities(CatBoostModel m, RowBatch rows) {
    double[] out = new double[rows.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = m.predict(rows.row(r)).get("probability");
    }
    return out;
  }

  /**
   * A binary task over a categorical column with {@code cats} categories (the odd ones mostly positive), a second
   * categorical column {@code b} and a numeric noise column; with {@code xor}, the label is instead the parity of
   * the two categories' sum, which neither column predicts alone.
   */
  private static RowBatch categorical(int n, int cats, boolean xor, long seed) {
    RandomStream rng = RandomStream.of(seed);
    float[][] x = new float[n][3];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int a = rng.nextInt(cats);
      int b = rng.nextInt(cats);
      x[i][0] = a;
      x[i][1] = b;
      x[i][2] = (float) rng.nextGaussian();
      boolean positive = xor ? (a + b) % 2 == 1 : a % 2 == 1;
      y[i] = rng.nextDouble() < (positive ? 0.85 : 0.15) ? 1 : 0;
    }
    return TabularTestData.rows(x, y);
  }

  /** Without noise, bootstrap or regularisation one depth-1 tree moves each side by lr × its mean residual. */
  @Test
  void oneSymmetricSplitMovesEachSideByItsMeanResidual() throws IOException {
    float[][] x = {{0}, {0}, {0}, {1}, {1}};
    float[] y = {1, 2, 3, 10, 12};
    CatBoostModel m = fit(params("iterations", "1", "depth", "1", "learning_rate", "0.5", "l2_leaf_reg", "0",
        "random_strength", "0", "bagging_temperature", "0", "boosting_type", "Plain", "loss_function", "RMSE"),
        TabularTestData.rows(x, y));
    double mean = 5.6;
    assertEquals(mean, m.ensemble().baseMargin()[0], 1e-6);
    assertEquals(mean + 0.5 * (2 - mean), m.predict(FeatureVector.dense(0f)).get("prediction"), 1e-5);
    assertEquals(mean + 0.5 * (11 - mean), m.predict(FeatureVector.dense(1f)).get("prediction"), 1e-5);
  }

  /** A row's ordered statistic counts only the rows before it in the permutation, never its own label. */
  @Test
  void orderedTargetStatisticsCountOnlyEarlierRows() {
    int n = 200;
    RandomStream rng = RandomStream.of(3);
    int[][] categories = new int[1][n];
    float[] labels = new float[n];
    for (int r = 0; r < n; r++) {
      categories[0][r] = CategoricalEncoder.categoryKey(rng.nextInt(5));
      labels[r] = rng.nextInt(2);
    }
    int[] perm = CatBoostTrainer.permutation(n, 11);
    float[] priors = {0f, 0.5f, 1f};
    ProjectionStats ps = new ProjectionStats(new int[] {0}, categories, labels, new float[] {0.5f}, priors, perm);
    SplitCandidate prior05 = ps.candidates().get(1);
    assertEquals(0.5f, prior05.derived().prior());
    for (int p = 0; p < n; p++) {
      int r = perm[p];
      int count = 0;
      int above = 0;
      for (int q = 0; q < p; q++) {
        if (categories[0][perm[q]] == categories[0][r]) {
          count++;
          above += labels[perm[q]] > 0.5f ? 1 : 0;
        }
      }
      float expected = CategoricalEncoder.borders(above, count, 0.5f);
      assertEquals(ProjectionStats.binOf(prior05.cuts(), expected), prior05.bins()[r], "row " + r);
    }
    float[] flipped = labels.clone();
    int last = perm[n - 1];
    flipped[last] = 1 - flipped[last];
    ProjectionStats other = new ProjectionStats(new int[] {0}, categories, flipped, new float[] {0.5f}, priors, perm);
    assertEquals(prior05.bins()[last], other.candidates().get(1).bins()[last], "the last row's own label is unused");
    // The model's table counts every row.
    CtrTable t = ps.table();
    long key = CategoricalEncoder.extendKey(CategoricalEncoder.startKey(), categories[0][0]);
    int count = 0;
    for (int r = 0; r < n; r++) {
      count += categories[0][r] == categories[0][0] ? 1 : 0;
    }
    assertEquals(count, t.count(key));
  }

  /** A 40-category column reaches the trees only through its target statistics, and carries the whole signal. */
  @Test
  void targetStatisticsLearnAHighCardinalityCategory() throws IOException {
    RowBatch train = categorical(4000, 40, false, 1);
    RowBatch test = categorical(2000, 40, false, 2);
    CatBoostModel m = fit(params("iterations", "60", "learning_rate", "0.2", "depth", "4"), train, 0, 1);
    double auc = Metrics.auc(TabularTestData.labels(test), probabilities(m, test), null);
    // The Bayes-optimal AUC of 0.85/0.15 noise is 0.85.
    assertTrue(auc > 0.83, "AUC " + auc);
    assertTrue(m.derivedFeatureNames().stream().anyMatch(s -> s.startsWith("Borders[0]")), m.derivedFeatureNames()
        .toString());
  }

  /** The parity of two categories is invisible to each alone; the combination [0, 1] built inside trees finds it. */
  @Test
  void combinationsFindAnInteractionNoSingleCategoryShows() throws IOException {
    RowBatch train = categorical(6000, 10, true, 3);
    RowBatch test = categorical(2000, 10, true, 4);
    Map<String, String> p = params("iterations", "40", "learning_rate", "0.3", "depth", "3");
    CatBoostModel combined = fit(p, train, 0, 1);
    double auc = Metrics.auc(TabularTestData.labels(test), probabilities(combined, test), null);
    assertTrue(auc > 0.8, "AUC " + auc + " with " + combined.derivedFeatureNames());
    assertTrue(combined.derivedFeatureNames().stream().anyMatch(s -> s.contains("[0, 1]")));
    p.put("max_ctr_complexity", "1");
    CatBoostModel single = fit(p, train, 0, 1);
    double alone = Metrics.auc(TabularTestData.labels(test), probabilities(single, test), null);
    assertTrue(alone < auc - 0.1, "without combinations AUC " + alone + ", with " + auc);
  }

  /** Every symmetric tree splits all nodes of a level on the same feature and value. */
  @Test
  void symmetricTreesShareOneSplitPerLevel() throws IOException {
    CatBoostModel m = fit(params("iterations", "10", "depth", "4", "learning_rate", "0.3"),
        TabularTestData.nonlinearBinary(1500, 5));
    for (Tree t : m.ensemble().trees()) {
      assertEquals(31, t.nodes());
      for (int level = 0; level < 4; level++) {
        int first = (1 << level) - 1;
        for (int i = first; i < 2 * first + 1; i++) {
          assertEquals(t.splitFeature(first), t.splitFeature(i));
          assertEquals(t.splitValue(first), t.splitValue(i));
        }
      }
    }
  }

  /** Depthwise and Lossguide grow free trees within depth / max_leaves and min_data_in_leaf, and learn. */
  @Test
  void depthwiseAndLossguideGrowFreeTrees() throws IOException {
    RowBatch train = TabularTestData.nonlinearBinary(3000, 7);
    RowBatch test = TabularTestData.nonlinearBinary(2000, 8);
    for (String policy : new String[] {"Depthwise", "Lossguide"}) {
      CatBoostModel m = fit(params("iterations", "80", "depth", "5", "learning_rate", "0.2", "grow_policy", policy,
          "max_leaves", "12", "min_data_in_leaf", "40"), train);
      for (Tree t : m.ensemble().trees()) {
        assertTrue(t.depth() <= 5, policy);
        if (policy.equals("Lossguide")) {
          assertTrue(t.leaves() <= 12, policy + " " + t.leaves());
        }
        for (int i = 0; i < t.nodes(); i++) {
          if (t.isLeaf(i)) {
            assertTrue(t.cover(i) > 0, policy + ": empty leaf");
          }
        }
      }
      double auc = Metrics.auc(TabularTestData.labels(test), probabilities(m, test), null);
      assertTrue(auc > 0.75, policy + " AUC " + auc);
    }
  }

  @Test
  void orderedAndPlainBoostingBothLearnAndAreDeterministic() throws IOException {
    RowBatch train = TabularTestData.nonlinearBinary(2000, 9);
    RowBatch test = TabularTestData.nonlinearBinary(2000, 10);
    for (String type : new String[] {"Ordered", "Plain"}) {
      Map<String, String> p = params("iterations", "60", "learning_rate", "0.2", "depth", "4", "boosting_type",
          type, "rsm", "0.8");
      CatBoostModel a = fit(p, train);
      CatBoostModel b = fit(p, train);
      assertEquals(a.ensemble(), b.ensemble(), type);
      double auc = Metrics.auc(TabularTestData.labels(test), probabilities(a, test), null);
      assertTrue(auc > 0.75, type + " AUC " + auc);
      p.put("random_seed", "2");
      assertNotEquals(a.ensemble(), fit(p, train).ensemble(), type + ": another seed, another model");
    }
  }

  @Test
  void multiClassAnswersProbabilitiesThatSumToOne() throws IOException {
    RandomStream rng = RandomStream.of(4);
    float[][] x = new float[900][2];
    float[] y = new float[900];
    for (int i = 0; i < 900; i++) {
      int c = i % 3;
      x[i][0] = (float) (c + 0.3 * rng.nextGaussian());
      x[i][1] = rng.nextInt(4);
      y[i] = c;
    }
    CatBoostModel m = fit(params("iterations", "30", "learning_rate", "0.3", "depth", "3"),
        TabularTestData.rows(x, y), 1);
    assertEquals("MultiClass", m.lossFunction());
    assertEquals(3, m.ensemble().outputs());
    var pred = m.predict(FeatureVector.dense(2f, 1f));
    double[] probs = pred.getVector("probabilities");
    assertEquals(1.0, probs[0] + probs[1] + probs[2], 1e-9);
    assertEquals(2, (int) pred.get("predicted_label"));
  }

  /** Save/load keeps every prediction bit for bit; SHAP contributions per raw feature sum to the margin. */
  @Test
  void savedModelsPredictTheSameAndContributionsSumToTheMargin() throws IOException {
    RowBatch train = categorical(2000, 20, true, 5);
    CatBoostModel m = fit(params("iterations", "20", "learning_rate", "0.3", "depth", "4"), train, 0, 1);
    CatBoostModel back = (CatBoostModel) ModelIO.fromBytes(ModelIO.toBytes(m), "catboost.model");
    assertEquals(m.ensemble(), back.ensemble());
    assertArrayEquals(m.margins(train), back.margins(train));
    FeatureVector unseen = FeatureVector.dense(77f, Float.NaN, 0.3f);
    assertArrayEquals(m.margin(unseen), back.margin(unseen));
    for (int r = 0; r < 20; r++) {
      double[] c = m.contributions(train.row(r));
      assertEquals(4, c.length);
      assertEquals(m.margin(train.row(r))[0], c[0] + c[1] + c[2] + c[3], 1e-5);
    }
  }

  @Test
  void aKilledJobResumesFromItsCheckpointToTheSameModel(@TempDir Path dir) throws IOException {
    RowBatch train = categorical(1500, 12, true, 6);
    RowBatch valid = categorical(500, 12, true, 7);
    for (String type : new String[] {"Ordered", "Plain"}) {
      Map<String, String> p = params("iterations", "25", "learning_rate", "0.3", "depth", "3", "boosting_type", type,
          "early_stopping_rounds", "0");
      Path ck = dir.resolve(type);
      CatBoostModel whole = fit(p, train, FitOptions.builder().threads(2).validation(InMemoryDataset.of(valid, Schema
          .of(3, 1).withCategorical(0, 1))).build(), 0, 1);
      CancellationToken cancel = new CancellationToken();
      fit(p, train, FitOptions.builder().threads(2).validation(InMemoryDataset.of(valid)).checkpointDir(ck)
          .cancellation(cancel).listener(new TrainingListener() {
            @Override
            public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
              if (epoch == 9) {
                cancel.cancel();
              }
            }
          }).build(), 0, 1);
      CatBoostModel resumed = fit(p, train, FitOptions.builder().threads(2).validation(InMemoryDataset.of(valid))
          .checkpointDir(ck).build(), 0, 1);
      assertEquals(whole.ensemble(), resumed.ensemble(), type);
      assertArrayEquals(whole.margins(valid), resumed.margins(valid), type);
    }
  }

  /** Early stopping keeps the best iteration's trees (CatBoost's use_best_model). */
  @Test
  void earlyStoppingKeepsTheBestIteration() throws IOException {
    RowBatch train = TabularTestData.nonlinearBinary(600, 11);
    RowBatch valid = TabularTestData.nonlinearBinary(600, 12);
    Map<String, Double> last = new HashMap<>();
    int[] epochs = {0};
    CatBoostModel m = fit(params("iterations", "400", "learning_rate", "0.8", "depth", "6", "eval_metric",
        "Logloss", "early_stopping_rounds", "5"), train, FitOptions.builder().threads(2)
        .validation(InMemoryDataset.of(valid)).listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            epochs[0] = epoch;
            last.putAll(metrics);
          }
        }).build());
    assertTrue(epochs[0] < 400, "stopped early");
    assertEquals(epochs[0] - 5, m.ensemble().size(), "kept up to the best iteration");
    double best = m.card().metrics().get("validation:Logloss");
    assertTrue(best <= last.get("validation:Logloss"));
  }

  @Test
  void logLinesMatchCatBoostAndTheTunerRegex() {
    CatBoostLog log = new CatBoostLog();
    String first = log.line(1, 10, Map.of("validation:AUC", 0.81234567));
    String second = log.line(2, 10, Map.of("validation:AUC", 0.8));
    assertTrue(first.startsWith("0:\ttest: 0.8123457\tbest: 0.8123457 (0)\ttotal: "), first);
    assertTrue(second.startsWith("1:\ttest: 0.8\tbest: 0.8123457 (0)"), second);
    Matcher m = Pattern.compile("bestTest = ([0-9\\.]+)").matcher(String.join("\n", log.summary()));
    assertTrue(m.find());
    assertEquals(0.8123457, Double.parseDouble(m.group(1)), 1e-12);
    CatBoostLog rmse = new CatBoostLog();
    rmse.iteration(1, 2, Map.of("validation:RMSE", 2.0));
    rmse.iteration(2, 2, Map.of("validation:RMSE", 1.5));
    assertTrue(rmse.summary().contains("bestIteration = 1"), "lower RMSE is better");
  }

  @Test
  void badInputIsRejectedWithItsOrigin() throws IOException {
    float[][] x = {{0}, {1}, {2}};
    InvalidDataException label = assertThrows(InvalidDataException.class, () -> fit(params("loss_function",
        "Logloss"), TabularTestData.rows(x, new float[] {0, 1, 2})));
    assertTrue(label.getMessage().contains("row 3") && label.getMessage().contains("label 2.0"), label.getMessage());
    InvalidDataException nan = assertThrows(InvalidDataException.class, () -> fit(params(),
        TabularTestData.rows(x, new float[] {0, Float.NaN, 1})));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    InvalidHyperparametersException ordered = assertThrows(InvalidHyperparametersException.class,
        () -> CatBoostParams.parse(Map.of("boosting_type", "Ordered", "grow_policy", "Lossguide")));
    assertTrue(ordered.getMessage().contains("SymmetricTree"), ordered.getMessage());
    InvalidHyperparametersException metric = assertThrows(InvalidHyperparametersException.class,
        () -> CatBoostParams.parse(Map.of("eval_metric", "Kappa")));
    assertTrue(metric.getMessage().contains("Kappa") && metric.getMessage().contains("BalancedAccuracy"),
        metric.getMessage());
    assertThrows(InvalidHyperparametersException.class, () -> CatBoostParams.parse(Map.of("depth", "17")));
    RowBatch two = TabularTestData.rows(new float[][] {{0, 1}, {1, 0}}, new float[] {0, 1});
    InvalidDataException dim = assertThrows(InvalidDataException.class, () -> fit(params("iterations", "2"),
        TabularTestData.rows(x, new float[] {0, 1, 0}), FitOptions.builder().validation(InMemoryDataset.of(two))
            .build()));
    assertTrue(dim.getMessage().contains("2 features"), dim.getMessage());
    CatBoostModel m = tiny(x);
    InvalidDataException predict = assertThrows(InvalidDataException.class, () -> m.predict(FeatureVector.dense(1f,
        2f)));
    assertTrue(predict.getMessage().contains("2 features"), predict.getMessage());
  }

  private static CatBoostModel tiny(float[][] x) throws IOException {
    return fit(params("iterations", "2"), TabularTestData.rows(x, new float[] {0, 1, 0}));
  }

  @Test
  void sageMakerDefaultsAreCatBoosts() {
    var v = CatBoostParams.parse(Map.of()).values();
    assertEquals(500, v.getInt("iterations"));
    assertEquals(0.009, v.getDouble("learning_rate"));
    assertEquals(6, v.getInt("depth"));
    assertEquals(3.0, v.getDouble("l2_leaf_reg"));
    assertEquals(5, v.getInt("early_stopping_rounds"));
    assertEquals(31, v.getInt("max_leaves"));
    assertEquals("SymmetricTree", v.getString("grow_policy"));
    assertEquals("PerTreeLevel", v.getString("sampling_frequency"));
    assertEquals(2, v.getInt("one_hot_max_size"));
  }
}

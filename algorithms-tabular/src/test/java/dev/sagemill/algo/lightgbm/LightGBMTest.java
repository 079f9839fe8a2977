package dev.sagemill.algo.lightgbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LightGBMTest {
  /** Parameters that make one tree an exact fit of the split means: no sampling, no regularisation, lr 1. */
  private static Map<String, String> exact() {
    Map<String, String> p = new HashMap<>();
    p.put("num_boost_round", "1");
    p.put("learning_rate", "1");
    p.put("num_leaves", "2");
    p.put("min_data_in_leaf", "1");
    p.put("min_sum_hessian_in_leaf", "0");
    p.put("bagging_freq", "0");
    p.put("feature_fraction", "1");
    p.put("objective", "regression");
    return p;
  }

  private static LightGBMModel fit(Map<String, String> p, RowBatch train, int... categorical) throws IOException {
    Schema schema = Schema.of(train.featureDim(), 1).withCategorical(categorical);
    return new LightGBMEstimator(LightGBMParams.parse(p)).fit(InMemoryDataset.of(train, schema),
        FitOptions.builder().threads(2).build());
  }


  private static double predict(LightGBMModel m, float... x) {
    return m.predict(FeatureVector.dense(x)).get("prediction");
  }

  @Test
  void oneSplitPredictsTheMeanOfEachSide() throws IOException {
    float[][] x = {{0}, {0}, {0}, {1}, {1}};
    float[] y = {1, 2, 3, 10, 12};
    LightGBMModel m = fit(exact(), TabularTestData.rows(x, y));
    // boost_from_average starts at the mean 5.6; one split at lr 1 and no L2 lands each side on its mean.
    assertEquals(2.0, predict(m, 0), 1e-5);
    assertEquals(11.0, predict(m, 1), 1e-5);
    assertEquals(5.6, m.ensemble().baseMargin()[0], 1e-6);
  }

  /**
   * Twelve categories whose target is 1 for {1, 4, 7, 10} and 0 otherwise: no threshold separates them, one
   * many-vs-many categorical split does; an unseen category and a missing value take the right side.
   */
  @Test
  void categoricalSplitSeparatesInterleavedCategories(@TempDir Path tmp) throws IOException {
    int n = 1200;
    float[][] x = new float[n][1];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      int c = i % 12;
      x[i][0] = c;
      y[i] = c % 3 == 1 ? 1 : 0;
    }
    Map<String, String> p = exact();
    p.put("cat_smooth", "0");
    p.put("cat_l2", "0");
    p.put("min_data_per_group", "1");
    LightGBMModel m = fit(p, TabularTestData.rows(x, y), 0);
    Tree t = m.ensemble().tree(0);
    assertTrue(t.hasCategoricalSplits());
    for (int c = 0; c < 12; c++) {
      assertEquals(c % 3 == 1 ? 1.0 : 0.0, predict(m, c), 1e-5, "category " + c);
    }
    double right = predict(m, 0);
    assertEquals(right, predict(m, 99), 0, "an unseen category goes right");
    assertEquals(right, predict(m, Float.NaN), 0, "a missing value goes right");
    assertEquals(right, predict(m, -1), 0, "a negative value goes right");
    // The same data as a numeric feature needs more than one split.
    LightGBMModel numeric = fit(exact(), TabularTestData.rows(x, y));
    assertTrue(Math.abs(predict(numeric, 1) - 1.0) > 0.1);
    // Categorical splits survive save/load, byte for byte.
    Path file = tmp.resolve("m.sagemill");
    ModelIO.save(m, file);
    LightGBMModel back = ModelIO.load(file, LightGBMModel.class);
    assertArrayEquals(ModelIO.toBytes(m), ModelIO.toBytes(back));
    assertArrayEquals(t.leftCategories(0), back.ensemble().tree(0).leftCategories(0));
    assertEquals(predict(m, 4), predict(back, 4), 0);
  }

  @Test
  void fewCategoriesSplitOneVersusRest() throws IOException {
    float[][] x = new float[400][1];
    float[] y = new float[400];
    for (int i = 0; i < 400; i++) {
      x[i][0] = i % 3;
      y[i] = i % 3 == 1 ? 5 : 0;
    }
    LightGBMModel m = fit(exact(), TabularTestData.rows(x, y), 0);
    assertArrayEquals(new int[] {1}, m.ensemble().tree(0).leftCategories(0));
    assertEquals(5.0, predict(m, 1), 1e-5);
  }

  @Test
  void minDataInLeafBoundsEveryLeaf() throws IOException {
    RowBatch data = TabularTestData.nonlinearBinary(600, 3);
    Map<String, String> p = new HashMap<>();
    p.put("objective", "regression");
    p.put("num_boost_round", "5");
    p.put("num_leaves", "64");
    p.put("max_depth", "-1");
    p.put("min_data_in_leaf", "50");
    p.put("bagging_freq", "0");
    TreeEnsemble e = fit(p, data).ensemble();
    for (int t = 0; t < e.size(); t++) {
      Tree tree = e.tree(t);
      for (int node = 0; node < tree.nodes(); node++) {
        if (tree.isLeaf(node)) {
          // L2 hessians are 1: a leaf's cover is its row count.
          assertTrue(tree.cover(node) >= 50, "tree " + t + " leaf " + node + " has " + tree.cover(node) + " rows");
        }
      }
      assertTrue(tree.leaves() <= 12);
    }
  }

  @Test
  void numLeavesAndMaxDepthBoundTheTrees() throws IOException {
    Map<String, String> p = new HashMap<>();
    p.put("num_boost_round", "3");
    p.put("num_leaves", "7");
    p.put("max_depth", "-1");
    TreeEnsemble e = fit(p, TabularTestData.nonlinearBinary(2000, 1)).ensemble();
    assertEquals(7, e.tree(0).leaves(), "leaf-wise growth fills num_leaves");
    p.put("num_leaves", "64");
    p.put("max_depth", "2");
    assertTrue(fit(p, TabularTestData.nonlinearBinary(2000, 1)).ensemble().tree(0).depth() <= 2);
  }

  @Test
  void everyBoostingModeLearnsAndIsDeterministic() throws IOException {
    RowBatch train = TabularTestData.nonlinearBinary(3000, 11);
    RowBatch test = TabularTestData.nonlinearBinary(2000, 12);
    double[] y = new double[test.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = test.label(r);
    }
    for (String boosting : new String[] {"gbdt", "goss", "dart", "rf"}) {
      Map<String, String> p = new HashMap<>();
      p.put("num_boost_round", "30");
      p.put("num_leaves", "15");
      p.put("boosting", boosting);
      p.put("bagging_fraction", "0.7");
      p.put("seed", "5");
      LightGBMModel a = fit(p, train);
      LightGBMModel b = fit(p, train);
      assertArrayEquals(ModelIO.toBytes(a), ModelIO.toBytes(b), boosting + ": same seed, same model");
      double[] score = new double[test.rows()];
      for (int r = 0; r < score.length; r++) {
        score[r] = a.predict(test.row(r)).get("probability");
      }
      double auc = Metrics.auc(y, score, null);
      assertTrue(auc > 0.75, boosting + " AUC " + auc);
    }
  }

  @Test
  void baggingDependsOnTheSeed() throws IOException {
    Map<String, String> p = new HashMap<>();
    p.put("num_boost_round", "5");
    p.put("bagging_fraction", "0.5");
    p.put("bagging_freq", "2");
    RowBatch train = TabularTestData.nonlinearBinary(1000, 2);
    p.put("seed", "1");
    LightGBMModel a = fit(p, train);
    p.put("seed", "2");
    assertNotEquals(a.ensemble().tree(0), fit(p, train).ensemble().tree(0));
  }

  /** A random forest's margin is the base plus the mean of its trees, each fitted at the base margin. */
  @Test
  void randomForestAveragesItsTrees() throws IOException {
    Map<String, String> p = new HashMap<>();
    p.put("num_boost_round", "8");
    p.put("boosting", "rf");
    p.put("objective", "regression");
    p.put("bagging_fraction", "0.6");
    RowBatch train = TabularTestData.nonlinearBinary(800, 4);
    TreeEnsemble e = fit(p, train).ensemble();
    float[] x = new float[5];
    train.row(3).toDense();
    System.arraycopy(train.row(3).toDense(), 0, x, 0, 5);
    double mean = 0;
    for (int t = 0; t < e.size(); t++) {
      assertEquals(1f / 8, e.weight(t), 0);
      mean += e.tree(t).leafValue(e.tree(t).leafOf(x, 0)) / 8.0;
    }
    assertEquals(e.baseMargin()[0] + mean, e.margin(FeatureVector.dense(x), Integer.MAX_VALUE)[0], 1e-6);
    p.put("bagging_freq", "0");
    p.put("feature_fraction", "1");
    assertThrows(InvalidHyperparametersException.class, () -> LightGBMParams.parse(p));
  }

  @Test
  void objectiveAutoFollowsTheLabels() {
    assertEquals("binary", Objectives.inferProblem(new float[] {0, 1, 1, 0}).problem());
    assertEquals("multiclass", Objectives.inferProblem(new float[] {0, 2, 1, 0}).problem());
    assertEquals("regression", Objectives.inferProblem(new float[] {0.5f, 2, 1, 0}).problem());
    assertEquals("regression", Objectives.inferProblem(new float[] {-1, 2, 1, 0}).problem());
  }

  /**
   * Issue 32 item 2: integer-valued quantities are not classes. 442 rows of about 200 distinct integers in 25..346
   * (a diabetes-progression-like target) used to become a 347-class problem.
   */
  @Test
  void manyDistinctIntegersInFewRowsAreARegressionTarget() {
    java.util.Random r = new java.util.Random(3);
    float[] progression = new float[442];
    for (int i = 0; i < progression.length; i++) {
      progression[i] = 25 + r.nextInt(322);
    }
    Objectives.ProblemGuess g = Objectives.inferProblem(progression);
    assertEquals("regression", g.problem(), g.reason());
    assertTrue(g.reason().contains("distinct integer labels in 442 rows"), g.reason());
    // Ten classes are classes in any number of rows; 3 classes in 150 rows (iris) too.
    float[] digits = new float[30];
    for (int i = 0; i < digits.length; i++) {
      digits[i] = i % 10;
    }
    assertEquals("multiclass", Objectives.inferProblem(digits).problem());
    float[] iris = new float[150];
    for (int i = 0; i < iris.length; i++) {
      iris[i] = i / 50;
    }
    assertEquals("multiclass", Objectives.inferProblem(iris).problem());
    // Past 1,000 rows a class may hold as few as 20 rows: 100 distinct labels in 2,000 rows are classes, 101 not.
    float[] many = new float[2000];
    for (int i = 0; i < many.length; i++) {
      many[i] = i % 100;
    }
    assertEquals("multiclass", Objectives.inferProblem(many).problem());
    many[0] = 100;
    assertEquals("regression", Objectives.inferProblem(many).problem());
  }

  @Test
  void multiclassAnswersProbabilitiesAndLabel() throws IOException {
    float[][] x = new float[300][1];
    float[] y = new float[300];
    for (int i = 0; i < 300; i++) {
      x[i][0] = i % 3;
      y[i] = i % 3;
    }
    Map<String, String> p = new HashMap<>();
    p.put("num_boost_round", "20");
    p.put("min_data_in_leaf", "1");
    LightGBMModel m = fit(p, TabularTestData.rows(x, y));
    assertEquals("multiclass", m.objective());
    assertEquals(3, m.numClass());
    double[] probs = m.predict(FeatureVector.dense(new float[] {2})).getVector("probabilities");
    assertEquals(3, probs.length);
    assertEquals(1.0, probs[0] + probs[1] + probs[2], 1e-9);
    assertEquals(2, m.predict(FeatureVector.dense(new float[] {2})).get("predicted_label"));
  }

  @Test
  void logLineMatchesLightGBMAndTheTunerRegex() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("train:binary_logloss", 0.49);
    m.put("validation:binary_logloss", 0.5123456);
    String line = LightGBMLog.format(10, m);
    assertEquals("[10]\tvalidation's binary_logloss: 0.512346\ttrain's binary_logloss: 0.49", line);
    Matcher mt = Pattern.compile("binary_logloss: ([0-9\\.]+)").matcher(line);
    assertTrue(mt.find());
    assertEquals("0.512346", mt.group(1));
  }

  @Test
  void badInputIsRejectedWithItsOrigin() {
    Map<String, String> p = new HashMap<>();
    p.put("objective", "binary");
    RowBatch bad = TabularTestData.rows(new float[][] {{1}, {2}, {3}}, new float[] {0, 1, 2});
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> fit(p, bad));
    assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    assertTrue(assertThrows(InvalidHyperparametersException.class, () -> LightGBMParams.parse(Map.of(
        "num_leaves", "1"))).getMessage().contains("num_leaves"));
    assertTrue(assertThrows(InvalidHyperparametersException.class, () -> LightGBMParams.parse(Map.of(
        "boosting", "goss", "top_rate", "0.8", "other_rate", "0.5"))).getMessage().contains("top_rate"));
    assertTrue(assertThrows(InvalidHyperparametersException.class, () -> LightGBMParams.parse(Map.of(
        "metric", "auc,nonsense"))).getMessage().contains("nonsense"));
    LightGBMModel m;
    try {
      m = fit(new HashMap<>(), TabularTestData.nonlinearBinary(200, 1));
    } catch (IOException ex) {
      throw new AssertionError(ex);
    }
    LightGBMModel model = m;
    assertThrows(InvalidDataException.class, () -> model.predict(FeatureVector.dense(new float[3])));
    assertNull(model.ensemble().tree(0).leftCategories(0));
  }
}

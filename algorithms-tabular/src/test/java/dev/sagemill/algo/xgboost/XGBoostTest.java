package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostTest {

  private static XGBoostModel fit(XGBoostParams p, RowBatch train) throws IOException {
    return new XGBoostEstimator(p).fit(InMemoryDataset.of(train), FitOptions.builder().threads(2).build());
  }

  @Test
  void aStumpOnFourPointsHasTheClosedFormLeaves() throws IOException {
    RowBatch data = TabularTestData.rows(new float[][] {{1}, {2}, {3}, {4}}, new float[] {1, 2, 3, 10});
    XGBoostParams.Builder b = XGBoostParams.builder(1).eta(1).maxDepth(1).set("base_score", "0")
        .set("min_child_weight", "0");
    // lambda 0: the split 3|10 scores 6²/3 + 10²/1 = 112 (best); leaves are the means of their rows.
    assertArrayEquals(new double[] {2, 2, 2, 10}, fit(b.set("lambda", "0").build(), data).predictValues(data), 1e-6);
    // lambda 1: 2|3 scores 3²/3 + 13²/3 = 59.33 > 3|10's 6²/4 + 10²/2 = 59; leaves -G/(H+1) = 1 and 13/3.
    assertArrayEquals(new double[] {1, 1, 13.0 / 3, 13.0 / 3}, fit(b.set("lambda", "1").build(), data)
        .predictValues(data), 1e-6);
    // alpha 2 soft-thresholds the gradient sums: (6-2)/3 and (10-2)/1 with lambda 0
    assertArrayEquals(new double[] {4.0 / 3, 4.0 / 3, 4.0 / 3, 8}, fit(b.set("lambda", "0").set("alpha", "2").build(),
        data).predictValues(data), 1e-6);
  }

  @Test
  void missingValuesLearnTheirDefaultSide() throws IOException {
    for (float missingLabel : new float[] {0f, 1f}) {
      RandomStream rng = RandomStream.of(3);
      float[][] x = new float[600][1];
      float[] y = new float[600];
      for (int i = 0; i < 600; i++) {
        if (i % 3 == 0) {
          x[i][0] = Float.NaN;
          y[i] = missingLabel;
        } else {
          x[i][0] = (float) rng.nextDouble();
          y[i] = x[i][0] > 0.5 ? 1 : 0;
        }
      }
      XGBoostModel m = fit(XGBoostParams.builder(10).objective("binary:logistic").maxDepth(1).build(),
          TabularTestData.rows(x, y));
      double p = m.predict(FeatureVector.dense(Float.NaN)).get("score");
      assertEquals(missingLabel, p, 0.2, "missing rows are labelled " + missingLabel);
      Tree root = m.ensemble().tree(0);
      assertEquals(0, root.splitFeature(0));
    }
  }

  @Test
  void monotoneConstraintGivesMonotonePredictions() throws IOException {
    RandomStream rng = RandomStream.of(9);
    int n = 2000;
    float[][] x = new float[n][2];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) (rng.nextDouble() * 6);
      x[i][1] = (float) rng.nextGaussian();
      y[i] = (float) (Math.sin(x[i][0]) + x[i][0] * 0.3 + 0.5 * x[i][1] + 0.2 * rng.nextGaussian());
    }
    XGBoostModel free = fit(XGBoostParams.builder(50).maxDepth(4).build(), TabularTestData.rows(x, y));
    XGBoostModel mono = fit(XGBoostParams.builder(50).maxDepth(4).set("monotone_constraints", "(1,0)").build(),
        TabularTestData.rows(x, y));
    boolean freeDecreases = false;
    for (float other : new float[] {-1f, 0f, 1f}) {
      double prevMono = Double.NEGATIVE_INFINITY;
      double prevFree = Double.NEGATIVE_INFINITY;
      for (int k = 0; k <= 120; k++) {
        float v = k * 0.05f;
        double pm = mono.predict(FeatureVector.dense(v, other)).get("score");
        double pf = free.predict(FeatureVector.dense(v, other)).get("score");
        assertTrue(pm >= prevMono - 1e-6, "monotone model decreases at x0=" + v);
        freeDecreases |= pf < prevFree - 1e-3;
        prevMono = pm;
        prevFree = pf;
      }
    }
    assertTrue(freeDecreases, "the unconstrained model follows sin(x0) down somewhere");
  }

  @Test
  void interactionConstraintsKeepFeatureGroupsApart() throws IOException {
    XGBoostModel m = fit(XGBoostParams.builder(20).objective("binary:logistic").maxDepth(4)
        .set("interaction_constraints", "[[0,1],[2,3,4]]").build(), TabularTestData.nonlinearBinary(3000, 1));
    Set<Integer> g1 = Set.of(0, 1);
    for (Tree t : m.ensemble().trees()) {
      for (int node = 0; node < t.nodes(); node++) {
        if (!t.isLeaf(node)) {
          continue;
        }
        Set<Integer> path = new HashSet<>();
        for (int a = parentOf(t, node); a >= 0; a = parentOf(t, a)) {
          path.add(t.splitFeature(a));
        }
        boolean inFirst = path.stream().anyMatch(g1::contains);
        boolean inSecond = path.stream().anyMatch(f -> !g1.contains(f));
        assertFalse(inFirst && inSecond, "a path mixes the groups: " + path);
      }
    }
  }

  private static int parentOf(Tree t, int node) {
    return t.parent(node);
  }

  /**
   * The margins training keeps (reported as train:logloss) must be the model's own predictions, for both growth
   * policies and with and without row sampling: this fails if rows and leaves get out of step while partitioning.
   */
  @Test
  void trainingMarginsAreTheModelsPredictionsForBothGrowPolicies() throws IOException {
    RowBatch data = TabularTestData.nonlinearBinary(3000, 12);
    for (String policy : new String[] {"depthwise", "lossguide"}) {
      for (String subsample : new String[] {"1", "0.7"}) {
        List<Double> loss = new ArrayList<>();
        XGBoostParams.Builder b = XGBoostParams.builder(12).objective("binary:logistic").maxDepth(5)
            .set("grow_policy", policy).set("subsample", subsample).evalMetric("logloss");
        if (policy.equals("lossguide")) {
          b.set("max_leaves", "12");
        }
        XGBoostModel m = new XGBoostEstimator(b.build()).fit(InMemoryDataset.of(data), FitOptions.builder()
            .threads(2).listener(new TrainingListener() {
              @Override
              public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
                loss.add(metrics.get("train:logloss"));
              }
            }).build());
        double[] p = m.predictValues(data);
        double ll = 0;
        for (int r = 0; r < data.rows(); r++) {
          ll -= data.label(r) > 0 ? Math.log(p[r]) : Math.log(1 - p[r]);
        }
        assertEquals(loss.get(loss.size() - 1), ll / data.rows(), 1e-6, policy + ", subsample " + subsample);
        if (policy.equals("lossguide")) {
          for (Tree t : m.ensemble().trees()) {
            assertTrue(t.leaves() <= 12 && t.depth() <= 5);
          }
        }
      }
    }
  }

  @Test
  void modelFileRoundTripsBitForBitAndPredictsTheSame(@TempDir Path dir) throws IOException {
    RowBatch data = TabularTestData.nonlinearBinary(1000, 2);
    XGBoostModel m = fit(XGBoostParams.builder(15).objective("binary:logistic").set("subsample", "0.8").build(), data);
    Path file = dir.resolve("model.sagemill");
    ModelIO.save(m, file);
    XGBoostModel back = ModelIO.load(file, XGBoostModel.class);
    assertEquals(m.ensemble(), back.ensemble());
    assertArrayEquals(m.predictValues(data), back.predictValues(data), 0.0);
    assertArrayEquals(ModelIO.toBytes(m), ModelIO.toBytes(back));
  }

  @Test
  void continuingASavedModelEqualsTrainingAllRoundsAtOnce() throws IOException {
    RowBatch data = TabularTestData.nonlinearBinary(1500, 4);
    XGBoostParams.Builder b = XGBoostParams.builder(10).objective("binary:logistic").set("subsample", "0.7")
        .set("colsample_bytree", "0.8").maxDepth(3);
    XGBoostModel first = fit(b.build(), data);
    XGBoostModel continued = new XGBoostEstimator(b.build()).fit(InMemoryDataset.of(data),
        FitOptions.builder().threads(2).build(), first);
    XGBoostModel whole = fit(b.set("num_round", "20").build(), data);
    assertEquals(20, continued.ensemble().size());
    assertEquals(whole.ensemble(), continued.ensemble());
  }

  @Test
  void aResumedJobKeepsItsEarlyStoppingState(@TempDir Path dir) throws IOException {
    RowBatch train = TabularTestData.nonlinearBinary(800, 7);
    RowBatch valid = TabularTestData.nonlinearBinary(800, 8);
    XGBoostParams p = XGBoostParams.builder(300).objective("binary:logistic").eta(0.5).maxDepth(6)
        .set("early_stopping_rounds", "5").evalMetric("logloss").build();
    XGBoostModel whole = new XGBoostEstimator(p).fit(InMemoryDataset.of(train), InMemoryDataset.of(valid));
    int kept = whole.ensemble().size();
    CancellationToken cancel = new CancellationToken();
    int stopAt = kept + 2; // after the best round, before early stopping fires
    new XGBoostEstimator(p).fit(InMemoryDataset.of(train), FitOptions.builder().validation(InMemoryDataset.of(valid))
        .checkpointDir(dir).cancellation(cancel).listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            if (epoch == stopAt) {
              cancel.cancel();
            }
          }
        }).build());
    XGBoostModel resumed = new XGBoostEstimator(p).fit(InMemoryDataset.of(train), FitOptions.builder()
        .validation(InMemoryDataset.of(valid)).checkpointDir(dir).build());
    assertEquals(whole.ensemble(), resumed.ensemble());
  }

  @Test
  void sameSeedSameModelOtherSeedOtherModel() throws IOException {
    RowBatch data = TabularTestData.nonlinearBinary(1500, 6);
    XGBoostParams.Builder b = XGBoostParams.builder(8).objective("binary:logistic").set("subsample", "0.6")
        .set("colsample_bylevel", "0.6");
    assertEquals(fit(b.seed(1).build(), data).ensemble(), fit(b.seed(1).build(), data).ensemble());
    assertNotEquals(fit(b.seed(1).build(), data).ensemble(), fit(b.seed(2).build(), data).ensemble());
  }

  @Test
  void theModelDoesNotDependOnTheThreadCount() throws IOException {
    // Enough rows that histograms are cut into a different number of row chunks for each thread count.
    RowBatch data = TabularTestData.nonlinearBinary(60_000, 9);
    XGBoostParams p = XGBoostParams.builder(6).objective("binary:logistic").maxDepth(6).set("subsample", "0.8")
        .build();
    TreeEnsemble one = new XGBoostEstimator(p).fit(InMemoryDataset.of(data), FitOptions.builder().threads(1).build())
        .ensemble();
    for (int threads : new int[] {2, 3}) {
      assertEquals(one, new XGBoostEstimator(p).fit(InMemoryDataset.of(data),
          FitOptions.builder().threads(threads).build()).ensemble(), threads + " threads");
    }
  }

  @Test
  void earlyStoppingKeepsTheBestRound() throws IOException {
    RowBatch train = TabularTestData.nonlinearBinary(800, 7);
    RowBatch valid = TabularTestData.nonlinearBinary(800, 8);
    List<Double> curve = new ArrayList<>();
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(300).objective("binary:logistic").eta(0.5)
        .maxDepth(6).set("early_stopping_rounds", "5").evalMetric("logloss").build())
        .fit(InMemoryDataset.of(train), FitOptions.builder().validation(InMemoryDataset.of(valid))
            .listener(new TrainingListener() {
              @Override
              public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
                curve.add(metrics.get("validation:logloss"));
              }
            }).build());
    assertTrue(curve.size() < 300, "stopped early");
    int best = 0;
    for (int i = 1; i < curve.size(); i++) {
      if (curve.get(i) < curve.get(best)) {
        best = i;
      }
    }
    assertEquals(curve.size() - 1 - 5, best, "stops 5 rounds after the best");
    assertEquals(best + 1, m.ensemble().size());
    assertEquals(curve.get(best), m.card().metrics().get("validation:logloss"), 1e-12);
  }

  @Test
  void dartTrainingMarginsAgreeWithTheSavedTreeWeights() throws IOException {
    RowBatch data = TabularTestData.nonlinearBinary(1000, 10);
    List<Double> loss = new ArrayList<>();
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(20).objective("binary:logistic")
        .set("booster", "dart").set("rate_drop", "0.3").set("one_drop", "1").evalMetric("logloss").build())
        .fit(InMemoryDataset.of(data), FitOptions.builder().listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            loss.add(metrics.get("train:logloss"));
          }
        }).build());
    TreeEnsemble e = m.ensemble();
    boolean scaled = false;
    for (int t = 0; t < e.size(); t++) {
      scaled |= e.weight(t) != 1f;
    }
    assertTrue(scaled, "dropout rescaled some trees");
    double[] p = m.predictValues(data);
    double ll = 0;
    for (int r = 0; r < data.rows(); r++) {
      ll -= data.label(r) > 0 ? Math.log(p[r]) : Math.log(1 - p[r]);
    }
    assertEquals(loss.get(loss.size() - 1), ll / data.rows(), 1e-6);
  }

  @Test
  void logLinesMatchSageMakersTunerRegex() {
    Map<String, Double> metrics = new java.util.LinkedHashMap<>();
    metrics.put("train:auc", 0.91);
    metrics.put("validation:auc", 0.89);
    String line = XGBoostLog.format(12, metrics);
    assertEquals("[12]#011train-auc:0.91000#011validation-auc:0.89000", line);
    Matcher m = Pattern.compile(".*\\[[0-9]+\\].*#011validation-auc:(\\S+)").matcher(line);
    assertTrue(m.matches());
    assertEquals("0.89000", m.group(1));
  }

  @Test
  void badInputIsRefusedWithTheValueAndWhere() throws IOException {
    RowBatch twos = TabularTestData.rows(new float[][] {{1}, {2}}, new float[] {0, 2});
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> fit(XGBoostParams.builder(2).objective("binary:logistic").build(), twos));
    assertTrue(e.getMessage().contains("label 2.0") && e.getMessage().contains("record 2"), e.getMessage());
    RowBatch nan = TabularTestData.rows(new float[][] {{1}, {2}}, new float[] {Float.NaN, 1});
    e = assertThrows(InvalidDataException.class, () -> fit(XGBoostParams.builder(2).build(), nan));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("record 1"), e.getMessage());
    RowBatch five = TabularTestData.rows(new float[][] {{1}, {2}}, new float[] {0, 5});
    e = assertThrows(InvalidDataException.class,
        () -> fit(XGBoostParams.builder(2).objective("multi:softmax").numClass(5).build(), five));
    assertTrue(e.getMessage().contains("[0, 5)"), e.getMessage());
    InvalidHyperparametersException h = assertThrows(InvalidHyperparametersException.class,
        () -> XGBoostParams.builder(2).objective("multi:softprob").build());
    assertTrue(h.getMessage().contains("num_class is required"), h.getMessage());
    RowBatch empty = RowBatch.builder(3, 1, false).build();
    e = assertThrows(InvalidDataException.class, () -> fit(XGBoostParams.builder(2).build(), empty));
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    RowBatch train = TabularTestData.nonlinearBinary(200, 1);
    RowBatch narrow = TabularTestData.rows(new float[][] {{1, 2}}, new float[] {1});
    e = assertThrows(InvalidDataException.class, () -> new XGBoostEstimator(XGBoostParams.builder(2).build())
        .fit(InMemoryDataset.of(train), InMemoryDataset.of(narrow)));
    assertTrue(e.getMessage().contains("has 2 features, the training data has 5"), e.getMessage());
    XGBoostModel m = fit(XGBoostParams.builder(2).build(), train);
    e = assertThrows(InvalidDataException.class, () -> m.predict(FeatureVector.dense(1f, 2f)));
    assertTrue(e.getMessage().contains("2 features") && e.getMessage().contains("5"), e.getMessage());
    h = assertThrows(InvalidHyperparametersException.class,
        () -> XGBoostParams.builder(2).set("eval_metric", "aucc").build());
    assertTrue(h.getMessage().contains("unknown eval_metric aucc"), h.getMessage());
  }

  @Test
  void importanceCountsAndAveragesTheSplits() throws IOException {
    XGBoostModel m = fit(XGBoostParams.builder(10).objective("binary:logistic").maxDepth(3).build(),
        TabularTestData.nonlinearBinary(2000, 11));
    TreeEnsemble e = m.ensemble();
    double[] weight = e.importance("weight");
    double[] total = e.importance("total_gain");
    double[] avg = e.importance("gain");
    int splits = 0;
    double gainSum = 0;
    for (Tree t : e.trees()) {
      for (int i = 0; i < t.nodes(); i++) {
        splits += t.isLeaf(i) ? 0 : 1;
      }
    }
    for (int f = 0; f < weight.length; f++) {
      gainSum += total[f];
      assertEquals(weight[f] > 0 ? total[f] / weight[f] : 0, avg[f], 1e-9);
    }
    assertEquals(splits, Arrays.stream(weight).sum(), 0);
    assertTrue(gainSum > 0);
    // The label depends on features 0..3, not on feature 4.
    assertTrue(total[4] < total[0] && total[4] < total[2], Arrays.toString(total));
  }

  @Test
  void selectableOutputsFollowSageMaker() throws IOException {
    XGBoostModel m = fit(XGBoostParams.builder(5).objective("binary:logistic").build(),
        TabularTestData.nonlinearBinary(500, 3));
    FeatureVector x = FeatureVector.dense(0.5f, 0.5f, 0f, 1f, 0f);
    double p = m.predict(x).get("score");
    var out = m.predict(x, List.of("predicted_label", "probability", "probabilities", "raw_score"));
    assertEquals(p > 0.5 ? 1 : 0, out.get("predicted_label"));
    assertEquals(p, out.get("probability"), 1e-12);
    assertArrayEquals(new double[] {1 - p, p}, out.getVector("probabilities"), 1e-12);
    assertEquals(Math.log(p / (1 - p)), out.get("raw_score"), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> m.predict(x, List.of("predicted_score")));
    assertEquals(Arrays.asList("predicted_label", "probability", "probabilities", "raw_score"),
        new ArrayList<>(out.names()));
  }
}

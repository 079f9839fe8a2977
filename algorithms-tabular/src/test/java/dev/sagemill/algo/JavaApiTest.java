package dev.sagemill.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.lightgbm.LightGBMEstimator;
import dev.sagemill.algo.lightgbm.LightGBMModel;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.random.RandomStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a JVM developer does first: fit from plain arrays, read the answer, ask which features matter and why. */
class JavaApiTest {
  /** Label 1 exactly when feature 0 is positive; features 1 and 2 are noise. */
  private static float[][] x(int n) {
    RandomStream r = RandomStream.of(3);
    float[][] x = new float[n][3];
    for (float[] row : x) {
      for (int j = 0; j < 3; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void xgboostFromArraysAnswersExplainsAndRanksFeaturesByName() throws java.io.IOException {
    float[][] x = x(2000);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] > 0 ? 1 : 0;
    }
    XGBoostEstimator e = new XGBoostEstimator(XGBoostParams.builder(10).objective("binary:logistic").maxDepth(2)
        .build());
    XGBoostModel m = e.fit(x, y, FitOptions.builder().threads(8).build());
    assertTrue(m.predict(FeatureVector.dense(2f, 0f, 0f)).get("score") > 0.9);
    assertTrue(m.predict(FeatureVector.dense(-2f, 0f, 0f)).get("score") < 0.1);

    Map<String, Double> weight = m.featureImportance("weight");
    assertEquals(List.of("f0", "f1", "f2"), List.copyOf(weight.keySet()));
    assertTrue(weight.get("f0") > weight.get("f1") && weight.get("f0") > weight.get("f2"), weight.toString());
    double[] phi = m.contributions(FeatureVector.dense(2f, 0f, 0f));
    assertEquals(4, phi.length, "three features and the bias");
    assertTrue(Math.abs(phi[0]) > Math.abs(phi[1]) + Math.abs(phi[2]), java.util.Arrays.toString(phi));

    InMemoryDataset arrays = InMemoryDataset.of(x, y);
    InMemoryDataset named = InMemoryDataset.of(arrays.data(), arrays.schema()
        .withFeatureNames(List.of("signal", "noise_a", "noise_b")));
    Map<String, Double> byName = e.fit(named, FitOptions.defaults()).featureImportance("weight");
    assertEquals(List.of("signal", "noise_a", "noise_b"), List.copyOf(byName.keySet()), "the schema's names");
    assertEquals(List.copyOf(weight.values()), List.copyOf(byName.values()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> m.featureImportance("split")).getMessage()
        .contains("weight, gain, cover, total_gain, total_cover"));
  }

  @Test
  void lightgbmRanksFeaturesAndItsInteractionsSumToTheContributions() {
    float[][] x = x(2000);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] > 0 ? 1 : 0;
    }
    LightGBMModel m = new LightGBMEstimator(LightGBMParams.builder().numBoostRound(10).numLeaves(4).build()).fit(x, y);
    Map<String, Double> gain = m.featureImportance("gain");
    assertEquals(List.of("f0", "f1", "f2"), List.copyOf(gain.keySet()));
    assertTrue(gain.get("f0") > 10 * (gain.get("f1") + gain.get("f2")), gain.toString());
    assertEquals(3, m.featureImportance("split").size());
    FeatureVector row = FeatureVector.dense(0.3f, -1f, 2f);
    double[] phi = m.contributions(row);
    double[] inter = m.interactions(row);
    for (int i = 0; i < 4; i++) {
      double sum = 0;
      for (int j = 0; j < 4; j++) {
        sum += inter[i * 4 + j];
      }
      assertEquals(phi[i], sum, 1e-9, "row " + i + " of the interactions sums to its contribution");
    }
  }

  @Test
  void raggedOrMismatchedArraysAreRefusedNamingTheRow() {
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> InMemoryDataset.of(new float[][] {{1, 2}, {3}}, new double[] {0, 1}));
    assertTrue(ragged.getMessage().contains("row 1 of x has 1 features, row 0 has 2"), ragged.getMessage());
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> InMemoryDataset.of(new float[][] {{1, 2}}, new double[] {0, 1}));
    assertTrue(lengths.getMessage().contains("x has 1 rows but y has 2 labels"), lengths.getMessage());
  }
}

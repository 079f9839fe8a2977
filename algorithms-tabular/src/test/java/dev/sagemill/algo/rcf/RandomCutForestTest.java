package dev.sagemill.algo.rcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random Cut Forest scores: the closed form on a two-point tree, and anomalies found in generated data. */
class RandomCutForestTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  @Test
  void aTwoPointTreeScoresAsTheFormulaSays() {
    RandomCutTree t = new RandomCutTree(1, 2);
    RandomStream rng = RandomStream.of(1);
    t.insert(new float[] {0}, rng);
    t.insert(new float[] {1}, rng);
    int[] scratch = new int[2];
    // Outside the box [0, 1]: leaf at depth 1 gives 1/2; the root separates q=3 with probability 2/3.
    assertEquals((2.0 / 3 * 1 + 1.0 / 3 * 0.5) * LOG2_3, t.score(new float[] {3}, scratch), 1e-12);
    // Inside the box: only the leaf's 1/(depth + 1).
    assertEquals(0.5 * LOG2_3, t.score(new float[] {0.5f}, scratch), 1e-12);
    // A point of the tree: damp (1 - 1/4) times 1/(depth + log2(mass + 1)).
    assertEquals(0.75 * 0.5 * LOG2_3, t.score(new float[] {0}, scratch), 1e-12);
    t.insert(new float[] {0}, rng);
    assertEquals(3, t.mass());
    assertEquals(2, t.slots(), "a copy adds to its leaf's mass, not a leaf");
  }

  /** 2,000 standard normal rows in 5 dimensions, then 20 rows 6 units out along a random direction. */
  private static RowBatch data(long seed, boolean labels) {
    Random r = new Random(seed);
    RowBatch.Builder b = RowBatch.builder(5, labels ? 1 : 0, false).origin("generated", 1);
    for (int i = 0; i < 2020; i++) {
      boolean outlier = i >= 2000;
      float[] x = new float[5];
      double norm = 0;
      for (int j = 0; j < 5; j++) {
        x[j] = (float) r.nextGaussian();
        norm += x[j] * x[j];
      }
      if (outlier) {
        for (int j = 0; j < 5; j++) {
          x[j] = (float) (x[j] / Math.sqrt(norm) * 6);
        }
      }
      b.addDense(x, 0, labels ? new float[] {outlier ? 1 : 0} : new float[0], 1f);
    }
    return b.build();
  }

  @Test
  void farPointsScoreHigherThanTheCloudAndPassTheThreshold() throws IOException {
    RandomCutForestModel m = new RandomCutForestEstimator(RandomCutForestParams.builder(5).seed(3).build())
        .fit(InMemoryDataset.of(data(1, false)), FitOptions.builder().test(InMemoryDataset.of(data(2, true)))
            .build());
    RowBatch test = data(2, true);
    double[] y = new double[test.rows()];
    double[] s = new double[test.rows()];
    for (int i = 0; i < test.rows(); i++) {
      y[i] = test.label(i);
      s[i] = m.predict(test.row(i)).get("score");
    }
    double auc = Metrics.auc(y, s, null);
    assertTrue(auc > 0.99, "ROC AUC of the scores " + auc);
    assertTrue(m.card().metrics().get("test:recall") >= 0.9, m.card().metrics().toString());
    assertTrue(m.card().metrics().get("test:precision") >= 0.5, m.card().metrics().toString());
    double mean = m.card().metrics().get("train:score_mean");
    assertTrue(mean > 0.5 && mean < 1.5, "scores of rows like the sample sit near 1, as AWS's library's: " + mean);
  }

  @Test
  void theForestIsTheSameWhateverTheThreads() throws IOException {
    RandomCutForestEstimator e = new RandomCutForestEstimator(RandomCutForestParams.builder(5).numTrees(50)
        .numSamplesPerTree(100).seed(4).build());
    RandomCutForestModel one = e.fit(InMemoryDataset.of(data(5, false)), FitOptions.builder().threads(1).build());
    RandomCutForestModel four = e.fit(InMemoryDataset.of(data(5, false)), FitOptions.builder().threads(4).build());
    FeatureVector q = FeatureVector.dense(1f, -2f, 0.5f, 3f, 0f);
    assertEquals(one.score(q), four.score(q));
    assertEquals(one.threshold(), four.threshold());
  }

  @Test
  void badInputIsNamed() {
    RandomCutForestEstimator e = new RandomCutForestEstimator(RandomCutForestParams.builder(4).build());
    InvalidDataException d = assertThrows(InvalidDataException.class, () -> e.fit(InMemoryDataset.of(data(6,
        false))));
    assertTrue(d.getMessage().contains("feature_dim is 4") && d.getMessage().contains("5 features"),
        d.getMessage());
    RowBatch.Builder b = RowBatch.builder(2, 0, false).origin("nan.csv", 1);
    b.addDense(new float[] {1, 2}, 0, new float[0], 1f);
    b.addDense(new float[] {Float.NaN, 2}, 0, new float[0], 1f);
    d = assertThrows(InvalidDataException.class, () -> new RandomCutForestEstimator(RandomCutForestParams
        .builder(2).build()).fit(InMemoryDataset.of(b.build())));
    assertTrue(d.getMessage().contains("nan.csv") && d.getMessage().contains("record 2")
        && d.getMessage().contains("NaN"), d.getMessage());
    d = assertThrows(InvalidDataException.class, () -> new RandomCutForestEstimator(RandomCutForestParams
        .builder(5).build()).fit(InMemoryDataset.of(data(7, false)), FitOptions.builder().test(
            InMemoryDataset.of(data(8, false))).build()));
    assertTrue(d.getMessage().contains("no labels"), d.getMessage());
    InvalidHyperparametersException h = assertThrows(InvalidHyperparametersException.class,
        () -> RandomCutForestParams.parse(Map.of("feature_dim", "3", "eval_metrics", "auc")));
    assertTrue(h.getMessage().contains("\"auc\""), h.getMessage());
  }

  @Test
  void fewerRowsThanTheSampleSizeGiveTreesOfAllTheRows() throws IOException {
    RowBatch.Builder b = RowBatch.builder(2, 0, false).origin("small.csv", 1);
    for (int i = 0; i < 10; i++) {
      b.addDense(new float[] {i, i % 3}, 0, new float[0], 1f);
    }
    RandomCutForestModel m = new RandomCutForestEstimator(RandomCutForestParams.builder(2).build())
        .fit(InMemoryDataset.of(b.build()));
    assertEquals(10, m.forest().trees().get(0).mass());
    assertTrue(m.score(FeatureVector.dense(100f, 100f)) > m.score(FeatureVector.dense(4f, 1f)));
  }
}

package dev.sagemill.algo.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.LocalShards;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.testing.RowShards;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Linear Learner's exact-gradient sharded fit, run in one process. */
class LinearLearnerShardedTest {
  /** y = 3 x0 − 2 x1 + x2 + 5 + noise, features at different scales. */
  private static RowBatch regression(int n, long seed) {
    RandomStream rng = RandomStream.of(seed);
    float[][] x = new float[n][4];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = (float) (rng.nextGaussian() * (j + 1));
      }
      y[i] = (float) (3 * x[i][0] - 2 * x[i][1] + x[i][2] + 5 + 0.1 * rng.nextGaussian());
    }
    return TabularTestData.rows(x, y);
  }

  private static LinearLearnerEstimator estimator(Map<String, String> hp) {
    return new LinearLearnerEstimator(LinearLearnerParams.parse(hp));
  }

  @Test
  void oneShardGivesTheSingleMachineModelBitForBit() throws IOException {
    RowBatch binary = TabularTestData.nonlinearBinary(1500, 3);
    RowBatch reg = regression(800, 4);
    for (Map<String, String> hp : List.of(Map.of("predictor_type", "binary_classifier"),
        Map.of("predictor_type", "binary_classifier", "num_models", "4"),
        Map.of("predictor_type", "regressor", "num_models", "3"))) {
      RowBatch rows = hp.get("predictor_type").equals("regressor") ? reg : binary;
      LinearLearnerEstimator e = estimator(hp);
      FitOptions options = FitOptions.builder().threads(2).build();
      LinearLearnerModel single = e.fit(InMemoryDataset.of(rows), options);
      LinearLearnerModel sharded = LocalShards.fit(e, RowShards.contiguous(rows, 1), options);
      assertArrayEquals(ModelIO.toBytes(single), ModelIO.toBytes(sharded), hp.toString());
    }
  }

  @Test
  void fourShardsReachTheSingleMachineOptimum() throws IOException {
    RowBatch reg = regression(2000, 5);
    LinearLearnerEstimator e = estimator(Map.of("predictor_type", "regressor"));
    FitOptions options = FitOptions.builder().threads(1).build();
    LinearLearnerModel single = e.fit(InMemoryDataset.of(reg), options);
    LinearLearnerModel sharded = LocalShards.fit(e, RowShards.contiguous(reg, 4), options);
    // The optimum of the same objective; only the normalisation's sample (500 first rows of each shard instead of
    // the first 2,000 rows, here the same rows) and the order of the sums differ.
    assertArrayEquals(single.weights(), sharded.weights(), 1e-6);
    assertArrayEquals(single.bias(), sharded.bias(), 1e-6);
    assertArrayEquals(new double[] {3, -2, 1, 0}, sharded.weights(), 0.02, "the true weights");

    RowBatch bin = TabularTestData.nonlinearBinary(4000, 6);
    LinearLearnerEstimator c = estimator(Map.of("predictor_type", "binary_classifier", "num_models", "3"));
    double aucSingle = auc(c.fit(InMemoryDataset.of(bin), options), bin);
    double aucSharded = auc(LocalShards.fit(c, RowShards.contiguous(bin, 4), options), bin);
    assertEquals(aucSingle, aucSharded, 0.005, "AUC within 0.005 of one machine's");
  }

  @Test
  void streamedOptimizersHaveNoShardedScheme() {
    assertTrue(estimator(Map.of("predictor_type", "regressor")).supportsSharding());
    assertFalse(estimator(Map.of("predictor_type", "regressor", "optimizer", "adam")).supportsSharding());
  }

  private static double auc(LinearLearnerModel m, RowBatch rows) {
    double[] score = new double[rows.rows()];
    double[] label = new double[rows.rows()];
    var answers = m.predict(rows);
    for (int r = 0; r < rows.rows(); r++) {
      score[r] = answers.get(r).get("score");
      label[r] = rows.label(r);
    }
    return Metrics.auc(label, score, null);
  }
}

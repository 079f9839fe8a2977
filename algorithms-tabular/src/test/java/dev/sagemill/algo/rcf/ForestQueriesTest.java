package dev.sagemill.algo.rcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.random.SplitMix64;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Queries beyond the score: attributions add up to it and point at what stands out; neighbours and imputed values
 * come from the sample.
 */
class ForestQueriesTest {
  @Test
  void partsAddUpToTheTreeScoreForNewAndSampledPoints() {
    RandomCutTree t = new RandomCutTree(3, 64);
    SplitMix64 rng = new SplitMix64(1);
    Random r = new Random(2);
    float[][] pts = new float[64][];
    for (int i = 0; i < 64; i++) {
      pts[i] = new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
      t.insert(pts[i], rng);
    }
    int[] scratch = new int[64];
    for (float[] q : new float[][] {{0, 0, 0}, {5, -1, 0}, {-3, 4, 2}, pts[7], pts[40]}) {
      double[] high = new double[3];
      double[] low = new double[3];
      t.attribution(q, high, low, scratch);
      double sum = high[0] + high[1] + high[2] + low[0] + low[1] + low[2];
      assertEquals(t.score(q, scratch), sum, 1e-12);
    }
  }

  @Test
  void nearNeighboursAreSamplePointsCloseToTheQuery() throws IOException {
    RowBatch.Builder b = RowBatch.builder(2, 0, false).origin("grid", 1);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 20; j++) {
        b.addDense(new float[] {i, j}, 0, new float[0], 1f);
      }
    }
    RandomCutForestModel m = new RandomCutForestEstimator(RandomCutForestParams.builder(2).seed(2).build())
        .fit(InMemoryDataset.of(b.build()));
    java.util.List<Neighbor> n = m.neighbors(FeatureVector.dense(7.2f, 3.9f), 1.5);
    assertTrue(!n.isEmpty(), "some tree proposes a point within 1.5 of (7.2, 3.9)");
    assertTrue(n.get(0).distance() <= 1.5 && n.stream().allMatch(x -> x.distance() <= 1.5));
    double shares = m.neighbors(FeatureVector.dense(7.2f, 3.9f), Double.POSITIVE_INFINITY).stream()
        .mapToDouble(Neighbor::share).sum();
    assertEquals(1.0, shares, 1e-12, "every tree proposes exactly one point");
  }

  @Test
  void aMissingFeatureIsImputedFromTheOthersAlongTheData() throws IOException {
    Random r = new Random(4);
    RowBatch.Builder b = RowBatch.builder(2, 0, false).origin("line", 1);
    for (int i = 0; i < 3000; i++) {
      float x = (float) (r.nextDouble() * 10);
      b.addDense(new float[] {x, (float) (2 * x + 0.05 * r.nextGaussian())}, 0, new float[0], 1f);
    }
    RandomCutForestModel m = new RandomCutForestEstimator(RandomCutForestParams.builder(2).seed(3).build())
        .fit(InMemoryDataset.of(b.build()));
    float[] filled = m.impute(FeatureVector.dense(3f, Float.NaN), 1);
    assertEquals(3f, filled[0]);
    assertEquals(6.0, filled[1], 0.3, "y = 2x at x = 3");
    filled = m.impute(FeatureVector.dense(Float.NaN, 14f), 0);
    assertEquals(7.0, filled[0], 0.3, "x = y/2 at y = 14");
  }

  @Test
  void aSpikeInOneFeatureIsAttributedToItUpward() throws IOException {
    Random r = new Random(3);
    RowBatch.Builder b = RowBatch.builder(4, 0, false).origin("generated", 1);
    for (int i = 0; i < 2000; i++) {
      b.addDense(new float[] {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian(),
          (float) r.nextGaussian()}, 0, new float[0], 1f);
    }
    RandomCutForestModel m = new RandomCutForestEstimator(RandomCutForestParams.builder(4).seed(1).build())
        .fit(InMemoryDataset.of(b.build()));
    FeatureVector spike = FeatureVector.dense(0f, 0f, 6f, 0f);
    Attribution a = m.attribution(spike);
    assertEquals(m.score(spike), a.total(), 1e-9);
    for (int i = 0; i < 4; i++) {
      if (i != 2) {
        assertTrue(a.high()[2] > 3 * a.of(i), "feature 2's high share " + a.high()[2] + " vs feature " + i + " "
            + a.of(i));
      }
    }
    assertTrue(a.high()[2] > 10 * a.low()[2], "the spike is upward");
    Attribution dip = m.attribution(FeatureVector.dense(0f, -6f, 0f, 0f));
    assertTrue(dip.low()[1] > 10 * dip.high()[1], "a dip is attributed downward");
  }
}

package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class BinnedDataTest {

  @Test
  void denseAndSparseRowsOfTheSameValuesGetTheSameCuts() throws IOException {
    // More rows than the sketch keeps, so its sample halves; the dense sketch stores one hash per row (NaN where a
    // value is missing), the sparse one a hash per value, and both must sample the same values.
    int n = BinnedData.SKETCH_ROWS + 40_000;
    int d = 3;
    Random rnd = new Random(7);
    RowBatch.Builder dense = RowBatch.builder(d, 1, false);
    RowBatch.Builder sparse = RowBatch.builder(d, 1, true);
    float[] x = new float[d];
    int[] idx = new int[d];
    float[] val = new float[d];
    for (int r = 0; r < n; r++) {
      x[0] = rnd.nextDouble() < 0.1 ? Float.NaN : (float) rnd.nextGaussian();
      x[1] = rnd.nextInt(1000);
      x[2] = rnd.nextDouble() < 0.95 ? Float.NaN : (float) rnd.nextDouble();
      int count = 0;
      for (int f = 0; f < d; f++) {
        if (!Float.isNaN(x[f])) {
          idx[count] = f;
          val[count++] = x[f];
        }
      }
      float[] label = {r % 2};
      dense.addDense(x, 0, label, 1f);
      sparse.addSparse(idx, val, count, label, 1f);
    }
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      FeatureCuts a = BinnedData.build(InMemoryDataset.of(dense.build()), 256, 3, pool, y -> null).cuts;
      FeatureCuts b = BinnedData.build(InMemoryDataset.of(sparse.build()), 256, 3, pool, y -> null).cuts;
      for (int f = 0; f < d; f++) {
        assertTrue(a.bins(f) > 1, "feature " + f + " has bins");
        assertEquals(b.bins(f), a.bins(f), "bins of feature " + f);
        for (int bin = 0; bin < a.bins(f); bin++) {
          assertEquals(b.cut(f, bin), a.cut(f, bin), "cut " + bin + " of feature " + f);
        }
      }
      assertEquals(256, a.bins(0), "a continuous feature sampled past the sketch's size fills every bin");
    } finally {
      pool.shutdown();
    }
  }
}

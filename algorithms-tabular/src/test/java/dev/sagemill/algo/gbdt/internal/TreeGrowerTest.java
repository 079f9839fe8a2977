package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class TreeGrowerTest {

  @Test
  void theFixedPointScaleIsTheLargestPowerOfTwoThatCannotOverflow() {
    float[] maxima = {0.75f, 1f, 1e-30f, 3.5e20f, Float.MIN_VALUE};
    int[] counts = {1, 7, 1_000_000, Integer.MAX_VALUE};
    for (float max : maxima) {
      for (int count : counts) {
        double s = TreeGrower.fixedPointScale(max, count);
        assertEquals(Math.getExponent(s), Math.log(s) / Math.log(2), 1e-9, "a power of two");
        double bound = (double) max * count * s;
        assertTrue(bound < 0x1p62, max + " x " + count);
        assertTrue(2 * bound >= 0x1p62 || s == 0x1p1000, "the largest such power: " + max + " x " + count);
      }
    }
    assertEquals(1.0, TreeGrower.fixedPointScale(0f, 5));
  }

  @Test
  void gradientSumsAreExactWhateverTheRowOrder() throws IOException {
    // One constant feature, so the tree is a single leaf of weight -G/H. Summed in floating point in row order,
    // 1e16 + 1 - 1e16 + ... loses the ones (the spacing of doubles near 1e16 is 2); fixed point keeps them.
    float big = 1e16f;
    float[][] x = {{0}, {0}, {0}, {0}};
    BinnedData data = BinnedData.build(InMemoryDataset.of(TabularTestData.rows(x, new float[4])), 256, 1,
        ForkJoinPool.commonPool(), label -> null);
    TreeParams p = new TreeParams(1, 0, 0, 0, 0, 0, 6, 0, false, 1, 1, new int[0], List.of(), 0, null);
    TreeGrower grower = new TreeGrower(data, p, new ForkJoinPool(2));
    float[][] orders = {{big, 1, 1, 1, -big, 1, 1, 1}, {-big, 1, 1, 1, 1, 1, big, 1}, {1, 1, big, 1, 1, 1, -big, 1}};
    for (float[] gh : orders) {
      Tree t = grower.grow(gh, new int[] {0, 1, 2, 3}, 4, new int[] {0}, RandomStream.of(1)).tree();
      assertEquals(1, t.nodes());
      assertEquals(-2f / 4f, t.leafValue[0]);
    }
  }

  @Test
  void everyLeafHoldsExactlyTheRowsItsSplitsSendThere() throws IOException {
    // Enough rows that nodes are cut into several chunks and exchange runs on two threads; a missing value in
    // one cell of ten. The deepest level's leaves share their parent's range (rows marked, not moved).
    int n = 120_000;
    RandomStream rng = RandomStream.of(7);
    float[][] x = new float[n][3];
    float[] gh = new float[2 * n];
    for (int r = 0; r < n; r++) {
      for (int f = 0; f < 3; f++) {
        x[r][f] = rng.nextDouble() < 0.1 ? Float.NaN : (float) rng.nextGaussian();
      }
      float a = Float.isNaN(x[r][0]) ? 0.5f : x[r][0];
      float b = Float.isNaN(x[r][1]) ? -1 : x[r][1];
      gh[2 * r] = (float) (a * b + (Float.isNaN(x[r][2]) ? 1 : 0) + 0.3 * rng.nextGaussian());
      gh[2 * r + 1] = 1;
    }
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      BinnedData data = BinnedData.build(InMemoryDataset.of(TabularTestData.rows(x, new float[n])), 256, 1, pool,
          label -> null);
      for (boolean lossguide : new boolean[] {false, true}) {
        TreeParams p = new TreeParams(1, 0, 0, 0, 0, 0, 4, lossguide ? 10 : 0, lossguide, 1, 1, new int[0],
            List.of(), 0, null);
        TreeGrower grower = new TreeGrower(data, p, pool);
        // The second tree starts from the order the first left.
        for (int tree = 0; tree < 2; tree++) {
          TreeGrower.Result res = grower.grow(gh, null, n, new int[] {0, 1, 2}, RandomStream.of(tree));
          Tree t = res.tree();
          List<List<Integer>> expected = new ArrayList<>();
          for (int node = 0; node < t.nodes(); node++) {
            expected.add(new ArrayList<>());
          }
          for (int r = 0; r < n; r++) {
            expected.get(t.leafOf(x[r], 0)).add(r);
          }
          int leaves = 0;
          for (int node = 0; node < t.nodes(); node++) {
            if (t.isLeaf(node)) {
              leaves++;
              int[] got = res.leafRows(node);
              Arrays.sort(got);
              assertArrayEquals(expected.get(node).stream().mapToInt(Integer::intValue).toArray(), got,
                  (lossguide ? "lossguide" : "depthwise") + " tree " + tree + " leaf " + node);
            }
          }
          assertTrue(leaves >= 8, "a tree of several levels: " + leaves + " leaves");
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}

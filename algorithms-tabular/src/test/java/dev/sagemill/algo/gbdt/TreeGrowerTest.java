package dev.sagemill.algo.gbdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
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
}

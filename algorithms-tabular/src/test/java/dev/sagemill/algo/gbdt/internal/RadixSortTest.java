package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadixSortTest {

  @Test
  void floatsSortAsArraysSortDoes() {
    Random rnd = new Random(11);
    float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f};
    float[] a = new float[50_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = switch (i % 4) {
        case 0 -> special[rnd.nextInt(special.length)];
        case 1 -> (float) rnd.nextGaussian();
        case 2 -> rnd.nextInt(20) - 10;
        default -> (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(60) - 30));
      };
    }
    // Radix passes, and below their threshold a comparison sort (a sparse feature's few values).
    for (int count : new int[] {a.length - 123, 700}) {
      float[] expected = a.clone();
      Arrays.sort(expected, 0, count);
      float[] sorted = a.clone();
      RadixSort.sortFloats(sorted, count);
      // Bit for bit, so -0.0 must come before 0.0; the tail beyond count is left alone.
      for (int i = 0; i < a.length; i++) {
        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(sorted[i]), count + ": at " + i);
      }
    }
  }

  @Test
  void aPassIsStableAndThreadsGiveTheOneThreadOrder() {
    Random rnd = new Random(5);
    // The input position in the low 16 bits, a digit of few values above: stable means equal digits keep it rising.
    int n = 60_000;
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = rnd.nextInt(300) << 16 | i;
    }
    int[] one = new int[n];
    int[] three = new int[n];
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(3);
    try {
      RadixSort.pass(keys, one, n, 16, 1, null);
      RadixSort.pass(keys, three, n, 16, 3, pool);
    } finally {
      pool.shutdown();
    }
    assertArrayEquals(one, three);
    for (int i = 1; i < n; i++) {
      int a = one[i - 1] >>> 16;
      int b = one[i] >>> 16;
      assertTrue(a < b || a == b && (one[i - 1] & 0xFFFF) < (one[i] & 0xFFFF), "at " + i);
    }
  }
}

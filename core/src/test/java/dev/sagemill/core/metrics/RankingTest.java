package dev.sagemill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.sagemill.core.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RankingTest {
  @Test
  void matchesAStableBoxedSortIncludingTiesAndNaN() {
    RandomStream r = RandomStream.of(3);
    for (int n : new int[] {0, 1, 2, 7, 1000, 4097}) {
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = i % 17 == 0 ? Double.NaN : Math.round(r.nextDouble() * 50) / 10.0; // many ties
      }
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      // a NaN key ranks after every number; among equal keys the lower index comes first
      Arrays.sort(boxed, (a, b) -> {
        boolean na = Double.isNaN(s[a]);
        boolean nb = Double.isNaN(s[b]);
        if (na != nb) {
          return na ? 1 : -1;
        }
        int c = na ? 0 : Double.compare(s[b], s[a]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      assertArrayEquals(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), Ranking.descending(s, n));
    }
  }
}

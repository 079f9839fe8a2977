package dev.sagemill.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RandomStreamTest {
  @Test
  void forksDependOnlyOnSeedNameAndIndex() {
    RandomStream a = RandomStream.of(42);
    a.nextDouble(); // advancing the parent must not change its forks
    RandomStream b = RandomStream.of(42);
    assertEquals(a.fork("init", 3).nextLong(), b.fork("init", 3).nextLong());
    assertNotEquals(b.fork("init", 3).nextLong(), b.fork("init", 4).nextLong());
    assertNotEquals(b.fork("init").nextLong(), b.fork("shuffle").nextLong());
    assertNotEquals(RandomStream.of(1).fork("x").nextLong(), RandomStream.of(2).fork("x").nextLong());
  }

  @Test
  void gaussianHasUnitMomentsAndIsReproducible() {
    RandomStream r = RandomStream.of(7);
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double g = r.nextGaussian();
      sum += g;
      sq += g * g;
    }
    assertEquals(0, sum / n, 0.01);
    assertEquals(1, sq / n, 0.01);
    assertEquals(RandomStream.of(7).nextGaussian(), RandomStream.of(7).nextGaussian());
  }
}

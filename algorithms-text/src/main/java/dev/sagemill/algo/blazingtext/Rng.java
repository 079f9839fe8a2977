package dev.sagemill.algo.blazingtext;

/**
 * SplitMix64: a fast generator whose whole state is one {@code long}, so a checkpoint can save it and a resumed job
 * draws the same numbers. Not thread-safe: one per training thread.
 */
final class Rng {
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  long state() {
    return state;
  }

  void restore(long s) {
    state = s;
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** @return uniform in [0, 1) with 24 random bits */
  float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /**
   * @param bound exclusive upper bound, positive
   * @return uniform in [0, bound)
   */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }
}

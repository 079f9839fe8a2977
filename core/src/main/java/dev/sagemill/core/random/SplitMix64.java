package dev.sagemill.core.random;

/**
 * SplitMix64 (Steele, Lea and Flood): a fast generator whose whole state is one {@code long}, so a checkpoint can save
 * it ({@link #state()}) and a resumed job draws the same numbers ({@link #restore}). For the per-thread or per-tree
 * streams of training loops that must resume exactly; {@link RandomStream} derives the seeds.
 *
 * <p>Not thread-safe: one per thread or tree.
 */
public final class SplitMix64 {
  private long state;

  /**
   * @param seed the initial state
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** @return the state, for a checkpoint */
  public long state() {
    return state;
  }

  /**
   * @param saved a state {@link #state()} returned
   */
  public void restore(long saved) {
    state = saved;
  }

  /** @return 64 random bits */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** @return uniform in [0, 1) with 53 random bits */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** @return uniform in [0, 1) with 24 random bits */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /**
   * @param bound exclusive upper bound, positive
   * @return uniform in [0, bound) (Lemire's multiply-shift, without the rejection step: the bias is below 2^-31)
   */
  public int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }
}

package dev.sagemill.core.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded random stream whose sub-streams are derived by <em>name and index</em>, never by thread or arrival
 * order. {@code RandomStream.of(seed).fork("init", 3)} is the same stream on every machine and thread count, so
 * the same seed, data and thread count give the same model.
 *
 * <p>Not thread-safe: give each thread its own fork.
 */
public final class RandomStream {
  private final long seed;
  private final SplittableRandom random;

  private RandomStream(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Creates the root stream for a seed.
   *
   * @param seed the user's {@code seed} hyperparameter
   * @return a new stream
   */
  public static RandomStream of(long seed) {
    return new RandomStream(seed);
  }

  /**
   * The seed this stream was created from.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Derives an independent sub-stream named {@code name}. Forking does not advance this stream.
   *
   * @param name what the sub-stream is for, e.g. {@code "init"} or {@code "shuffle"}
   * @return the derived stream
   */
  public RandomStream fork(String name) {
    return fork(name, 0);
  }

  /**
   * Derives an independent sub-stream named {@code name} with an index, e.g. one per model or tree.
   *
   * @param name what the sub-stream is for
   * @param index which one of several sub-streams of the same name
   * @return the derived stream
   */
  public RandomStream fork(String name, long index) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 name: stable across JVMs, unlike String.hashCode salting
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return new RandomStream(mix(mix(seed ^ h) + index * 0x9E3779B97F4A7C15L));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A uniform double in [0, 1).
   *
   * @return the next value
   */
  public double nextDouble() {
    return random.nextDouble();
  }

  /**
   * A uniform int in [0, bound).
   *
   * @param bound the exclusive upper bound, positive
   * @return the next value
   */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * A uniform long.
   *
   * @return the next value
   */
  public long nextLong() {
    return random.nextLong();
  }

  /**
   * A standard normal value (polar Box-Muller on this stream's own uniforms, so the sequence depends only on
   * the seed and not on the JDK's Gaussian implementation).
   *
   * @return the next value
   */
  public double nextGaussian() {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /**
   * Shuffles {@code a} in place (Fisher-Yates).
   *
   * @param a the array to shuffle
   */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

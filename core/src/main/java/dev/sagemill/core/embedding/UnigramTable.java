package dev.sagemill.core.embedding;

import java.util.SplittableRandom;

/**
 * Draws negative samples in proportion to a power of each item's count, from a shuffled table of item ids as
 * word2vec and fastText do (power 0.75 in word2vec, 0.5 in fastText). Each training thread keeps its own position
 * in the shared, read-only table ({@link Cursor}).
 *
 * <p>Immutable and thread-safe; cursors are per thread.
 */
public final class UnigramTable {
  /** fastText's table size. */
  public static final int DEFAULT_SIZE = 10_000_000;

  private final int[] table;

  /**
   * @param counts the count of every item, item id = index; at least one positive
   * @param power the exponent applied to the counts
   * @param size the table length (larger = finer proportions)
   * @param seed the shuffle's seed
   * @throws IllegalArgumentException if no count is positive
   */
  public UnigramTable(long[] counts, double power, int size, long seed) {
    double z = 0;
    for (long c : counts) {
      z += Math.pow(c, power);
    }
    if (!(z > 0)) {
      throw new IllegalArgumentException("a unigram table needs at least one positive count");
    }
    int[] t = new int[size];
    int n = 0;
    for (int i = 0; i < counts.length && n < size; i++) {
      // Same rounding as fastText: ceil of the item's share, so every counted item appears at least once.
      long slots = (long) Math.ceil(Math.pow(counts[i], power) * size / z);
      for (long j = 0; j < slots && n < size; j++) {
        t[n++] = i;
      }
    }
    int[] filled = java.util.Arrays.copyOf(t, n);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = filled.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int x = filled[i];
      filled[i] = filled[j];
      filled[j] = x;
    }
    this.table = filled;
  }

  /** @return the table length */
  public int size() {
    return table.length;
  }

  /**
   * @param seed where the cursor starts (a thread's own seed)
   * @return a cursor for one thread
   */
  public Cursor cursor(long seed) {
    return new Cursor(new SplittableRandom(seed).nextInt(table.length));
  }

  /**
   * @param position a position a {@link Cursor#position()} returned (a checkpoint's)
   * @return a cursor continuing from there
   * @throws IllegalArgumentException if the position is outside the table
   */
  public Cursor cursorAt(int position) {
    if (position < 0 || position >= table.length) {
      throw new IllegalArgumentException("cursor position " + position + " outside the table of " + table.length);
    }
    return new Cursor(position);
  }

  /** One thread's walk through the table. Not thread-safe. */
  public final class Cursor {
    private int position;

    private Cursor(int position) {
      this.position = position;
    }

    /** @return where the next draw reads, for a checkpoint */
    public int position() {
      return position;
    }

    /**
     * @param positive the item to avoid (the positive target)
     * @return the next sampled item other than {@code positive}; {@code positive} itself only when the table holds
     *     nothing else
     */
    public int next(int positive) {
      int[] t = table;
      for (int tries = 0; tries < t.length; tries++) {
        int v = t[position];
        position = position + 1 == t.length ? 0 : position + 1;
        if (v != positive) {
          return v;
        }
      }
      return positive;
    }
  }
}

package dev.sagemill.algo.catboost;

import java.util.Arrays;

/**
 * The target statistics of one projection over the whole training set, as the model applies them at prediction:
 * for each category key (sorted), the number of training rows with it and, per label border, how many of those
 * rows had a label above the border. Immutable and thread-safe.
 */
final class CtrTable {
  private final long[] keys;
  /** Per key, {@code stride} counts: rows, then rows above each label border. */
  private final int[] counts;
  private final int stride;

  /**
   * @param keys category keys, strictly ascending
   * @param counts {@code keys.length × stride} counts
   * @param stride 1 + the number of label borders
   */
  CtrTable(long[] keys, int[] counts, int stride) {
    if (counts.length != keys.length * stride) {
      throw new IllegalArgumentException("a CTR table of " + keys.length + " keys needs " + keys.length * stride
          + " counts, got " + counts.length);
    }
    for (int i = 1; i < keys.length; i++) {
      if (keys[i] <= keys[i - 1]) {
        throw new IllegalArgumentException("CTR table keys are not strictly ascending at " + i);
      }
    }
    this.keys = keys;
    this.counts = counts;
    this.stride = stride;
  }

  long[] keys() {
    return keys;
  }

  int[] counts() {
    return counts;
  }

  int stride() {
    return stride;
  }

  /**
   * @param key a category key
   * @return rows with this key in training, 0 for an unseen category
   */
  int count(long key) {
    int i = Arrays.binarySearch(keys, key);
    return i < 0 ? 0 : counts[i * stride];
  }

  /**
   * @param key a category key
   * @param border a label border index
   * @return training rows with this key and a label above the border
   */
  int above(long key, int border) {
    int i = Arrays.binarySearch(keys, key);
    return i < 0 ? 0 : counts[i * stride + 1 + border];
  }
}

package dev.sagemill.io;

/** Puts the (index, value) pairs of one sparse row in increasing index order. Thread-safe: stateless. */
public final class SparseRows {
  private SparseRows() {}

  /**
   * Sorts the first {@code n} pairs by index (insertion sort: rows are short and usually nearly sorted).
   *
   * @param index the indices
   * @param value the values, moved with their indices
   * @param n the number of pairs
   * @return -1 if all indices are distinct, else an index that appears twice
   */
  public static long sort(int[] index, float[] value, int n) {
    for (int i = 1; i < n; i++) {
      int k = index[i];
      float v = value[i];
      int j = i - 1;
      while (j >= 0 && index[j] > k) {
        index[j + 1] = index[j];
        value[j + 1] = value[j];
        j--;
      }
      index[j + 1] = k;
      value[j + 1] = v;
    }
    for (int i = 1; i < n; i++) {
      if (index[i] == index[i - 1]) {
        return index[i];
      }
    }
    return -1;
  }

  /**
   * Whether the first {@code n} indices are strictly increasing.
   *
   * @param index the indices
   * @param n the number of pairs
   * @return true if sorted without repeats
   */
  public static boolean isStrictlyIncreasing(int[] index, int n) {
    for (int i = 1; i < n; i++) {
      if (index[i] <= index[i - 1]) {
        return false;
      }
    }
    return true;
  }
}

package dev.sagemill.algo.knn;

/**
 * The {@code capacity} smallest scores offered so far with their row ids: a bounded max-heap on primitive arrays,
 * whose root is the admission threshold. Ties are broken toward the smaller id, so the result does not depend on
 * the order rows are offered in.
 *
 * <p>Not thread-safe: one per query and thread.
 */
final class TopK {
  final int capacity;
  final float[] score;
  final int[] id;
  int size;

  /**
   * @param capacity how many to keep (≥ 1)
   */
  TopK(int capacity) {
    this.capacity = capacity;
    this.score = new float[capacity];
    this.id = new int[capacity];
  }

  /** Empties the heap for reuse. */
  void clear() {
    size = 0;
  }

  /** @return the score a new row must beat once full, or +∞ */
  float threshold() {
    return size < capacity ? Float.POSITIVE_INFINITY : score[0];
  }

  /**
   * @param s a score (smaller is better)
   * @param row its row id
   */
  void offer(float s, int row) {
    if (size < capacity) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(s, row, score[parent], id[parent])) {
          break;
        }
        score[i] = score[parent];
        id[i] = id[parent];
        i = parent;
      }
      score[i] = s;
      id[i] = row;
      return;
    }
    if (!worse(score[0], id[0], s, row)) {
      return;
    }
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int c = l + 1 < size && worse(score[l + 1], id[l + 1], score[l], id[l]) ? l + 1 : l;
      if (!worse(score[c], id[c], s, row)) {
        break;
      }
      score[i] = score[c];
      id[i] = id[c];
      i = c;
    }
    score[i] = s;
    id[i] = row;
  }

  /** Offers every entry of another heap. */
  void addAll(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.score[i], other.id[i]);
    }
  }

  private static boolean worse(float s1, int id1, float s2, int id2) {
    return s1 > s2 || (s1 == s2 && id1 > id2);
  }
}

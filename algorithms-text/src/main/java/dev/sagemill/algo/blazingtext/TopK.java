package dev.sagemill.algo.blazingtext;

/**
 * The k best (output id, log probability) pairs, kept exactly as fastText keeps them: a binary min-heap on the score
 * maintained with the C++ standard library's push_heap / pop_heap / sort_heap steps, so that even tied scores come
 * out in fastText's order. A probability below the threshold is skipped; scores are fastText's
 * {@code log(p + 1e-5)}. Call {@link #sort()} before reading. Not thread-safe: one per caller.
 */
final class TopK {
  private int[] ids = new int[4];
  private float[] scores = new float[4];
  private int size;
  private int k;

  void reset(int newK) {
    k = newK;
    size = 0;
    if (ids.length < k + 1) {
      ids = new int[k + 1];
      scores = new float[k + 1];
    }
  }

  int size() {
    return size;
  }

  /** @return the smallest kept score (the heap's front) */
  float worst() {
    return scores[0];
  }

  /** Adds a pair, then drops the smallest when more than k are kept. */
  void offer(int id, float score) {
    ids[size] = id;
    scores[size] = score;
    size++;
    pushHeap(size - 1, 0, id, score);
    if (size > k) {
      popHeap(size);
      size--;
    }
  }

  /** Keeps the best of {@code p[0..n)} with p ≥ threshold, as fastText's findKBest. */
  void select(float[] p, int n, int newK, float threshold) {
    reset(newK);
    for (int i = 0; i < n; i++) {
      if (p[i] < threshold) {
        continue;
      }
      float s = OutputLoss.stdLog(p[i]);
      if (size == k && s < scores[0]) {
        continue;
      }
      offer(i, s);
    }
  }

  /** Orders the kept pairs best first (std::sort_heap with fastText's comparator). */
  void sort() {
    for (int last = size; last > 1; last--) {
      popHeap(last);
    }
  }

  int id(int i) {
    return ids[i];
  }

  float score(int i) {
    return scores[i];
  }

  /** fastText's comparePairs: a ranks before b in the heap order when its score is greater. */
  private static boolean comp(float a, float b) {
    return a > b;
  }

  /** std::__push_heap: moves the value at hole up toward top. */
  private void pushHeap(int hole, int top, int id, float score) {
    int parent = (hole - 1) / 2;
    while (hole > top && comp(scores[parent], score)) {
      scores[hole] = scores[parent];
      ids[hole] = ids[parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    scores[hole] = score;
    ids[hole] = id;
  }

  /** std::pop_heap over [0, len): the front goes to len - 1. */
  private void popHeap(int len) {
    int last = len - 1;
    float vs = scores[last];
    int vi = ids[last];
    scores[last] = scores[0];
    ids[last] = ids[0];
    adjustHeap(0, last, vi, vs);
  }

  /** std::__adjust_heap. */
  private void adjustHeap(int hole, int len, int id, float score) {
    int top = hole;
    int child = hole;
    while (child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if (comp(scores[child], scores[child - 1])) {
        child--;
      }
      scores[hole] = scores[child];
      ids[hole] = ids[child];
      hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      scores[hole] = scores[child - 1];
      ids[hole] = ids[child - 1];
      hole = child - 1;
    }
    pushHeap(hole, top, id, score);
  }
}

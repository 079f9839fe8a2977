package dev.sagemill.algo.blazingtext;

/**
 * The k best (output id, log probability) pairs, best first, as fastText's predict keeps them: a probability below
 * the threshold is skipped, and the scores are fastText's {@code log(p + 1e-5)}. Not thread-safe: one per caller.
 */
final class TopK {
  private int[] ids = new int[4];
  private float[] scores = new float[4];
  private int size;
  private int k;

  void reset(int newK) {
    k = newK;
    size = 0;
    if (ids.length < k) {
      ids = new int[k];
      scores = new float[k];
    }
  }

  int size() {
    return size;
  }

  float worst() {
    return scores[size - 1];
  }

  /** Inserts keeping the order (k is small). */
  void offer(int id, float score) {
    if (size == k && score <= scores[size - 1]) {
      return;
    }
    int i = size == k ? k - 1 : size++;
    while (i > 0 && scores[i - 1] < score) {
      scores[i] = scores[i - 1];
      ids[i] = ids[i - 1];
      i--;
    }
    scores[i] = score;
    ids[i] = id;
  }

  /** Keeps the best of {@code p[0..n)} with p ≥ threshold. */
  void select(float[] p, int n, int newK, float threshold) {
    reset(newK);
    for (int i = 0; i < n; i++) {
      if (p[i] >= threshold) {
        offer(i, OutputLoss.stdLog(p[i]));
      }
    }
  }

  int id(int i) {
    return ids[i];
  }

  float score(int i) {
    return scores[i];
  }
}

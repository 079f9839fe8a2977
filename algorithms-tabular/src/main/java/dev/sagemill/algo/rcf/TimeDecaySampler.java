package dev.sagemill.algo.rcf;

import dev.sagemill.core.random.SplitMix64;

/**
 * One tree's sample of a stream, as AWS's Random Cut Forest keeps it: every point gets the weight
 * {@code log(-log(u)) - timeDecay × sequenceIndex} (u uniform) and the {@code capacity} points of least weight are
 * kept, in a max-heap so the heaviest is evicted first. With {@code timeDecay} 0 this is a uniform reservoir sample;
 * a positive decay favours recent points, a sample's expected age being about 1/timeDecay.
 *
 * <p>Not thread-safe: one per tree.
 */
final class TimeDecaySampler {
  private final int capacity;
  private final double timeDecay;
  private final double[] weight;
  private final int[] slot;
  private int size;

  TimeDecaySampler(int capacity, double timeDecay) {
    this.capacity = capacity;
    this.timeDecay = timeDecay;
    this.weight = new double[capacity];
    this.slot = new int[capacity];
  }

  /**
   * Decides whether a point enters the sample.
   *
   * @param sequenceIndex the point's position in the stream
   * @param rng the tree's random numbers
   * @return the weight to insert it with, or NaN when it stays out
   */
  double offer(long sequenceIndex, SplitMix64 rng) {
    double u = rng.nextDouble();
    double w = Math.log(-Math.log(u == 0 ? Double.MIN_VALUE : u)) - timeDecay * sequenceIndex;
    return size < capacity || w < weight[0] ? w : Double.NaN;
  }

  /** @return whether adding a point now evicts one */
  boolean full() {
    return size == capacity;
  }

  /**
   * Evicts the heaviest point.
   *
   * @return its tree slot
   */
  int evict() {
    int out = slot[0];
    size--;
    weight[0] = weight[size];
    slot[0] = slot[size];
    siftDown(0);
    return out;
  }

  /**
   * Adds a point that {@link #offer} accepted (after {@link #evict} when full).
   *
   * @param w its weight
   * @param treeSlot where the tree holds it
   */
  void add(double w, int treeSlot) {
    int i = size++;
    weight[i] = w;
    slot[i] = treeSlot;
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (weight[parent] >= weight[i]) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int big = i;
      if (l < size && weight[l] > weight[big]) {
        big = l;
      }
      if (r < size && weight[r] > weight[big]) {
        big = r;
      }
      if (big == i) {
        return;
      }
      swap(i, big);
      i = big;
    }
  }

  private void swap(int a, int b) {
    double w = weight[a];
    weight[a] = weight[b];
    weight[b] = w;
    int s = slot[a];
    slot[a] = slot[b];
    slot[b] = s;
  }

  /** @return the weights in heap order, for a checkpoint */
  double[] weights() {
    return java.util.Arrays.copyOf(weight, size);
  }

  /** @return the tree slots in heap order, for a checkpoint */
  int[] slots() {
    return java.util.Arrays.copyOf(slot, size);
  }

  /**
   * Restores a saved heap.
   *
   * @param w weights in heap order
   * @param s slots in the same order
   */
  void restore(double[] w, int[] s) {
    System.arraycopy(w, 0, weight, 0, w.length);
    System.arraycopy(s, 0, slot, 0, s.length);
    size = w.length;
  }
}

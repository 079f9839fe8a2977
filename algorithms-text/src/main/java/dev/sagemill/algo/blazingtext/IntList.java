package dev.sagemill.algo.blazingtext;

import java.util.Arrays;

/** A growable {@code int} array, so encoding lines allocates no boxes. Not thread-safe. */
final class IntList {
  private int[] a;
  private int size;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  void addAll(int[] v) {
    if (size + v.length > a.length) {
      a = Arrays.copyOf(a, Math.max(a.length * 2, size + v.length));
    }
    System.arraycopy(v, 0, a, size, v.length);
    size += v.length;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return size;
  }

  void truncate(int newSize) {
    size = newSize;
  }

  void clear() {
    size = 0;
  }

  int[] array() {
    return a;
  }

  int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}

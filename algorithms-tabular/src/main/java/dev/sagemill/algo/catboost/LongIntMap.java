package dev.sagemill.algo.catboost;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} keys to dense ids {@code 0, 1, 2, ...} in insertion order, so that the
 * per-row loops of target statistics neither box nor allocate. Not thread-safe.
 */
final class LongIntMap {
  private long[] keys;
  private int[] ids;
  private boolean[] used;
  private int size;
  private long[] inOrder;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    ids = new int[cap];
    used = new boolean[cap];
    inOrder = new long[Math.max(16, expected)];
  }

  /** @return the number of keys */
  int size() {
    return size;
  }

  /**
   * @param key a key
   * @return its id, assigning the next one when the key is new
   */
  int idOf(long key) {
    int mask = keys.length - 1;
    int slot = (int) (key ^ (key >>> 32)) * 0x9E3779B9 & mask;
    while (used[slot]) {
      if (keys[slot] == key) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    used[slot] = true;
    keys[slot] = key;
    ids[slot] = size;
    if (size == inOrder.length) {
      inOrder = Arrays.copyOf(inOrder, size * 2);
    }
    inOrder[size] = key;
    size++;
    if (size * 2 > keys.length) {
      grow();
    }
    return size - 1;
  }

  /**
   * @param id an id
   * @return the key that got it
   */
  long keyOf(int id) {
    return inOrder[id];
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        int slot = (int) (oldKeys[i] ^ (oldKeys[i] >>> 32)) * 0x9E3779B9 & mask;
        while (used[slot]) {
          slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = oldKeys[i];
        ids[slot] = oldIds[i];
      }
    }
  }
}

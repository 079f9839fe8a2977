package dev.sagemill.algo.blazingtext;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Counts tokens in order of first appearance: the first pass over a training channel. Not thread-safe. */
final class TokenCounter {
  private final Map<String, Integer> index = new HashMap<>();
  private String[] tokens = new String[1024];
  private long[] counts = new long[1024];
  private int size;
  private long total;

  void add(String token) {
    total++;
    Integer i = index.get(token);
    if (i != null) {
      counts[i]++;
      return;
    }
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    index.put(token, size);
    tokens[size] = token;
    counts[size++] = 1;
  }

  int size() {
    return size;
  }

  String token(int i) {
    return tokens[i];
  }

  long count(int i) {
    return counts[i];
  }

  long tokens() {
    return total;
  }
}

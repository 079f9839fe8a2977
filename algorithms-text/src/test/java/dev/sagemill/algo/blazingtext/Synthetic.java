package dev.sagemill.algo.blazingtext;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated text whose right answer is known. */
final class Synthetic {
  static final String[] LABELS = {"sports", "science", "music"};

  private Synthetic() {}

  /** The keywords of a label: any one of them decides the line's class. */
  static String keyword(int label, int i) {
    return LABELS[label].substring(0, 3) + "kw" + i;
  }

  /**
   * Lines {@code __label__L w w kw w ...}: 5-10 filler words from 100 shared ones and one of the label's four
   * keywords at a random place.
   */
  static List<String> labelled(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = r.nextInt(LABELS.length);
      out.add("__label__" + LABELS[label] + " " + sentence(r, keyword(label, r.nextInt(4))));
    }
    return out;
  }

  static String sentence(Random r, String keyword) {
    int len = 5 + r.nextInt(6);
    int at = r.nextInt(len);
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < len; j++) {
      if (j > 0) {
        sb.append(' ');
      }
      sb.append(j == at ? keyword : "w" + r.nextInt(100));
    }
    return sb.toString();
  }

  /** Lines of 12 words all drawn from one of two disjoint groups, {@code a0..a19} or {@code b0..b19}. */
  static List<String> topics(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String g = r.nextBoolean() ? "a" : "b";
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 12; j++) {
        sb.append(j == 0 ? "" : " ").append(g).append(r.nextInt(20));
      }
      out.add(sb.toString());
    }
    return out;
  }
}

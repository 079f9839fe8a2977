package dev.sagemill.algo.xgboost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses XGBoost's constraint strings: {@code monotone_constraints="(1,0,-1)"}, {@code interaction_constraints="[[0,1],[2,3]]"}. */
final class Constraints {
  private Constraints() {}

  /**
   * @param s e.g. {@code (1,0,-1)} or {@code [1,0,-1]}
   * @return one of -1, 0, 1 per feature
   */
  static int[] parseMonotone(String s) {
    String body = s.trim();
    if (body.startsWith("(") && body.endsWith(")") || body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    } else {
      throw new IllegalArgumentException("monotone_constraints must look like (1,0,-1), got " + s);
    }
    if (body.isBlank()) {
      return new int[0];
    }
    String[] parts = body.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        out[i] = 2;
      }
      if (out[i] < -1 || out[i] > 1) {
        throw new IllegalArgumentException("monotone_constraints entry " + i + " is \"" + parts[i].trim()
            + "\"; each must be -1, 0 or 1");
      }
    }
    return out;
  }

  /**
   * @param s e.g. {@code [[0,1],[2,3,4]]}
   * @return sorted feature index sets
   */
  static List<int[]> parseInteractions(String s) {
    String body = s.trim().replace(" ", "");
    if (!body.startsWith("[") || !body.endsWith("]")) {
      throw new IllegalArgumentException("interaction_constraints must look like [[0,1],[2,3]], got " + s);
    }
    body = body.substring(1, body.length() - 1);
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < body.length()) {
      if (body.charAt(i) == ',') {
        i++;
        continue;
      }
      if (body.charAt(i) != '[') {
        throw new IllegalArgumentException("interaction_constraints must be a list of lists, got " + s);
      }
      int close = body.indexOf(']', i);
      if (close < 0) {
        throw new IllegalArgumentException("interaction_constraints has an unclosed [ in " + s);
      }
      String inner = body.substring(i + 1, close);
      int[] set = inner.isEmpty() ? new int[0] : Arrays.stream(inner.split(",")).mapToInt(t -> {
        try {
          int f = Integer.parseInt(t.replace("\"", ""));
          if (f < 0) {
            throw new NumberFormatException();
          }
          return f;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("interaction_constraints entry \"" + t
              + "\" is not a feature index >= 0", e);
        }
      }).sorted().toArray();
      out.add(set);
      i = close + 1;
    }
    return out;
  }
}

package dev.sagemill.io.answer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Building blocks for {@link dev.sagemill.core.estimator.AnswerFormat}s: CSV flattening of typed outputs and the
 * error for an unsupported Accept type. Stateless.
 */
public final class Answers {
  private Answers() {}

  /**
   * One CSV line of outputs: numbers (whole ones without a fraction), strings (quoted when they hold a comma,
   * quote or line break), and vectors, lists and maps flattened in order.
   *
   * @param values the outputs in order
   * @return the line, without a line break
   */
  public static String csvLine(Collection<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      appendCsv(sb, v);
    }
    return sb.toString();
  }

  private static void appendCsv(StringBuilder sb, Object v) {
    if (v instanceof double[] a) {
      for (double x : a) {
        cell(sb, number(x));
      }
    } else if (v instanceof List<?> l) {
      l.forEach(x -> appendCsv(sb, x));
    } else if (v instanceof Map<?, ?> m) {
      m.values().forEach(x -> appendCsv(sb, x));
    } else if (v instanceof Number n) {
      cell(sb, n instanceof Long ? n.toString() : number(n.doubleValue()));
    } else {
      cell(sb, quoted(String.valueOf(v)));
    }
  }

  private static void cell(StringBuilder sb, String text) {
    sb.append(sb.length() > 0 ? "," : "").append(text);
  }

  /**
   * @param v a number
   * @return whole numbers (labels, cluster ids) without a fraction, as SageMaker's answers show them; others as
   *     Java's shortest round-trip form
   */
  public static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String quoted(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /**
   * @param mediaType the type asked for
   * @param supported the types an algorithm answers in
   * @return the exception to throw, naming both
   */
  public static IllegalArgumentException unsupported(String mediaType, List<String> supported) {
    return new IllegalArgumentException("accept type " + mediaType + " is not supported; use "
        + String.join(", ", supported));
  }
}

package dev.sagemill.io.text;

import java.nio.charset.StandardCharsets;

/**
 * Parses ASCII decimal numbers from bytes without creating strings. The result is always exactly what
 * {@link Float#parseFloat} returns for the same text: one scan checks the syntax; up to 7 significant digits take an
 * exact fast path (one IEEE division), longer or exponent forms go to FastDoubleParser's {@code JavaFloatParser}
 * (Eisel-Lemire, correctly rounded, on the bytes), and only {@code nan} / {@code inf} spellings build a string.
 *
 * <p>Thread-safe: stateless.
 */
public final class FastFloat {
  private static final float[] POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

  private FastFloat() {}

  /**
   * Parses {@code b[from, to)} (already trimmed).
   *
   * @param b the bytes
   * @param from first byte
   * @param to end, exclusive
   * @return the float value; {@code nan}, {@code inf}, {@code infinity} (any case, optionally signed) are accepted
   * @throws NumberFormatException if the text is not a number
   */
  public static float parse(byte[] b, int from, int to) {
    int i = from;
    boolean neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fracDigits = 0;
    boolean seenDot = false;
    boolean any = false;
    boolean simple = true; // at most 7 significant digits and no exponent: the one-division path is exact
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        any = true;
        if (mantissa == 0 && c == '0') {
          if (seenDot) {
            fracDigits++;
          }
          continue; // leading zeros do not count towards precision
        }
        if (++digits > 7) {
          simple = false;
        } else {
          mantissa = mantissa * 10 + (c - '0');
          if (seenDot) {
            fracDigits++;
          }
        }
      } else if (c == '.' && !seenDot) {
        seenDot = true;
      } else if ((c == 'e' || c == 'E') && any) {
        simple = false;
        if (!exponent(b, i + 1, to)) {
          throw new NumberFormatException(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        break;
      } else {
        return special(b, from, to); // nan, inf, or garbage
      }
    }
    if (!any) {
      return special(b, from, to);
    }
    // mantissa < 2^24 and 10^fracDigits <= 10^10 are exact floats, so one IEEE division rounds correctly.
    if (!simple || fracDigits > 10) {
      // Only digits, one dot and a well-formed exponent got here: FastDoubleParser's JavaFloatParser (Eisel-Lemire,
      // correctly rounded like Float.parseFloat) never sees the hex floats or 'f'/'d' suffixes it would also accept.
      return ch.randelshofer.fastdoubleparser.JavaFloatParser.parseFloat(b, from, to - from);
    }
    float v = fracDigits == 0 ? (float) mantissa : (float) mantissa / POW10[fracDigits];
    return neg ? -v : v;
  }

  /** Whether {@code b[from, to)} is an exponent's digits, optionally signed. */
  private static boolean exponent(byte[] b, int from, int to) {
    int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    if (i == to) {
      return false;
    }
    for (; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private static float special(byte[] b, int from, int to) {
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "nan":
        return Float.NaN;
      case "inf":
      case "infinity":
        return s.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
      default:
        throw new NumberFormatException(s);
    }
  }

  /**
   * Parses a non-negative decimal integer (feature index, qid).
   *
   * @param b the bytes
   * @param from first byte
   * @param to end, exclusive
   * @return the value
   * @throws NumberFormatException if not a non-negative integer that fits in a long
   */
  public static long parseIndex(byte[] b, int from, int to) {
    if (from >= to || to - from > 18) {
      throw new NumberFormatException(new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1));
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw new NumberFormatException(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
      }
      v = v * 10 + d;
    }
    return v;
  }
}

package dev.sagemill.algo.blazingtext;

import java.util.function.Consumer;

/**
 * fastText's tokenisation: tokens are separated by space, tab, vertical tab, form feed, carriage return and NUL,
 * and every line ends with the token {@link Dictionary#EOS}. Nothing else is changed (no lower-casing, no
 * punctuation splitting): input is expected pre-tokenised, as for fastText and BlazingText.
 */
final class Tokenizer {
  private Tokenizer() {}

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f' || c == 0;
  }

  /**
   * @param line one line, without its line break
   * @param sink receives each token, then {@link Dictionary#EOS}
   */
  static void tokens(String line, Consumer<String> sink) {
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        sink.accept(line.substring(start, i));
      }
    }
    sink.accept(Dictionary.EOS);
  }
}

package dev.sagemill.core.error;

/**
 * Argument checks in the style of Guava's {@code checkArgument}: the message template is only formatted when the
 * check fails, so checks are cheap on hot paths.
 *
 * <p>Thread-safe: stateless.
 */
public final class Checks {
  private Checks() {}

  /**
   * Throws {@link IllegalArgumentException} when {@code condition} is false.
   *
   * @param condition the condition that must hold
   * @param template a {@link String#format} template
   * @param args the template arguments
   * @throws IllegalArgumentException if the condition is false
   */
  public static void argument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, template, args));
    }
  }

  /**
   * Throws {@link IllegalStateException} when {@code condition} is false.
   *
   * @param condition the condition that must hold
   * @param template a {@link String#format} template
   * @param args the template arguments
   * @throws IllegalStateException if the condition is false
   */
  public static void state(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT, template, args));
    }
  }
}

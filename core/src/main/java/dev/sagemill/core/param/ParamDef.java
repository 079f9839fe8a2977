package dev.sagemill.core.param;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The declaration of one hyperparameter: its SageMaker name, type, allowed values, default and documentation.
 * Built through {@link ParamSpec.Builder}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ParamDef {
  /** The string users write to let the algorithm choose a value. */
  public static final String AUTO = "auto";

  private final String name;
  private final ParamType type;
  private final boolean required;
  private final String defaultValue;
  private final boolean allowAuto;
  private final double min;
  private final boolean minInclusive;
  private final double max;
  private final boolean maxInclusive;
  private final List<String> choices;
  private final String doc;

  ParamDef(String name, ParamType type, boolean required, String defaultValue, boolean allowAuto, double min,
      boolean minInclusive, double max, boolean maxInclusive, List<String> choices, String doc) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.required = required;
    this.defaultValue = defaultValue;
    this.allowAuto = allowAuto;
    this.min = min;
    this.minInclusive = minInclusive;
    this.max = max;
    this.maxInclusive = maxInclusive;
    this.choices = List.copyOf(choices);
    this.doc = Objects.requireNonNull(doc, "doc");
  }

  /** @return the SageMaker wire name, e.g. {@code mini_batch_size} */
  public String name() {
    return name;
  }

  /** @return the value type */
  public ParamType type() {
    return type;
  }

  /** @return true if the user must give a value */
  public boolean required() {
    return required;
  }

  /** @return the default in SageMaker string form ({@code "auto"} included); empty when there is none */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** @return true if {@code "auto"} is accepted */
  public boolean allowsAuto() {
    return allowAuto;
  }

  /** @return the allowed strings of a {@link ParamType#CHOICE} parameter; empty otherwise */
  public List<String> choices() {
    return choices;
  }

  /** @return the documentation sentence */
  public String doc() {
    return doc;
  }

  /**
   * Describes the allowed values in words, e.g. {@code "a number in (0, 1]"} or {@code "one of [sgd, adam]"}.
   *
   * @return the description
   */
  public String allowed() {
    String base = switch (type) {
      case INT, LONG -> "an integer" + range();
      case DOUBLE -> "a number" + range();
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + choices;
      case STRING -> "a string";
    };
    return allowAuto ? base + " or auto" : base;
  }

  private String range() {
    boolean lo = min != Double.NEGATIVE_INFINITY;
    boolean hi = max != Double.POSITIVE_INFINITY;
    if (!lo && !hi) {
      return "";
    }
    if (lo && !hi) {
      return (minInclusive ? " >= " : " > ") + ParamSpec.formatDouble(min);
    }
    if (!lo) {
      return (maxInclusive ? " <= " : " < ") + ParamSpec.formatDouble(max);
    }
    return " in " + (minInclusive ? "[" : "(") + ParamSpec.formatDouble(min) + ", " + ParamSpec.formatDouble(max) + (maxInclusive ? "]" : ")");
  }

  /**
   * Parses and checks one value.
   *
   * @param raw the string form
   * @return the typed value ({@link Integer}, {@link Long}, {@link Double}, {@link Boolean}, {@link String}) or
   *     {@link Hyperparameters#AUTO_VALUE}
   * @throws IllegalArgumentException with a message naming the parameter, what is allowed and what was given
   */
  Object parse(String raw) {
    String v = raw.trim();
    if (allowAuto && v.equalsIgnoreCase(AUTO)) {
      return Hyperparameters.AUTO_VALUE;
    }
    switch (type) {
      case INT, LONG -> {
        double d = parseNumber(v);
        if (d != Math.rint(d) || Double.isInfinite(d)) {
          throw fail(raw);
        }
        checkRange(d, raw);
        if (type == ParamType.INT) {
          if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw fail(raw);
          }
          return (int) d;
        }
        // Parse longs exactly when written as integers: doubles lose precision beyond 2^53 (large seeds).
        try {
          return Long.parseLong(v);
        } catch (NumberFormatException e) {
          return (long) d;
        }
      }
      case DOUBLE -> {
        double d = parseNumber(v);
        if (!Double.isFinite(d)) {
          throw fail(raw);
        }
        checkRange(d, raw);
        return d;
      }
      case BOOLEAN -> {
        String b = v.toLowerCase(Locale.ROOT);
        if (b.equals("true")) {
          return Boolean.TRUE;
        }
        if (b.equals("false")) {
          return Boolean.FALSE;
        }
        throw fail(raw);
      }
      case CHOICE -> {
        for (String c : choices) {
          if (c.equals(v)) {
            return c;
          }
        }
        for (String c : choices) { // SageMaker is case-insensitive for enumerations such as "Ordered"/"ordered"
          if (c.equalsIgnoreCase(v)) {
            return c;
          }
        }
        throw fail(raw);
      }
      case STRING -> {
        return v;
      }
      default -> throw new AssertionError(type);
    }
  }

  private double parseNumber(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw fail(v);
    }
  }

  private void checkRange(double d, String raw) {
    boolean okLo = minInclusive ? d >= min : d > min;
    boolean okHi = maxInclusive ? d <= max : d < max;
    if (!okLo || !okHi) {
      throw fail(raw);
    }
  }

  private IllegalArgumentException fail(String raw) {
    return new IllegalArgumentException(name + " must be " + allowed() + ", got \"" + raw + "\"");
  }
}

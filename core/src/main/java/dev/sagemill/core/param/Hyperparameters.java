package dev.sagemill.core.param;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A validated set of hyperparameters of one algorithm: every declared parameter has a typed value (the user's,
 * the default, or {@code auto}) or is explicitly unset. Created only by {@link ParamSpec#parse(Map)}, so holding
 * one means validation passed.
 *
 * <p>Immutable and thread-safe.
 */
public final class Hyperparameters {
  /** The typed value of a parameter set to {@code "auto"}. */
  public static final Object AUTO_VALUE = new Object() {
    @Override
    public String toString() {
      return ParamDef.AUTO;
    }
  };

  private final ParamSpec spec;
  private final Map<String, Object> values;
  private final Map<String, String> given;

  Hyperparameters(ParamSpec spec, Map<String, Object> values, Map<String, String> given) {
    this.spec = spec;
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.given = Collections.unmodifiableMap(new TreeMap<>(given));
  }

  /** @return the specification these values were validated against */
  public ParamSpec spec() {
    return spec;
  }

  /** @return the algorithm name */
  public String algorithm() {
    return spec.algorithm();
  }

  private Object value(String name) {
    if (!spec.has(name)) {
      throw new IllegalArgumentException(spec.algorithm() + " has no hyperparameter " + name);
    }
    return values.get(name);
  }

  /**
   * Whether a parameter has a value (given or defaulted), as opposed to unset.
   *
   * @param name the SageMaker name
   * @return true if set
   */
  public boolean isSet(String name) {
    return value(name) != null;
  }

  /**
   * Whether a parameter is {@code auto}.
   *
   * @param name the SageMaker name
   * @return true if auto
   */
  public boolean isAuto(String name) {
    return value(name) == AUTO_VALUE;
  }

  /**
   * Whether the user gave the parameter explicitly (rather than it taking its default).
   *
   * @param name the SageMaker name
   * @return true if given
   */
  public boolean isGiven(String name) {
    value(name);
    return given.containsKey(name);
  }

  private Object concrete(String name) {
    Object v = value(name);
    if (v == null || v == AUTO_VALUE) {
      throw new IllegalStateException(spec.algorithm() + ": " + name + " is " + (v == null ? "unset" : "auto")
          + "; resolve it before reading a concrete value");
    }
    return v;
  }

  /**
   * @param name the SageMaker name of an INT parameter
   * @return its value
   */
  public int getInt(String name) {
    return (Integer) concrete(name);
  }

  /**
   * @param name the SageMaker name of a LONG parameter
   * @return its value
   */
  public long getLong(String name) {
    return (Long) concrete(name);
  }

  /**
   * @param name the SageMaker name of a DOUBLE parameter
   * @return its value
   */
  public double getDouble(String name) {
    return ((Number) concrete(name)).doubleValue();
  }

  /**
   * The value, or a fallback when the parameter is {@code auto} or unset.
   *
   * @param name the SageMaker name of a DOUBLE parameter
   * @param whenAuto the value to use for auto/unset
   * @return the value
   */
  public double getDouble(String name, double whenAuto) {
    Object v = value(name);
    return v == null || v == AUTO_VALUE ? whenAuto : ((Number) v).doubleValue();
  }

  /**
   * The value, or a fallback when the parameter is {@code auto} or unset.
   *
   * @param name the SageMaker name of an INT parameter
   * @param whenAuto the value to use for auto/unset
   * @return the value
   */
  public int getInt(String name, int whenAuto) {
    Object v = value(name);
    return v == null || v == AUTO_VALUE ? whenAuto : (Integer) v;
  }

  /**
   * @param name the SageMaker name of a BOOLEAN parameter
   * @return its value
   */
  public boolean getBoolean(String name) {
    return (Boolean) concrete(name);
  }

  /**
   * The value, or a fallback when the parameter is {@code auto} or unset.
   *
   * @param name the SageMaker name of a BOOLEAN parameter
   * @param whenAuto the value to use for auto/unset
   * @return the value
   */
  public boolean getBoolean(String name, boolean whenAuto) {
    Object v = value(name);
    return v == null || v == AUTO_VALUE ? whenAuto : (Boolean) v;
  }

  /**
   * @param name the SageMaker name of a CHOICE or STRING parameter
   * @return its value
   */
  public String getString(String name) {
    return (String) concrete(name);
  }

  /**
   * The values in SageMaker's wire form: every set parameter as a string, keys sorted; unset ones omitted.
   * {@code spec().parse(toSageMaker())} equals this object.
   *
   * @return an unmodifiable sorted map
   */
  public Map<String, String> toSageMaker() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v instanceof Double d ? ParamSpec.formatDouble(d) : v.toString());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /**
   * A copy with some values replaced, validated again.
   *
   * @param overrides SageMaker-style string values
   * @return the new hyperparameters
   */
  public Hyperparameters with(Map<String, String> overrides) {
    Map<String, String> m = new TreeMap<>(given);
    m.putAll(overrides);
    return spec.parse(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hyperparameters h && h.spec.algorithm().equals(spec.algorithm())
        && h.toSageMaker().equals(toSageMaker());
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec.algorithm(), toSageMaker());
  }

  @Override
  public String toString() {
    return spec.algorithm() + toSageMaker();
  }
}

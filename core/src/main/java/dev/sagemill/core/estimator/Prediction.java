package dev.sagemill.core.estimator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One inference answer, shaped as SageMaker's algorithms answer: named outputs in the algorithm's order. An output
 * is a number ({@code score}, {@code predicted_label}; inside lists and maps also a {@link Long}), a vector of numbers
 * ({@code double[]}: per-class {@code score}, a projection), a string ({@code "__label__1"}), or a list or map of
 * those, nested to any depth ({@code {"label": ["__label__1"], "prob": [0.9]}},
 * {@code {"quantiles": {"0.5": [...]}}}, boxes {@code [[cls, score, x0, y0, x1, y1]]}). How an answer is written as
 * {@code text/csv}, JSON or RecordIO-protobuf is the algorithm's {@link AnswerFormat}.
 *
 * <p>Immutable and thread-safe: vectors are copied in and out, lists and maps are unmodifiable copies.
 */
public final class Prediction {
  private final Map<String, Object> outputs;

  private Prediction(Map<String, Object> outputs) {
    this.outputs = Collections.unmodifiableMap(outputs);
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the output names in order */
  public Set<String> names() {
    return outputs.keySet();
  }

  /**
   * @param name an output name
   * @return true if this prediction has a vector-valued output of that name
   */
  public boolean isVector(String name) {
    return outputs.get(name) instanceof double[];
  }

  /**
   * A numeric output as a double ({@code score}, or a whole-number {@code predicted_label} as {@code 1.0}).
   *
   * @param name a scalar output name
   * @return its value
   * @throws IllegalArgumentException if there is no numeric output of that name
   */
  public double get(String name) {
    if (!(outputs.get(name) instanceof Number n)) {
      throw missing(name, "numeric");
    }
    return n.doubleValue();
  }

  /**
   * A whole-number output ({@code predicted_label} of a classifier, {@code closest_cluster}).
   *
   * @param name a scalar output name
   * @return its value
   * @throws IllegalArgumentException if there is no numeric output of that name, or it is not a whole number
   */
  public long getLong(String name) {
    double v = get(name);
    if (outputs.get(name) instanceof Long l) {
      return l;
    }
    if (v != Math.rint(v) || Math.abs(v) > 0x1p53) {
      throw new IllegalArgumentException("output " + name + " is " + v + ", not a whole number");
    }
    return (long) v;
  }

  /**
   * @param name a string output name
   * @return its value
   * @throws IllegalArgumentException if there is no string output of that name
   */
  public String getString(String name) {
    if (!(outputs.get(name) instanceof String s)) {
      throw missing(name, "string");
    }
    return s;
  }

  /**
   * @param name a vector output name
   * @return a copy of its values
   * @throws IllegalArgumentException if there is no vector output of that name
   */
  public double[] getVector(String name) {
    if (!(outputs.get(name) instanceof double[] a)) {
      throw missing(name, "vector");
    }
    return a.clone();
  }

  /**
   * @param name a list output name
   * @return the list (unmodifiable; its vectors are copies)
   * @throws IllegalArgumentException if there is no list output of that name
   */
  public List<Object> getList(String name) {
    if (!(outputs.get(name) instanceof List<?> l)) {
      throw missing(name, "list");
    }
    return copyList(l);
  }

  /**
   * @param name a map output name
   * @return the map in its order (unmodifiable; its vectors are copies)
   * @throws IllegalArgumentException if there is no map output of that name
   */
  public Map<String, Object> getMap(String name) {
    if (!(outputs.get(name) instanceof Map<?, ?> m)) {
      throw missing(name, "map");
    }
    return copyMap(m);
  }

  /**
   * The outputs in order, for serializers: numbers, strings, {@code double[]} (copies), lists and maps.
   *
   * @return an ordered, modifiable map
   */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    outputs.forEach((k, v) -> m.put(k, copyValue(v)));
    return m;
  }

  private IllegalArgumentException missing(String name, String kind) {
    return new IllegalArgumentException("no " + kind + " output " + name + " in " + outputs.keySet());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p && toString().equals(p.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    outputs.forEach((k, v) -> {
      sb.append(sb.length() > 1 ? ", " : "").append(k).append('=');
      appendValue(sb, v);
    });
    return sb.append('}').toString();
  }

  private static void appendValue(StringBuilder sb, Object v) {
    if (v instanceof double[] a) {
      sb.append(Arrays.toString(a));
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        appendValue(sb.append(i > 0 ? ", " : ""), l.get(i));
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        appendValue(sb.append(first ? "" : ", ").append(e.getKey()).append('='), e.getValue());
        first = false;
      }
      sb.append('}');
    } else {
      sb.append(v);
    }
  }

  /** Validates a value's type (recursively) and copies it into an immutable form. */
  private static Object checked(String path, Object v) {
    if (v instanceof Double || v instanceof Long || v instanceof String) {
      return v;
    }
    if (v instanceof Integer i) {
      return (long) i;
    }
    if (v instanceof Float f) {
      return (double) f;
    }
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof float[] a) {
      double[] d = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        d[i] = a[i];
      }
      return d;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        out.add(checked(path + "[" + i + "]", l.get(i)));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("output " + path + ": map keys must be strings, got " + e.getKey());
        }
        out.put(key, checked(path + "." + key, e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException("output " + path + ": a value must be a number, string, double[], float[], "
        + "list or map, got " + (v == null ? "null" : v.getClass().getName()));
  }

  private static Object copyValue(Object v) {
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof List<?> l) {
      return copyList(l);
    }
    if (v instanceof Map<?, ?> m) {
      return copyMap(m);
    }
    return v;
  }

  private static List<Object> copyList(List<?> l) {
    List<Object> out = new ArrayList<>(l.size());
    l.forEach(x -> out.add(copyValue(x)));
    return Collections.unmodifiableList(out);
  }

  private static Map<String, Object> copyMap(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> out.put((String) k, copyValue(x)));
    return Collections.unmodifiableMap(out);
  }

  /** Builds a {@link Prediction}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Object> outputs = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param name output name
     * @param value scalar value
     * @return this builder
     */
    public Builder put(String name, double value) {
      outputs.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * @param name output name
     * @param value string value
     * @return this builder
     */
    public Builder put(String name, String value) {
      outputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param name output name
     * @param values vector value (copied)
     * @return this builder
     */
    public Builder put(String name, double[] values) {
      outputs.put(Objects.requireNonNull(name, "name"), values.clone());
      return this;
    }

    /**
     * @param name output name
     * @param value a list or map of numbers, strings, vectors, lists and maps (copied)
     * @return this builder
     * @throws IllegalArgumentException if some element is of another type, naming its place
     */
    public Builder putNested(String name, Object value) {
      outputs.put(Objects.requireNonNull(name, "name"), checked(name, value));
      return this;
    }

    /** @return the prediction */
    public Prediction build() {
      return new Prediction(new LinkedHashMap<>(outputs));
    }
  }
}

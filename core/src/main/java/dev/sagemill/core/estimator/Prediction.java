package dev.sagemill.core.estimator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One inference answer, shaped as SageMaker's algorithms answer: named outputs such as {@code predicted_label}
 * and {@code score} (a number) or per-class {@code score} (a vector), in the algorithm's order.
 *
 * <p>Immutable and thread-safe.
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
  public java.util.Set<String> names() {
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
   * @param name a scalar output name
   * @return its value
   */
  public double get(String name) {
    Object v = outputs.get(name);
    if (!(v instanceof Double d)) {
      throw new IllegalArgumentException("no scalar output " + name + " in " + outputs.keySet());
    }
    return d;
  }

  /**
   * @param name a vector output name
   * @return a copy of its values
   */
  public double[] getVector(String name) {
    Object v = outputs.get(name);
    if (!(v instanceof double[] a)) {
      throw new IllegalArgumentException("no vector output " + name + " in " + outputs.keySet());
    }
    return a.clone();
  }

  /**
   * The outputs as a map of {@link Double} and {@code double[]} (copies), for serializers.
   *
   * @return an ordered map
   */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    outputs.forEach((k, v) -> m.put(k, v instanceof double[] a ? a.clone() : v));
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    outputs.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
        .append(v instanceof double[] a ? java.util.Arrays.toString(a) : v));
    return sb.append('}').toString();
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
     * @param values vector value (copied)
     * @return this builder
     */
    public Builder put(String name, double[] values) {
      outputs.put(Objects.requireNonNull(name, "name"), values.clone());
      return this;
    }

    /** @return the prediction */
    public Prediction build() {
      return new Prediction(new LinkedHashMap<>(outputs));
    }
  }
}

package dev.sagemill.core.param;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Collects hyperparameters in SageMaker's string form and validates them all at once when built, so every problem
 * is reported together. An algorithm's builder extends it with typed setters that call {@link #set}.
 *
 * <p>Not thread-safe.
 *
 * @param <P> the parameters built
 * @param <B> the concrete builder, which the setters return
 */
public abstract class ParamsBuilder<P, B extends ParamsBuilder<P, B>> {
  private final Map<String, String> raw = new TreeMap<>();
  private final Function<Map<String, String>, P> parse;

  /**
   * @param parse validates a string map into the parameters (the algorithm's {@code parse})
   */
  protected ParamsBuilder(Function<Map<String, String>, P> parse) {
    this.parse = Objects.requireNonNull(parse, "parse");
  }

  /**
   * Sets any hyperparameter by its name.
   *
   * @param name the SageMaker name
   * @param value the value in SageMaker's string form
   * @return this builder
   */
  @SuppressWarnings("unchecked") // B is this builder's own class by the type parameter's contract
  public final B set(String name, String value) {
    raw.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return (B) this;
  }

  /**
   * Sets a choice hyperparameter to one of its constants.
   *
   * @param name the SageMaker name
   * @param value the constant
   * @return this builder
   */
  public final B set(String name, Choice value) {
    return set(name, Objects.requireNonNull(value, "value").value());
  }

  /**
   * Validates and builds.
   *
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public final P build() {
    return parse.apply(raw);
  }
}

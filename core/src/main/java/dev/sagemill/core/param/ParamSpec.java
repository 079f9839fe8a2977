package dev.sagemill.core.param;

import dev.sagemill.core.error.InvalidHyperparametersException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The single declaration of an algorithm's hyperparameters (SageMaker names, types, ranges, defaults), and the
 * parser from the string map of {@code hyperparameters.json}. Parsing collects <em>all</em> problems (unknown
 * names with a near-match suggestion, wrong types, out-of-range values, missing required values, inconsistent
 * combinations) into one {@link InvalidHyperparametersException}.
 *
 * <p>Names starting with {@code _} or {@code sagemaker_} are ignored, as SageMaker's own containers ignore the
 * keys that the tuner and SDK add (e.g. {@code _tuning_objective_metric}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ParamSpec {
  /** A check across several parameters, run after each parameter parsed on its own. */
  @FunctionalInterface
  public interface CrossCheck {
    /**
     * Adds a sentence to {@code problems} for each inconsistency.
     *
     * @param values the parsed values (unset parameters map to null, auto to {@link Hyperparameters#AUTO_VALUE})
     * @param problems where to add problems
     */
    void check(Map<String, Object> values, List<String> problems);
  }

  private final String algorithm;
  private final Map<String, ParamDef> defs;
  private final List<CrossCheck> crossChecks;

  private ParamSpec(String algorithm, Map<String, ParamDef> defs, List<CrossCheck> crossChecks) {
    this.algorithm = algorithm;
    this.defs = Collections.unmodifiableMap(new LinkedHashMap<>(defs));
    this.crossChecks = List.copyOf(crossChecks);
  }

  /**
   * Starts a specification.
   *
   * @param algorithm the SageMaker algorithm name, e.g. {@code linear-learner}
   * @return a builder
   */
  public static Builder builder(String algorithm) {
    return new Builder(algorithm);
  }

  /** @return the algorithm name */
  public String algorithm() {
    return algorithm;
  }

  /**
   * @param name a SageMaker name
   * @return true if declared
   */
  public boolean has(String name) {
    return defs.containsKey(name);
  }

  /** @return every declaration, in declaration order; drives documentation and tuner ranges */
  public List<ParamDef> describe() {
    return List.copyOf(defs.values());
  }

  /**
   * Parses SageMaker-style string values.
   *
   * @param raw the hyperparameters as strings (missing ones take their defaults)
   * @return the validated values
   * @throws InvalidHyperparametersException listing every problem found
   */
  public Hyperparameters parse(Map<String, String> raw) {
    Objects.requireNonNull(raw, "raw");
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new HashMap<>();
    Map<String, String> given = new HashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("_") || name.startsWith("sagemaker_")) {
        continue;
      }
      ParamDef def = defs.get(name);
      if (def == null) {
        problems.add("unknown hyperparameter " + name + nearest(name));
        continue;
      }
      if (e.getValue() == null) {
        problems.add(name + " must be " + def.allowed() + ", got null");
        continue;
      }
      try {
        values.put(name, def.parse(e.getValue()));
        given.put(name, e.getValue());
      } catch (IllegalArgumentException ex) {
        problems.add(ex.getMessage());
      }
    }
    for (ParamDef def : defs.values()) {
      if (given.containsKey(def.name()) || values.containsKey(def.name())) {
        continue;
      }
      if (def.required()) {
        if (raw.containsKey(def.name())) {
          continue; // already reported as invalid
        }
        problems.add(def.name() + " is required: " + def.allowed());
        values.put(def.name(), null);
      } else {
        values.put(def.name(), def.defaultValue().map(def::parse).orElse(null));
      }
    }
    if (problems.isEmpty()) {
      for (CrossCheck c : crossChecks) {
        c.check(Collections.unmodifiableMap(values), problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidHyperparametersException(algorithm, problems);
    }
    return new Hyperparameters(this, values, given);
  }

  private String nearest(String name) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String candidate : defs.keySet()) {
      int d = editDistance(name, candidate);
      if (d < bestDist) {
        bestDist = d;
        best = candidate;
      }
    }
    return best != null && bestDist <= Math.max(2, name.length() / 3) ? " (did you mean " + best + "?)" : "";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String formatDouble(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * Declares parameters one by one. Each declaration method adds a parameter; {@code between}/{@code atLeast}
   * style bounds are given as arguments.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String algorithm;
    private final Map<String, ParamDef> defs = new LinkedHashMap<>();
    private final List<CrossCheck> crossChecks = new ArrayList<>();

    private Builder(String algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    private Builder add(ParamDef def) {
      if (defs.putIfAbsent(def.name(), def) != null) {
        throw new IllegalStateException(algorithm + ": hyperparameter " + def.name() + " declared twice");
      }
      if (def.defaultValue().isPresent()) {
        def.parse(def.defaultValue().get()); // a default that fails its own range is a programming error
      }
      return this;
    }

    /**
     * A numeric parameter.
     *
     * @param name SageMaker name
     * @param type INT, LONG or DOUBLE
     * @param min lower bound ({@link Double#NEGATIVE_INFINITY} for none)
     * @param minInclusive whether the lower bound is allowed
     * @param max upper bound ({@link Double#POSITIVE_INFINITY} for none)
     * @param maxInclusive whether the upper bound is allowed
     * @param defaultValue default in string form ({@code "auto"} allowed when {@code allowAuto}); null = none
     * @param allowAuto whether {@code "auto"} is accepted
     * @param doc one sentence
     * @return this builder
     */
    public Builder number(String name, ParamType type, double min, boolean minInclusive, double max,
        boolean maxInclusive, String defaultValue, boolean allowAuto, String doc) {
      if (type != ParamType.INT && type != ParamType.LONG && type != ParamType.DOUBLE) {
        throw new IllegalArgumentException(name + ": number() takes INT, LONG or DOUBLE, got " + type);
      }
      return add(new ParamDef(name, type, false, defaultValue, allowAuto, min, minInclusive, max, maxInclusive,
          List.of(), doc));
    }

    /**
     * A required numeric parameter.
     *
     * @param name SageMaker name
     * @param type INT, LONG or DOUBLE
     * @param min inclusive lower bound
     * @param max inclusive upper bound
     * @param doc one sentence
     * @return this builder
     */
    public Builder requiredNumber(String name, ParamType type, double min, double max, String doc) {
      return add(new ParamDef(name, type, true, null, false, min, true, max, true, List.of(), doc));
    }

    /**
     * A parameter taking one of a fixed set of strings.
     *
     * @param name SageMaker name
     * @param choices the allowed values
     * @param defaultValue default, or null when required or unset by default
     * @param required whether the user must give it
     * @param doc one sentence
     * @return this builder
     */
    public Builder choice(String name, List<String> choices, String defaultValue, boolean required, String doc) {
      boolean auto = choices.contains(ParamDef.AUTO);
      List<String> rest = auto ? choices.stream().filter(c -> !c.equals(ParamDef.AUTO)).toList() : choices;
      return add(new ParamDef(name, ParamType.CHOICE, required, defaultValue, auto, Double.NEGATIVE_INFINITY, true,
          Double.POSITIVE_INFINITY, true, rest, doc));
    }

    /**
     * A parameter taking one of an enum's values, the enum being the single list of them.
     *
     * @param name SageMaker name
     * @param choices the enum of allowed values ({@code auto} among them when the algorithm can choose)
     * @param defaultValue default, or null when required or unset by default
     * @param required whether the user must give it
     * @param doc one sentence
     * @param <E> the enum
     * @return this builder
     */
    public <E extends Enum<E> & Choice> Builder choice(String name, Class<E> choices, E defaultValue,
        boolean required, String doc) {
      return choice(name, Choice.values(choices), defaultValue == null ? null : defaultValue.value(), required, doc);
    }

    /**
     * A boolean parameter.
     *
     * @param name SageMaker name
     * @param defaultValue "true", "false" or "auto" (then allowAuto must be true)
     * @param allowAuto whether {@code "auto"} is accepted
     * @param doc one sentence
     * @return this builder
     */
    public Builder bool(String name, String defaultValue, boolean allowAuto, String doc) {
      return add(new ParamDef(name, ParamType.BOOLEAN, false, defaultValue, allowAuto, Double.NEGATIVE_INFINITY,
          true, Double.POSITIVE_INFINITY, true, List.of(), doc));
    }

    /**
     * A free-text parameter (validated by a cross check if needed).
     *
     * @param name SageMaker name
     * @param defaultValue default, or null for none
     * @param doc one sentence
     * @return this builder
     */
    public Builder text(String name, String defaultValue, String doc) {
      return add(new ParamDef(name, ParamType.STRING, false, defaultValue, false, Double.NEGATIVE_INFINITY, true,
          Double.POSITIVE_INFINITY, true, List.of(), doc));
    }

    /**
     * A required free-text parameter (validated by a cross check if needed).
     *
     * @param name SageMaker name
     * @param doc one sentence
     * @return this builder
     */
    public Builder requiredText(String name, String doc) {
      return add(new ParamDef(name, ParamType.STRING, true, null, false, Double.NEGATIVE_INFINITY, true,
          Double.POSITIVE_INFINITY, true, List.of(), doc));
    }

    /**
     * Adds a check across parameters.
     *
     * @param check the check
     * @return this builder
     */
    public Builder crossCheck(CrossCheck check) {
      crossChecks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /** @return the specification */
    public ParamSpec build() {
      return new ParamSpec(algorithm, defs, crossChecks);
    }
  }
}

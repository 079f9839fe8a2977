package dev.sagemill.core.estimator;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of algorithms on the class path, by SageMaker name. Providers are loaded once, lazily, on first
 * use (a holder class, so class initialisation has no side effects).
 *
 * <p>Thread-safe.
 */
public final class Algorithms {
  private Algorithms() {}

  private static final class Holder {
    static final Map<String, AlgorithmProvider> PROVIDERS = load();
    static final Map<String, AlgorithmProvider> ALIASES = aliases();

    private static Map<String, AlgorithmProvider> aliases() {
      Map<String, AlgorithmProvider> m = new TreeMap<>();
      for (AlgorithmProvider p : PROVIDERS.values()) {
        for (String a : p.aliases()) {
          AlgorithmProvider previous = m.putIfAbsent(a, p);
          if (previous != null || PROVIDERS.containsKey(a)) {
            throw new IllegalStateException("the alias " + a + " of " + p.algorithmName() + " is taken");
          }
        }
      }
      return Collections.unmodifiableMap(m);
    }

    private static Map<String, AlgorithmProvider> load() {
      Map<String, AlgorithmProvider> m = new TreeMap<>();
      for (AlgorithmProvider p : ServiceLoader.load(AlgorithmProvider.class, Algorithms.class.getClassLoader())) {
        AlgorithmProvider previous = m.putIfAbsent(p.algorithmName(), p);
        if (previous != null) {
          throw new IllegalStateException("two providers for algorithm " + p.algorithmName() + ": "
              + previous.getClass().getName() + " and " + p.getClass().getName());
        }
      }
      return Collections.unmodifiableMap(m);
    }
  }

  /** @return the names of every algorithm on the class path, sorted */
  public static java.util.Set<String> names() {
    return Holder.PROVIDERS.keySet();
  }

  /** @return every provider on the class path, sorted by algorithm name */
  public static java.util.Collection<AlgorithmProvider> providers() {
    return Holder.PROVIDERS.values();
  }

  /**
   * @param capability a capability
   * @return the names of the algorithms that have it, sorted
   */
  public static java.util.List<String> withCapability(Capability capability) {
    return Holder.PROVIDERS.values().stream().filter(p -> p.capabilities().contains(capability))
        .map(AlgorithmProvider::algorithmName).toList();
  }

  /**
   * @param name a SageMaker algorithm name, or another name it is known by ({@link AlgorithmProvider#aliases()})
   * @return its provider, if on the class path
   */
  public static Optional<AlgorithmProvider> find(String name) {
    AlgorithmProvider p = Holder.PROVIDERS.get(name);
    return Optional.ofNullable(p != null ? p : Holder.ALIASES.get(name));
  }

  /**
   * @param name a SageMaker algorithm name
   * @return its provider
   * @throws IllegalArgumentException naming the known algorithms if there is none
   */
  public static AlgorithmProvider get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown algorithm \"" + name + "\"; known algorithms: " + names()));
  }
}

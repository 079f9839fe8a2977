package dev.sagemill.cli;

import java.util.function.Consumer;

/**
 * The entry point Jazzer's libFuzzer-style driver calls ({@code --target_class}): runs the target named by the
 * system property {@code sagemill.fuzz.target} (a key of {@link FuzzTargets#ALL}) on each generated input.
 * {@code benchmarks/fuzz/run.sh} starts it.
 */
public final class FuzzDriver {
  private static final Consumer<byte[]> TARGET = target();

  private FuzzDriver() {}

  private static Consumer<byte[]> target() {
    String name = System.getProperty("sagemill.fuzz.target", "");
    Consumer<byte[]> t = FuzzTargets.ALL.get(name);
    if (t == null) {
      throw new IllegalArgumentException("-Dsagemill.fuzz.target must be one of " + new java.util.TreeSet<>(
          FuzzTargets.ALL.keySet()) + ", got \"" + name + "\"");
    }
    return t;
  }

  /**
   * One fuzzing execution.
   *
   * @param data the generated input
   */
  public static void fuzzerTestOneInput(byte[] data) {
    TARGET.accept(data);
  }
}

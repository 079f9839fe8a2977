package dev.sagemill.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code sagemill} in a JVM of its own, for limits that hold per JVM: heap size, the JDK server's timeouts. */
final class ChildCli {
  private ChildCli() {}

  /**
   * @param jvmOptions options for the child JVM ({@code -Xmx256m})
   * @param args the command line after {@code sagemill}
   * @return a process builder for it, with this test's class path
   */
  static ProcessBuilder of(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }
}

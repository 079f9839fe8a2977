package dev.sagemill.cli;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.param.ParamDef;
import dev.sagemill.core.param.ParamSpec;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sagemill algorithms}: lists installed algorithms, or one algorithm's channels, capabilities and
 * hyperparameters (and those of its stream, for algorithms that learn from one).
 */
@Command(name = "algorithms", mixinStandardHelpOptions = true,
    description = "List the installed algorithms, or the channels, capabilities and hyperparameters of one.")
final class AlgorithmsCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "An algorithm whose hyperparameters to show.")
  String name;

  private final PrintStream out;

  AlgorithmsCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    if (name == null) {
      Algorithms.names().forEach(out::println);
      return 0;
    }
    AlgorithmProvider provider = Algorithms.get(name);
    out.println("channels:");
    for (ChannelSpec c : provider.channels()) {
      out.printf(java.util.Locale.ROOT, "  %-12s %-9s %s (%s)%n", c.name(), c.required() ? "required" : "optional",
          c.description(), String.join(", ", c.contentTypes()));
    }
    out.println("capabilities: " + (provider.capabilities().isEmpty() ? "none" : provider.capabilities().stream()
        .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))));
    out.println("hyperparameters:");
    list(provider.spec());
    provider.streamSpec().ifPresent(stream -> {
      out.println("stream hyperparameters (sagemill stream):");
      list(stream);
    });
    return 0;
  }

  private void list(ParamSpec spec) {
    for (ParamDef d : spec.describe()) {
      out.printf(java.util.Locale.ROOT, "%-44s %-9s %-14s %s (%s)%n", d.name(), d.required() ? "required" : "optional",
          d.defaultValue().orElse("-"), d.doc(), d.allowed());
    }
  }
}

package dev.sagemill.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sagemill} command: {@code train}, {@code predict}, {@code algorithms}. */
@Command(name = "sagemill", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "SageMaker's built-in algorithms, in-process: train and predict with SageMaker's "
        + "hyperparameters, data formats and container layout.")
public final class Main implements Runnable {
  private final CommandLine commandLine;

  private Main(PrintStream out) {
    this.commandLine = new CommandLine(this)
        .addSubcommand(new TrainCommand(out))
        .addSubcommand(new PredictCommand(out))
        .addSubcommand(new AlgorithmsCommand(out));
    this.commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out,
        java.nio.charset.StandardCharsets.UTF_8), true));
  }

  /** Prints the library version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sagemill " + dev.sagemill.core.SagemillVersion.get()};
    }
  }

  @Override
  public void run() {
    commandLine.usage(commandLine.getOut());
  }

  /**
   * Runs a command line and returns its exit code (0 on success), writing output to {@code out}.
   *
   * @param out where command output goes
   * @param args the arguments
   * @return the exit code
   */
  public static int run(PrintStream out, String... args) {
    return new Main(out).commandLine.execute(args);
  }

  /**
   * Entry point.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }
}

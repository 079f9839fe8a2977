package dev.sagemill.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sagemill} command: {@code train}, {@code predict}, {@code serve}, {@code stream}, {@code tune},
 * {@code algorithms}.
 */
@Command(name = "sagemill", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "SageMaker's built-in algorithms, in-process: train and predict with SageMaker's "
        + "hyperparameters, data formats and container layout.")
public final class Main implements Runnable {
  private final CommandLine commandLine;

  private Main(PrintStream out) {
    this.commandLine = new CommandLine(this)
        .addSubcommand(new TrainCommand(out))
        .addSubcommand(new PredictCommand(out))
        .addSubcommand(new ServeCommand(out))
        .addSubcommand(new StreamCommand(out))
        .addSubcommand(new TuneCommand(out))
        .addSubcommand(new PlotCommand(out))
        .addSubcommand(new ReportCommand(out))
        .addSubcommand(new AlgorithmsCommand(out));
    this.commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out,
        java.nio.charset.StandardCharsets.UTF_8), true));
    this.commandLine.setExecutionExceptionHandler(Main::report);
  }

  /**
   * Bad input, a missing file or a rejected model is the user's to fix: one line with the command and the reason
   * (which names the file, record and value). Anything else is a bug and keeps its stack trace.
   */
  private static int report(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    String command = "sagemill " + cl.getCommandName();
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      cl.getErr().println(command + ": no such file or folder: " + missing.getFile());
    } else if (e instanceof java.io.IOException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      cl.getErr().println(command + ": " + e.getMessage());
    } else {
      e.printStackTrace(cl.getErr());
    }
    return 1;
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

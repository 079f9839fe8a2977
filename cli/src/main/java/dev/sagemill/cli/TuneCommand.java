package dev.sagemill.cli;

import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.estimator.Algorithms;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.sagemill.tuning.AlgorithmTraining;
import dev.sagemill.tuning.Trial;
import dev.sagemill.tuning.Tuner;
import dev.sagemill.tuning.TuningJobConfig;
import dev.sagemill.tuning.TuningResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sagemill tune}: runs a SageMaker-style tuning job (a {@code CreateHyperParameterTuningJob} request in
 * JSON) over the same channels as {@code train}, printing a line per finished training job and the leaderboard's
 * top rows as they change, and leaving the results folder (trials.json, leaderboard.csv, best/model.sagemill).
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Tune an algorithm's hyperparameters as SageMaker's automatic model tuning does.")
final class TuneCommand implements Callable<Integer> {
  private static final int SHOWN = 5;

  @Option(names = "--config", paramLabel = "FILE", required = true, description = "The tuning job: JSON with "
      + "HyperParameterTuningJobConfig, TrainingJobDefinition (StaticHyperParameters, AlgorithmSpecification) and "
      + "optionally WarmStartConfig (parent job names are result folders, relative to this file).")
  Path config;

  @Option(names = "--algorithm", paramLabel = "NAME", description = "The algorithm (default: from the config's "
      + "AlgorithmSpecification).")
  String algorithm;

  @Option(names = "--train", paramLabel = "PATH", required = true, description = "Training channel.")
  Path train;

  @Option(names = "--validation", paramLabel = "PATH", description = "Validation channel (validation:* objectives).")
  Path validation;

  @Option(names = "--test", paramLabel = "PATH", description = "Test channel (test:* objectives).")
  Path test;

  @Option(names = "--content-type", paramLabel = "TYPE", description = "Content type of every channel that takes it (default: "
      + "from the file names, else text/csv).")
  String contentType;

  @Option(names = "--output", paramLabel = "DIR", required = true, description = "Results folder (a later job's "
      + "warm-start parent).")
  Path output;

  @Option(names = "--report", description = "Also write report.html in the results folder (as sagemill report does).")
  boolean report;

  @Option(names = "--threads", paramLabel = "N", description = "Cores shared by the parallel jobs (default: all).")
  Integer threads;

  private final PrintStream out;

  TuneCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    TuningJobConfig job = TuningJobConfig.read(config);
    String alg = algorithm != null ? algorithm : job.algorithm().orElseThrow(() -> new IllegalArgumentException(
        config + " names no algorithm (TrainingJobDefinition.AlgorithmSpecification.AlgorithmName or TrainingImage);"
        + " give --algorithm"));
    if (algorithm != null && job.algorithm().isPresent() && !job.algorithm().get().equals(algorithm)) {
      throw new IllegalArgumentException("--algorithm " + algorithm + " differs from the config's algorithm "
          + job.algorithm().get());
    }
    Map<String, Path> paths = new LinkedHashMap<>();
    paths.put("train", train);
    if (validation != null) {
      paths.put("validation", validation);
    }
    if (test != null) {
      paths.put("test", test);
    }
    Map<String, RecordSource<?>> channels = Channels.open(Algorithms.get(alg), paths, Map.of(),
        new Channels.Job(contentType, false, 0, 1, null));
    RecordSource<?> tr = channels.get("train");
    RecordSource<?> va = channels.get("validation");
    RecordSource<?> te = channels.get("test");
    String metric = job.objective().metricName();
    Tuner tuner = new Tuner(job, new AlgorithmTraining(alg, metric, tr, va, te)).outputDir(output)
        .listener((trial, board) -> print(trial, board, metric));
    if (threads != null) {
      tuner.threads(threads);
    }
    out.printf(Locale.ROOT, "tuning %s: %s search, objective %s %s, %d training jobs, %d at a time%n", alg,
        job.strategy().sageMakerName(), job.objective().type(), metric, job.maxJobs(), job.maxParallel());
    TuningResult result = tuner.run();
    out.printf(Locale.ROOT, "done in %.1fs: %d training jobs, %d iterations trained%n", result.seconds(),
        result.leaderboard().size(), result.totalResource());
    result.best().ifPresentOrElse(b -> out.printf(Locale.ROOT, "best: job %d %s=%s %s; model in %s%n", b.id(),
        metric, b.objective(), b.hyperparameters(), output.resolve("best")),
        () -> out.println("no training job produced " + metric));
    if (report && result.best().isPresent()) {
      ReportCommand.write(output, output.resolve(ReportCommand.REPORT_FILE));
      out.println("report written to " + output.resolve(ReportCommand.REPORT_FILE));
    }
    return result.best().isPresent() ? 0 : 1;
  }

  private void print(Trial t, List<Trial> board, String metric) {
    out.printf(Locale.ROOT, "job %d %s %s=%s iterations=%d %.1fs %s%s%n", t.id(), t.status().sageMakerName(),
        metric, t.hasObjective() ? Double.toString(t.objective()) : "-", t.resource(), t.seconds(),
        t.hyperparameters(), t.failureReason().isEmpty() ? "" : " (" + t.failureReason() + ")");
    if (!board.isEmpty() && board.get(0).id() == t.id()) {
      StringBuilder sb = new StringBuilder("  leaderboard:");
      for (int i = 0; i < Math.min(SHOWN, board.size()); i++) {
        Trial b = board.get(i);
        sb.append(String.format(Locale.ROOT, " %d. job %d %s", i + 1, b.id(),
            b.hasObjective() ? Double.toString(b.objective()) : b.status().sageMakerName()));
      }
      out.println(sb);
    }
  }
}

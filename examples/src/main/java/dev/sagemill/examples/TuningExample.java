package dev.sagemill.examples;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.io.DataSources;
import dev.sagemill.tuning.AlgorithmTraining;
import dev.sagemill.tuning.ParameterRange;
import dev.sagemill.tuning.Scaling;
import dev.sagemill.tuning.Trial;
import dev.sagemill.tuning.Tuner;
import dev.sagemill.tuning.TuningJobConfig;
import dev.sagemill.tuning.TuningObjective;
import dev.sagemill.tuning.TuningResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A walkthrough of automatic model tuning, step by step as a notebook would run it (the same steps in prose are in
 * {@code examples/TUNING.md}): tune XGBoost on the embedded Higgs sample with a Random search that stops poor jobs
 * early, continue with a Bayesian search warm-started from it, then load the best model found and read its test
 * metrics.
 * Run with the sample's folder as the first argument (default {@code examples/data/higgs-sample}) and optionally a
 * results folder as the second.
 */
public final class TuningExample {
  private TuningExample() {}

  /**
   * @param args optional: the folder holding train/validation/test.csv.gz, and the results folder
   * @throws IOException if the data cannot be read or the results written
   * @throws InterruptedException if interrupted while jobs run
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    // Step 1: the channels, as SageMaker's train / validation / test.
    Path data = Path.of(args.length > 0 ? args[0] : "examples/data/higgs-sample");
    Path results = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sagemill-tuning");
    DataSource train = DataSources.open(data.resolve("train.csv.gz"));
    DataSource validation = DataSources.open(data.resolve("validation.csv.gz"));
    DataSource test = DataSources.open(data.resolve("test.csv.gz"));

    // Step 2: the search space, in SageMaker's terms: eta on a log scale, max_depth an integer, subsample linear.
    List<ParameterRange> ranges = List.of(
        new ParameterRange.Continuous("eta", 0.02, 0.5, Scaling.LOGARITHMIC),
        new ParameterRange.Integral("max_depth", 2, 8, Scaling.LINEAR),
        new ParameterRange.Continuous("subsample", 0.5, 1.0, Scaling.LINEAR));
    Map<String, String> fixed = Map.of("objective", "binary:logistic", "eval_metric", "auc", "num_round", "30");
    TuningObjective objective = new TuningObjective(true, "validation:auc");
    AlgorithmTraining xgboost = new AlgorithmTraining("xgboost", objective.metricName(), train, validation, test);

    // Step 3: a Random search of 8 jobs, 2 at a time; TrainingJobEarlyStoppingType=Auto stops a job whose AUC after
    // a round is below the median of the finished jobs' running averages at that round.
    TuningJobConfig.Builder random = TuningJobConfig.builder().algorithm("xgboost")
        .strategy(TuningJobConfig.Strategy.RANDOM).objective(objective).staticHyperParameters(fixed)
        .limits(8, 2).earlyStopping(true).randomSeed(42);
    ranges.forEach(random::range);
    Path first = results.resolve("random");
    TuningResult r1 = new Tuner(random.build(), xgboost).outputDir(first).threads(2).run();
    System.out.println("Random search: " + r1.leaderboard().size() + " jobs in "
        + String.format(Locale.ROOT, "%.1f s", r1.seconds()));
    print(r1.leaderboard());

    // Step 4: a Bayesian search that starts from what the Random search learnt (same data, same algorithm).
    TuningJobConfig.Builder bayes = TuningJobConfig.builder().algorithm("xgboost")
        .strategy(TuningJobConfig.Strategy.BAYESIAN).objective(objective).staticHyperParameters(fixed)
        .limits(8, 1).randomSeed(42).warmStart(new TuningJobConfig.WarmStart(List.of(first),
            TuningJobConfig.WarmStartType.IDENTICAL_DATA_AND_ALGORITHM));
    ranges.forEach(bayes::range);
    Path second = results.resolve("bayesian");
    TuningResult r2 = new Tuner(bayes.build(), xgboost).outputDir(second).threads(2).run();
    System.out.println("Bayesian search, warm-started: " + r2.leaderboard().size() + " jobs");
    print(r2.leaderboard());

    // Step 5: each search saved its best model as it appeared. Take the better of the two searches' best jobs,
    // load its model like any other and read its test metrics.
    boolean bayesWon = r2.best().orElseThrow().objective() > r1.best().orElseThrow().objective();
    Trial best = (bayesWon ? r2 : r1).best().orElseThrow();
    Path winner = bayesWon ? second : first;
    Model model = ModelIO.load(winner.resolve("best").resolve("model.sagemill"));
    System.out.printf(Locale.ROOT, "best job: %s #%d %s: validation:auc = %.4f, test:auc = %.4f%n",
        winner.getFileName(), best.id(), best.hyperparameters(), best.objective(),
        model.card().metrics().get("test:auc"));
    System.out.println("leaderboards: " + winner.resolve("leaderboard.csv") + ", " + winner.resolve("trials.json"));
  }

  /** Prints the top of a leaderboard. */
  private static void print(List<Trial> board) {
    for (Trial t : board.subList(0, Math.min(3, board.size()))) {
      System.out.printf(Locale.ROOT, "  #%-2d %-9s auc %.4f after %d rounds  %s%n", t.id(),
          t.status().sageMakerName(), t.objective(), t.resource(), t.hyperparameters());
    }
  }
}

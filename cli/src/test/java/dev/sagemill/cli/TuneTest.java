package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sagemill tune} on the Higgs sample with SageMaker's request JSON, and its refusals of bad jobs. */
class TuneTest {
  private static final Path HIGGS = Path.of("../examples/data/higgs-sample");

  @TempDir
  Path dir;

  /** Runs a command line with standard error captured (where the CLI reports bad input). */
  private static CliTest.Run withStderr(ByteArrayOutputStream err, String... args) {
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return CliTest.run(args);
    } finally {
      System.setErr(old);
    }
  }

  private Path config(String strategy, String ranges, String extra) throws IOException {
    String json = "{\"HyperParameterTuningJobConfig\": {\"Strategy\": \"" + strategy + "\","
        + " \"HyperParameterTuningJobObjective\": {\"Type\": \"Maximize\", \"MetricName\": \"validation:auc\"},"
        + " \"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 4, \"MaxParallelTrainingJobs\": 2},"
        + " \"ParameterRanges\": " + ranges + ", \"RandomSeed\": 3" + extra + "},"
        + " \"TrainingJobDefinition\": {\"AlgorithmSpecification\": {\"TrainingImage\":"
        + " \"683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1\"},"
        + " \"StaticHyperParameters\": {\"objective\": \"binary:logistic\", \"num_round\": \"15\"}}}";
    return Files.writeString(dir.resolve(strategy + ".json"), json);
  }

  private static final String RANGES = "{\"ContinuousParameterRanges\": [{\"Name\": \"eta\", \"MinValue\": \"0.05\","
      + " \"MaxValue\": \"0.5\", \"ScalingType\": \"Logarithmic\"}], \"IntegerParameterRanges\": [{\"Name\":"
      + " \"max_depth\", \"MinValue\": \"2\", \"MaxValue\": \"6\"}]}";

  @Test
  void tunesXGBoostAndLeavesALeaderboardAndTheBestModel() throws IOException {
    Path out = dir.resolve("job");
    CliTest.Run r = CliTest.run("tune", "--config", config("Random", RANGES, "").toString(), "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--validation", HIGGS.resolve("validation.csv.gz").toString(),
        "--output", out.toString(), "--threads", "2", "--report");
    assertEquals(0, r.code(), r.out());
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(report.contains("sagemill tuning report: xgboost") && report.contains("Tuning: maximize validation:auc, 4"
        + " training jobs") && report.contains("tuning progress") && report.contains("Best training job"),
        "the tuning report has the leaderboard, the progress chart and the best job");
    assertTrue(report.contains("against its eta") && report.contains("against its max_depth"),
        "a parameter scatter per numeric range");
    assertTrue(r.out().startsWith("tuning xgboost: Random search, objective Maximize validation:auc, 4 training"
        + " jobs, 2 at a time"), r.out());
    List<String> csv = Files.readAllLines(out.resolve("leaderboard.csv"));
    assertEquals(5, csv.size());
    assertEquals("rank,trial,status,objective,resource,seconds,max_depth,eta,failure_reason", csv.get(0));
    JsonNode trials = new ObjectMapper().readTree(out.resolve("trials.json").toFile()).get("trials");
    double best = trials.get(0).get("objective").asDouble();
    assertEquals(4, trials.size());
    assertEquals(1, trials.get(0).get("rank").asInt());
    assertEquals(csv.get(1).split(",")[3], trials.get(0).get("objective").asText(), "the JSON and CSV agree");
    assertTrue(best > 0.7, "validation AUC of the best job " + best);
    assertEquals(15, trials.get(0).get("curve").size(), "the objective after every round");
    CliTest.Run p = CliTest.run("predict", "--model-dir", out.resolve("best").toString(), "--input",
        HIGGS.resolve("predict.csv").toString());
    assertEquals(0, p.code(), p.out());
    assertEquals(5, p.out().lines().count());

    // A Bayesian child warm-starts from the finished job.
    Path child = config("Bayesian", RANGES, "");
    String text = Files.readString(child).replaceFirst("\\}$", ", \"WarmStartConfig\": {"
        + "\"ParentHyperParameterTuningJobs\": [{\"HyperParameterTuningJobName\": \"job\"}],"
        + " \"WarmStartType\": \"IdenticalDataAndAlgorithm\"}}");
    Files.writeString(child, text);
    CliTest.Run w = CliTest.run("tune", "--config", child.toString(), "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--validation", HIGGS.resolve("validation.csv.gz").toString(),
        "--output", dir.resolve("child").toString(), "--threads", "2");
    assertEquals(0, w.code(), w.out());
  }

  /** A Hyperband promotion continues the rung's model: 5 then 10 more rounds equal 15 rounds from scratch. */
  @Test
  void aPromotedXGBoostJobContinuesItsModel() throws Exception {
    dev.sagemill.core.data.DataSource train = dev.sagemill.io.DataSources.open(HIGGS.resolve("train.csv.gz"));
    dev.sagemill.core.data.DataSource val = dev.sagemill.io.DataSources.open(HIGGS.resolve("validation.csv.gz"));
    dev.sagemill.tuning.AlgorithmTraining fn = new dev.sagemill.tuning.AlgorithmTraining("xgboost",
        "validation:auc", train, val, null);
    java.util.Map<String, String> hps = java.util.Map.of("objective", "binary:logistic", "eta", "0.3");
    List<Integer> epochs = new java.util.ArrayList<>();
    dev.sagemill.core.listen.TrainingListener l = new dev.sagemill.core.listen.TrainingListener() {
      @Override
      public void onEpoch(int epoch, int planned, java.util.Map<String, Double> metrics) {
        epochs.add(epoch);
      }
    };
    dev.sagemill.tuning.TrialOutcome rung = fn.train(hps, new dev.sagemill.tuning.TrialContext(2,
        new dev.sagemill.core.estimator.CancellationToken(), l, null, 0, 5));
    dev.sagemill.tuning.TrialOutcome promoted = fn.train(hps, new dev.sagemill.tuning.TrialContext(2,
        new dev.sagemill.core.estimator.CancellationToken(), l, rung.model(), 5, 15));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), epochs, "numbered over the whole job");
    dev.sagemill.tuning.TrialOutcome scratch = fn.train(hps, new dev.sagemill.tuning.TrialContext(2,
        new dev.sagemill.core.estimator.CancellationToken(), new dev.sagemill.core.listen.TrainingListener() { },
        null, 0, 15));
    assertEquals(scratch.metrics().get("validation:auc"), promoted.metrics().get("validation:auc"), 1e-12);
  }

  @Test
  void badJobsAreRefusedBeforeAnyTrainingJobRuns() throws IOException {
    String ranges = "{\"ContinuousParameterRanges\": [{\"Name\": \"learning_rat\", \"MinValue\": \"0\","
        + " \"MaxValue\": \"0.5\", \"ScalingType\": \"Logarithmic\"}, {\"Name\": \"gamma\", \"MinValue\": \"5\","
        + " \"MaxValue\": \"1\"}]}";
    Path cfg = Files.writeString(dir.resolve("bad.json"), Files.readString(config("Random", ranges, ""))
        .replace("validation:auc", "validation:accuracy_of_everything"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliTest.Run r = withStderr(err, "tune", "--config", cfg.toString(), "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--validation", HIGGS.resolve("validation.csv.gz").toString(),
        "--output", dir.resolve("x").toString());
    String message = err.toString(StandardCharsets.UTF_8);
    assertTrue(r.code() != 0, r.out() + message);
    assertTrue(message.contains("range learning_rat: Logarithmic scaling needs MinValue > 0, got 0.0"), message);
    assertTrue(message.contains("range gamma is inverted: MinValue 5.0 > MaxValue 1.0"), message);
    assertTrue(!Files.exists(dir.resolve("x")), "nothing ran");

    Path grid = Files.writeString(dir.resolve("grid.json"), Files.readString(config("Grid", RANGES, "")));
    err.reset();
    r = withStderr(err, "tune", "--config", grid.toString(), "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--validation", HIGGS.resolve("validation.csv.gz").toString(),
        "--output", dir.resolve("y").toString());
    message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("the Grid strategy searches categorical ranges only; [max_depth, eta]"), message);

    String unknown = "{\"IntegerParameterRanges\": [{\"Name\": \"max_dept\", \"MinValue\": \"2\", \"MaxValue\":"
        + " \"6\"}]}";
    Path u = Files.writeString(dir.resolve("u.json"), Files.readString(config("Random", unknown, ""))
        .replace("validation:auc", "validation:msd"));
    err.reset();
    r = withStderr(err, "tune", "--config", u.toString(), "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--validation", HIGGS.resolve("validation.csv.gz").toString(),
        "--output", dir.resolve("z").toString());
    message = err.toString(StandardCharsets.UTF_8);
    assertTrue(message.contains("range max_dept is not a hyperparameter of xgboost"), message);
    assertTrue(message.contains("the objective metric validation:msd is not one that xgboost emits"), message);
    assertTrue(!Files.exists(dir.resolve("z")), "nothing ran");
  }
}

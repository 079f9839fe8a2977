package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.cli.plugin.SeriesMean;
import dev.sagemill.cli.plugin.ShrunkMean;
import dev.sagemill.core.io.ModelIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The plug-in proof: {@code shrunk-mean}, an algorithm defined only in this test source set and registered through
 * ServiceLoader, trains (flags and container layout, with a channel of its own), predicts, serves and tunes through
 * the CLI, with its own log lines, answer format and foreign artifact, and no CLI change.
 */
class PluginAlgorithmTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static Path train;
  static Path validation;
  static Path prior;
  static Path rows;

  /** Labels 1..9 (mean 5, variance 20/3) and 2 features; the prior channel's labels average 11. */
  @BeforeAll
  static void data() throws IOException {
    StringBuilder t = new StringBuilder();
    for (int i = 1; i <= 9; i++) {
      t.append(i).append(',').append(i * 0.5).append(',').append(-i).append('\n');
    }
    train = Files.writeString(dir.resolve("train.csv"), t.toString());
    validation = Files.writeString(dir.resolve("validation.csv"), "4,0,0\n6,1,1\n");
    prior = Files.writeString(dir.resolve("prior.csv"), "10,0,0\n12,0,0\n");
    rows = Files.writeString(dir.resolve("rows.csv"), "0.5,1\n2,3\n");
  }

  static CliTest.Run withStderr(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      CliTest.Run r = CliTest.run(args);
      return new CliTest.Run(r.code(), r.out() + err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void isListedWithItsChannels() {
    assertTrue(CliTest.run("algorithms").out().lines().anyMatch(ShrunkMean.NAME::equals));
    String help = CliTest.run("algorithms", ShrunkMean.NAME).out();
    assertTrue(help.contains("prior") && help.contains("rows whose mean label is the starting point"), help);
    assertTrue(help.contains("learning_rate"), help);
  }

  @Test
  void trainsWithItsOwnChannelPredictsInItsOwnFormatAndReadsItsArtifact() throws IOException {
    Path model = dir.resolve("flags-model");
    CliTest.Run r = CliTest.run("train", "--algorithm", ShrunkMean.NAME, "--train", train.toString(), "--validation",
        validation.toString(), "--channel", "prior=" + prior, "--hp", "epochs=3", "--hp", "learning_rate=0.25",
        "--model-dir", model.toString(), "--no-progress");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("shrunk-mean epoch 3 of 3: {train:mse="), r.out());
    double expected = ShrunkMean.closedForm(5, 11, 0.25, 3);
    ShrunkMean.ShrunkMeanModel m = (ShrunkMean.ShrunkMeanModel) ModelIO.load(model.resolve("model.sagemill"));
    assertEquals(expected, m.estimate(), 1e-12);
    assertEquals(20.0 / 3 + (5 - expected) * (5 - expected), m.card().metrics().get("train:mse"), 1e-9);
    assertTrue(r.out().contains("#validation_score (algo-1, mse): "), r.out());

    CliTest.Run json = CliTest.run("predict", "--model-dir", model.toString(), "--input", rows.toString(),
        "--accept", "application/json");
    assertEquals(0, json.code(), json.out());
    JsonNode answers = JSON.readTree(json.out()).get("answers");
    assertEquals(2, answers.size());
    assertEquals(expected, answers.get(0).get("score").asDouble(), 1e-12);
    assertEquals("plugin", answers.get(0).get("tag").asText());
    assertEquals(2, answers.get(1).get("detail").get("dim").get(0).asInt());
    CliTest.Run csv = CliTest.run("predict", "--model-dir", model.toString(), "--input", rows.toString());
    assertEquals(List.of(expected + ",plugin,2", expected + ",plugin,2"), csv.out().lines().toList());
    CliTest.Run jsonl = withStderr("predict", "--model-dir", model.toString(), "--input", rows.toString(),
        "--accept", "application/jsonlines");
    assertEquals(1, jsonl.code());
    assertTrue(jsonl.out().contains("use application/json, text/csv"), jsonl.out());

    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve(ShrunkMean.ARTIFACT), "shrunk-mean 7.5 2\n");
    CliTest.Run f = CliTest.run("predict", "--model-dir", foreign.toString(), "--input", rows.toString());
    assertEquals(0, f.code(), f.out());
    assertEquals("7.5,plugin,2", f.out().lines().findFirst().orElseThrow());
  }

  @Test
  void theContainerLayoutPassesEveryChannelAndRefusesUnknownOnes() throws IOException {
    Path root = dir.resolve("opt-ml");
    Files.createDirectories(root.resolve("input/config"));
    Files.writeString(root.resolve("input/config/hyperparameters.json"), "{\"epochs\": \"2\"}");
    Files.writeString(root.resolve("input/config/inputdataconfig.json"), "{\"train\": {\"ContentType\": \"text/csv\"},"
        + " \"prior\": {\"ContentType\": \"text/csv\"}}");
    Files.copy(train, Files.createDirectories(root.resolve("input/data/train")).resolve("part.csv"));
    Files.copy(prior, Files.createDirectories(root.resolve("input/data/prior")).resolve("part.csv"));
    CliTest.Run ok = CliTest.run("train", "--algorithm", ShrunkMean.NAME, "--sm-root", root.toString(),
        "--no-progress");
    assertEquals(0, ok.code(), ok.out());
    ShrunkMean.ShrunkMeanModel m = (ShrunkMean.ShrunkMeanModel) ModelIO.load(root.resolve("model/model.sagemill"));
    assertEquals(ShrunkMean.closedForm(5, 11, 0.5, 2), m.estimate(), 1e-12);

    Files.copy(prior, Files.createDirectories(root.resolve("input/data/bogus")).resolve("part.csv"));
    CliTest.Run bad = withStderr("train", "--algorithm", ShrunkMean.NAME, "--sm-root", root.toString(),
        "--no-progress");
    assertEquals(2, bad.code(), bad.out());
    assertTrue(bad.out().contains("shrunk-mean takes no channel \"bogus\""), bad.out());
    assertTrue(bad.out().contains("it takes train (required), validation, test, prior"), bad.out());
    assertTrue(Files.readString(root.resolve("output/failure")).contains("bogus"));

    CliTest.Run missing = withStderr("train", "--algorithm", ShrunkMean.NAME, "--channel", "prior=" + prior,
        "--model-dir", dir.resolve("none").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.out().contains("shrunk-mean needs channel train"), missing.out());
  }

  @Test
  void servesItsAnswers() throws Exception {
    Path model = dir.resolve("serve-model");
    assertEquals(0, CliTest.run("train", "--algorithm", ShrunkMean.NAME, "--train", train.toString(), "--model-dir",
        model.toString(), "--no-progress").code());
    ServeCommand serve = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    new CommandLine(serve).parseArgs("--model-dir", model.toString(), "--host", "127.0.0.1", "--port", "0",
        "--workers", "1");
    try (ServeCommand.Running server = serve.start()) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/invocations")).timeout(Duration.ofSeconds(10)).header("Content-Type", "text/csv")
          .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("1,2\n")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(ShrunkMean.closedForm(5, 0, 0.5, 10), JSON.readTree(r.body()).get("answers").get(0).get("score")
          .asDouble(), 1e-12);
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/invocations")).timeout(Duration.ofSeconds(10)).header("Content-Type", "text/csv")
          .header("Accept", "application/x-recordio-protobuf").POST(HttpRequest.BodyPublishers.ofString("1,2\n"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(406, refused.statusCode(), refused.body());
    }
  }

  @Test
  void tunes() throws IOException {
    Path config = Files.writeString(dir.resolve("tune.json"), "{\"HyperParameterTuningJobConfig\": {\"Strategy\":"
        + " \"Random\", \"HyperParameterTuningJobObjective\": {\"Type\": \"Minimize\", \"MetricName\":"
        + " \"validation:mse\"}, \"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 3, \"MaxParallelTrainingJobs\": 1},"
        + " \"ParameterRanges\": {\"ContinuousParameterRanges\": [{\"Name\": \"learning_rate\", \"MinValue\": \"0.05\","
        + " \"MaxValue\": \"1\"}]}, \"RandomSeed\": 1}, \"TrainingJobDefinition\": {\"AlgorithmSpecification\":"
        + " {\"AlgorithmName\": \"shrunk-mean\"}, \"StaticHyperParameters\": {\"epochs\": \"4\"}}}");
    Path out = dir.resolve("tuning");
    CliTest.Run r = CliTest.run("tune", "--config", config.toString(), "--train", train.toString(), "--validation",
        validation.toString(), "--output", out.toString(), "--threads", "1");
    assertEquals(0, r.code(), r.out());
    JsonNode trials = JSON.readTree(out.resolve("trials.json").toFile()).get("trials");
    assertEquals(3, trials.size());
    // validation labels 4 and 6: mse = 1 + (5 - m)^2, smallest for the learning rate that brings m closest to 5
    double best = trials.get(0).get("objective").asDouble();
    for (JsonNode t : trials) {
      assertTrue(best <= t.get("objective").asDouble());
    }
    ShrunkMean.ShrunkMeanModel m = (ShrunkMean.ShrunkMeanModel) ModelIO.load(out.resolve("best/model.sagemill"));
    assertEquals(1 + (5 - m.estimate()) * (5 - m.estimate()), best, 1e-9);
  }

  /** Records that are not rows (DeepAR's series) reach fit and predict, and the answer is a quantile map. */
  @Test
  void aTimeSeriesAlgorithmTrainsAndPredictsOnSeries() throws IOException {
    Path series = Files.writeString(dir.resolve("series.jsonl"), "{\"start\": \"2020-01-01\", \"target\": [1, 2, 3, 4]}\n"
        + "{\"start\": \"2020-01-01 00:00:00\", \"target\": [10, \"NaN\", 20]}\n");
    Path model = dir.resolve("series-model");
    CliTest.Run t = CliTest.run("train", "--algorithm", SeriesMean.NAME, "--train", series.toString(), "--hp",
        "prediction_length=2", "--model-dir", model.toString(), "--no-progress");
    assertEquals(0, t.code(), t.out());
    assertEquals(7.0, ModelIO.load(model.resolve("model.sagemill")).card().metrics().get("train:steps"));
    CliTest.Run p = CliTest.run("predict", "--model-dir", model.toString(), "--input", series.toString(), "--accept",
        "application/jsonlines");
    assertEquals(0, p.code(), p.out());
    List<String> lines = p.out().lines().toList();
    assertEquals("{\"quantiles\":{\"0.5\":[3.0,3.0]},\"mean\":[3.0,3.0]}", lines.get(0));
    assertEquals("{\"quantiles\":{\"0.5\":[15.0,15.0]},\"mean\":[15.0,15.0]}", lines.get(1));
    CliTest.Run rows = withStderr("train", "--algorithm", SeriesMean.NAME, "--train", train.toString(), "--hp",
        "prediction_length=2", "--model-dir", dir.resolve("none").toString());
    assertEquals(2, rows.code());
    assertTrue(rows.out().contains("content type text/csv cannot be read as SeriesBatch records; use "
        + "application/jsonlines"), rows.out());
  }

  /** Hardening: a hyperparameter given twice on the command line, or a --hyperparameters file that is missing. */
  @Test
  void duplicateOrMissingHyperparametersAreRefused() {
    CliTest.Run twice = withStderr("train", "--algorithm", ShrunkMean.NAME, "--train", train.toString(), "--hp",
        "epochs=2", "--hp", "epochs=3", "--model-dir", dir.resolve("twice").toString());
    assertEquals(2, twice.code());
    assertTrue(twice.out().contains("--hp epochs is given twice (2 and 3)"), twice.out());
    java.nio.file.Path broken = dir.resolve("broken.json");
    try {
      Files.writeString(broken, "{\"epochs\": \"2\",\n  \"learning_rate\" 0.5}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CliTest.Run malformed = withStderr("train", "--algorithm", ShrunkMean.NAME, "--train", train.toString(),
        "--hyperparameters", broken.toString(), "--model-dir", dir.resolve("b").toString());
    assertEquals(2, malformed.code());
    assertTrue(malformed.out().contains("broken.json is not valid JSON (line 2, column"), malformed.out());
    CliTest.Run missing = withStderr("train", "--algorithm", ShrunkMean.NAME, "--train", train.toString(),
        "--hyperparameters", dir.resolve("no-such.json").toString(), "--model-dir", dir.resolve("m").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.out().contains("no-such.json (--hyperparameters): no such file"), missing.out());
  }
}

package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeepAR through the CLI as SageMaker users drive it: {@code deepar} (SageMaker's image name for
 * {@code forecasting-deepar}) trains from JSON Lines train and test channels and logs the test metrics, then answers
 * SageMaker's {@code {"instances": [...], "configuration": {...}}} request and a JSON Lines batch.
 */
class ForecastCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static Path model;
  static CliTest.Run training;

  private static String series(Random r, int length) {
    StringBuilder s = new StringBuilder("{\"start\": \"2024-01-01 00:00:00\", \"target\": [");
    double level = 10 + 10 * r.nextDouble();
    for (int t = 0; t < length; t++) {
      s.append(t == 0 ? "" : ", ").append(t == 5 ? "\"NaN\"" : String.format(Locale.ROOT, "%.3f",
          level + level / 2 * Math.sin(2 * Math.PI * t / 24) + r.nextGaussian()));
    }
    return s.append("]}").toString();
  }

  @BeforeAll
  static void train() throws IOException {
    Random r = new Random(1);
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      train.add(series(r, 100));
      test.add(series(r, 106));
    }
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.write(data.resolve("train.json"), train);
    Files.write(data.resolve("test.json"), test);
    model = dir.resolve("model");
    training = CliTest.run("train", "--algorithm", "deepar", "--channel", "train=" + data.resolve("train.json"),
        "--channel", "test=" + data.resolve("test.json"), "--hp", "context_length=12", "--hp",
        "prediction_length=6", "--hp", "time_freq=H", "--hp", "epochs=2", "--hp", "num_cells=30", "--hp",
        "mini_batch_size=32", "--hp", "num_eval_samples=20", "--threads", "1", "--model-dir", model.toString(),
        "--no-progress");
    assertEquals(0, training.code(), training.out());
  }

  @Test
  void trainingLogsSageMakersTestMetrics() {
    // the lines SageMaker's metric definitions for DeepAR read
    for (String m : List.of("#test_score (algo-1, RMSE): ", "#test_score (algo-1, mean_wQuantileLoss): ",
        "#test_score (algo-1, wQuantileLoss[0.5]): ", "#test_score (algo-1, mean_absolute_QuantileLoss): ",
        "#quality_metric: host=algo-1, train final_loss <loss>=", "#quality_metric: host=algo-1, epoch=1, train loss")) {
      assertTrue(training.out().contains(m), m + " in " + training.out());
    }
  }

  @Test
  void answersSageMakersRequestWithTheConfiguredOutputs() throws IOException {
    Path req = Files.writeString(dir.resolve("req.json"), "{\"instances\": [" + series(new Random(3), 50) + ", "
        + series(new Random(4), 30) + "], \"configuration\": {\"num_samples\": 10, \"output_types\": [\"mean\", "
        + "\"quantiles\", \"samples\"], \"quantiles\": [\"0.1\", \"0.9\"]}}");
    CliTest.Run run = CliTest.run("predict", "--model-dir", model.toString(), "--input", req.toString(),
        "--content-type", "application/json", "--accept", "application/json");
    assertEquals(0, run.code(), run.out());
    JsonNode p = JSON.readTree(run.out()).get("predictions");
    assertEquals(2, p.size(), run.out());
    JsonNode first = p.get(0);
    assertEquals(6, first.get("mean").size());
    assertEquals(6, first.get("quantiles").get("0.1").size());
    assertEquals(10, first.get("samples").size());
    assertEquals(6, first.get("samples").get(0).size());
    for (int j = 0; j < 6; j++) {
      assertTrue(first.get("quantiles").get("0.1").get(j).asDouble() <= first.get("quantiles").get("0.9").get(j)
          .asDouble());
    }
  }

  @Test
  void aJsonLinesBatchGetsOneAnswerPerSeries() throws IOException {
    Path in = Files.write(dir.resolve("batch.json"), List.of(series(new Random(5), 40), series(new Random(6), 40),
        series(new Random(7), 40)));
    CliTest.Run run = CliTest.run("predict", "--model-dir", model.toString(), "--input", in.toString(),
        "--content-type", "application/jsonlines", "--accept", "application/jsonlines");
    assertEquals(0, run.code(), run.out());
    List<String> lines = run.out().lines().toList();
    assertEquals(3, lines.size(), run.out());
    JsonNode a = JSON.readTree(lines.get(2));
    assertEquals(6, a.get("mean").size());
    assertEquals(9, a.get("quantiles").size(), "the test_quantiles by default");
  }

  @Test
  void servesTheRequestAndRefusesUnknownOutputTypes() throws Exception {
    ServeCommand serve = new ServeCommand(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true,
        java.nio.charset.StandardCharsets.UTF_8));
    new picocli.CommandLine(serve).parseArgs("--model-dir", model.toString(), "--host", "127.0.0.1", "--port", "0",
        "--workers", "2");
    try (ServeCommand.Running server = serve.start()) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(5)).build();
      java.util.function.Function<String, java.net.http.HttpResponse<String>> post = body -> {
        try {
          return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
              + server.port() + "/invocations")).timeout(java.time.Duration.ofSeconds(30))
              .header("Content-Type", "application/json").header("Accept", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      };
      String instance = series(new Random(8), 40);
      java.net.http.HttpResponse<String> ok = post.apply("{\"instances\": [" + instance + "], \"configuration\": "
          + "{\"num_samples\": 5, \"output_types\": [\"quantiles\"], \"quantiles\": [\"0.5\"]}}");
      assertEquals(200, ok.statusCode(), ok.body());
      JsonNode a = JSON.readTree(ok.body()).get("predictions").get(0);
      assertEquals(6, a.get("quantiles").get("0.5").size());
      assertTrue(a.get("mean") == null, "only the quantiles were asked for: " + a);
      java.net.http.HttpResponse<String> bad = post.apply("{\"instances\": [" + instance + "], "
          + "\"configuration\": {\"output_types\": [\"median\"]}}");
      assertEquals(400, bad.statusCode(), bad.body());
      assertTrue(bad.body().contains("median"), bad.body());
    }
  }
}

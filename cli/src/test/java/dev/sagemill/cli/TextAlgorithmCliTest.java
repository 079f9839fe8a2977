package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A text algorithm through the CLI as SageMaker users drive it: {@code blazingtext} trains from a {@code text/plain}
 * channel and writes SageMaker's artifacts ({@code model.bin}; {@code vectors.txt}, {@code vectors.bin},
 * {@code eval.json}), then predicts and serves its own request shapes ({@code {"instances": [...],
 * "configuration": {"k": 2}}}, {@code {"source": ..., "k": 2}} lines) and reads a folder holding only a
 * {@code model.bin}.
 */
class TextAlgorithmCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  static Path supervised;

  /** Two classes told apart by one keyword each. */
  @BeforeAll
  static void train() throws IOException {
    Random r = new Random(1);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      boolean pos = r.nextBoolean();
      lines.add("__label__" + (pos ? "pos" : "neg") + " w" + r.nextInt(30) + (pos ? " great" : " awful") + " w"
          + r.nextInt(30));
    }
    Path data = Files.write(dir.resolve("train.txt"), lines);
    supervised = dir.resolve("sup");
    CliTest.Run run = CliTest.run("train", "--algorithm", "blazingtext", "--channel", "train=" + data,
        "--hp", "mode=supervised", "--hp", "epochs=10", "--hp", "min_count=1", "--hp", "buckets=1000",
        "--hp", "learning_rate=0.5", "--threads", "1", "--model-dir", supervised.toString(), "--no-progress");
    assertEquals(0, run.code(), run.out());
  }

  @Test
  void theClassifierWritesModelBinAndAnswersInstancesWithK() throws IOException {
    assertTrue(Files.size(supervised.resolve("model.bin")) > 0);
    Path req = Files.writeString(dir.resolve("req.json"),
        "{\"instances\": [\"w1 great w2\", \"awful w3\"], \"configuration\": {\"k\": 2}}");
    CliTest.Run run = CliTest.run("predict", "--model-dir", supervised.toString(), "--input", req.toString(),
        "--content-type", "application/json", "--accept", "application/json");
    assertEquals(0, run.code(), run.out());
    JsonNode a = JSON.readTree(run.out());
    assertEquals("__label__pos", a.get(0).get("label").get(0).asText());
    assertEquals(2, a.get(0).get("prob").size());
    assertEquals("__label__neg", a.get(1).get("label").get(0).asText());

    Path lines = Files.writeString(dir.resolve("req.jsonl"), "{\"source\": \"great\", \"k\": 2}\n{\"source\": \"awful\"}\n");
    run = CliTest.run("predict", "--model-dir", supervised.toString(), "--input", lines.toString(),
        "--content-type", "application/jsonlines", "--accept", "application/jsonlines");
    assertEquals(0, run.code(), run.out());
    List<String> out = run.out().lines().toList();
    assertEquals(2, JSON.readTree(out.get(0)).get("label").size());
    assertEquals(1, JSON.readTree(out.get(1)).get("label").size());
  }

  @Test
  void aFolderWithOnlyModelBinIsReadAsFastTexts() throws IOException {
    Path only = Files.createDirectories(dir.resolve("only-bin"));
    Files.copy(supervised.resolve("model.bin"), only.resolve("model.bin"));
    Path txt = Files.writeString(dir.resolve("plain.txt"), "w5 great\n");
    CliTest.Run run = CliTest.run("predict", "--model-dir", only.toString(), "--input", txt.toString(),
        "--content-type", "text/plain", "--accept", "application/jsonlines");
    assertEquals(0, run.code(), run.out());
    assertEquals("__label__pos", JSON.readTree(run.out().lines().findFirst().orElseThrow()).get("label").get(0)
        .asText());
  }

  @Test
  void word2vecWritesVectorsAndEvaluationAndAnswersWords() throws Exception {
    Random r = new Random(2);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 10; j++) {
        sb.append(j == 0 ? "" : " ").append("w").append(r.nextInt(50));
      }
      lines.add(sb.toString());
    }
    Path data = Files.write(dir.resolve("corpus.txt"), lines);
    Path model = dir.resolve("w2v");
    CliTest.Run run = CliTest.run("train", "--algorithm", "blazingtext", "--channel", "train=" + data, "--hp",
        "mode=batch_skipgram", "--hp", "vector_dim=10", "--hp", "min_count=1", "--model-dir", model.toString(),
        "--no-progress");
    assertEquals(0, run.code(), run.out());
    List<String> vectors = Files.readAllLines(model.resolve("vectors.txt"));
    assertTrue(vectors.get(0).matches("\\d+ 10"), vectors.get(0));
    assertTrue(Files.size(model.resolve("vectors.bin")) > 0);
    assertTrue(JSON.readTree(model.resolve("eval.json").toFile()).has("mean_rho"));

    ServeCommand serve = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    new CommandLine(serve).parseArgs("--model-dir", model.toString(), "--host", "127.0.0.1", "--port", "0",
        "--workers", "1");
    try (ServeCommand.Running server = serve.start()) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/invocations")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"instances\": [\"w1\", \"never-seen\"]}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, resp.statusCode(), resp.body());
      JsonNode a = JSON.readTree(resp.body());
      assertEquals("w1", a.get(0).get("word").asText());
      assertEquals(10, a.get(0).get("vector").size());
      assertEquals(0.0, a.get(1).get("vector").get(3).asDouble(), "an unknown word without subwords is zeros");
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/invocations")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"words\": 1}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode(), bad.body());
      assertTrue(bad.body().contains("instances"), bad.body());
    }
  }
}

package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The SageMaker inference contract, served on the loopback address only, with bounded requests. */
class ServeTest {
  private static final Path HIGGS = Path.of("../examples/data/higgs-sample");

  @TempDir
  static Path dir;

  static ServeCommand.Running server;
  static Path model;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    model = dir.resolve("model");
    CliTest.Run r = CliTest.run("train", "--algorithm", "linear-learner", "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--hp", "predictor_type=binary_classifier", "--hp", "epochs=3",
        "--model-dir", model.toString(), "--no-progress");
    assertEquals(0, r.code(), r.out());
    ServeCommand serve = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    new CommandLine(serve).parseArgs("--model-dir", model.toString(), "--host", "127.0.0.1", "--port", "0",
        "--workers", "2", "--max-payload-bytes", "4096");
    server = serve.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String body, String contentType, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/invocations"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pingAnswersOnceTheModelIsLoaded() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/ping")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
  }

  @Test
  void invocationsAnswerAsBatchTransformDoes() throws Exception {
    String rows = Files.readString(HIGGS.resolve("predict.csv"));
    HttpResponse<String> r = post(rows, "text/csv", "application/jsonlines");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/jsonlines", r.headers().firstValue("Content-Type").orElseThrow());
    CliTest.Run batch = CliTest.run("predict", "--model-dir", model.toString(), "--input",
        HIGGS.resolve("predict.csv").toString(), "--accept", "application/jsonlines");
    assertEquals(batch.out(), r.body(), "the endpoint and batch transform give the same answers");

    HttpResponse<String> csv = post(rows, "text/csv; charset=utf-8", "*/*");
    assertEquals(200, csv.statusCode());
    assertEquals(5, csv.body().lines().count(), "*/* answers in the default type, text/csv");

    String first = rows.lines().findFirst().orElseThrow();
    HttpResponse<String> json = post("{\"instances\": [{\"features\": [" + first + "]}]}", "application/json",
        "application/json");
    assertEquals(200, json.statusCode(), json.body());
    assertTrue(json.body().startsWith("{\"predictions\":[{\"score\":"), json.body());
  }

  @Test
  void badRequestsGetTheRightStatusAndReason() throws Exception {
    HttpResponse<String> bad = post("1,2,3\n", "text/csv", "text/csv");
    assertEquals(400, bad.statusCode());
    assertEquals("request body: the model expects 28 features, the data has 3", bad.body());
    assertEquals(415, post("x", "image/png", null).statusCode());
    assertEquals(406, post("1", "text/csv", "text/html").statusCode());
    HttpResponse<String> verbose = post(Files.readString(HIGGS.resolve("predict.csv")), "text/csv",
        "application/json; verbose=true");
    assertEquals(400, verbose.statusCode());
    assertTrue(verbose.body().contains("verbose=true applies to knn models"), verbose.body());
    assertEquals(413, post("1,".repeat(3000), "text/csv", null).statusCode());
  }

  @Test
  void aClientThatHangsUpMidUploadIsOneLogLineNotAStackTrace() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
          s.getOutputStream().write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
              + "Content-Length: 1000\r\n\r\n1,2,3").getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        }
      }
      // The server is still healthy, and has noticed the hang-ups.
      for (int wait = 0; wait < 50 && !err.toString(StandardCharsets.UTF_8).contains("client went away"); wait++) {
        Thread.sleep(100);
      }
      assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ping"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    } finally {
      System.setErr(old);
    }
    String log = err.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("client went away"), log);
    assertTrue(!log.contains("\tat ") && !log.contains("invocation failed"), "no stack trace: " + log);
  }
}

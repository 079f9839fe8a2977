package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29 item 5: slow uploaders must not starve {@code serve}. The server runs in a JVM of its own, since the
 * JDK reads the read timeout once per JVM, with one worker, a queue of two and a two-second read timeout.
 */
class ServeSlowClientsTest {
  private static final Path HIGGS = Path.of("../examples/data/higgs-sample");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  @Test
  void pingAnswersWhileSlowClientsUploadAndTheyAreCutOffAtTheReadTimeout() throws Exception {
    Path model = dir.resolve("model");
    CliTest.Run trained = CliTest.run("train", "--algorithm", "linear-learner", "--train",
        HIGGS.resolve("train.csv.gz").toString(), "--hp", "predictor_type=binary_classifier", "--hp", "epochs=1",
        "--model-dir", model.toString(), "--no-progress");
    assertEquals(0, trained.code(), trained.out());
    Path log = dir.resolve("serve.log");
    Process server = ChildCli.of(List.of("-Xmx256m"), "serve", "--model-dir", model.toString(), "--host", "127.0.0.1",
        "--port", "0", "--workers", "1", "--max-queue", "2", "--read-timeout", "2").redirectOutput(log.toFile())
        .start();
    List<Socket> slow = new ArrayList<>();
    try {
      int port = awaitPort(server, log);
      String rows = Files.readString(HIGGS.resolve("predict.csv"));
      HttpResponse<String> before = invoke(port, rows);
      assertEquals(200, before.statusCode(), before.body());

      // Three uploads that send their headers and a few bytes, then stall: they fill the one worker and the queue.
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream o = s.getOutputStream();
        o.write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n"
            + rows.substring(0, 20)).getBytes(StandardCharsets.US_ASCII));
        o.flush();
        slow.add(s);
      }
      Thread.sleep(300);
      long t0 = System.nanoTime();
      HttpResponse<String> ping = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      double pingSeconds = (System.nanoTime() - t0) / 1e9;
      assertEquals(200, ping.statusCode());
      assertTrue(pingSeconds < 1, "/ping took " + pingSeconds + " s while three clients were uploading slowly");

      HttpResponse<String> busy = invoke(port, rows);
      assertEquals(503, busy.statusCode(), "the worker and the queue are taken: " + busy.body());
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
      assertTrue(busy.body().contains("the server is busy"), busy.body());

      // The read timeout cuts the stalled uploads off, which frees their places.
      for (Socket s : slow) {
        s.setSoTimeout(8000);
        long cut = System.nanoTime();
        int read;
        try {
          read = s.getInputStream().read();
        } catch (IOException e) {
          read = -1;
        }
        assertEquals(-1, read, "a stalled upload is disconnected, not answered");
        assertTrue((System.nanoTime() - cut) / 1e9 < 6, "cut off within the read timeout and a timer tick");
      }
      // The client sees the cut before the server's worker has given its place back: allow it a moment.
      HttpResponse<String> after = invoke(port, rows);
      for (int tries = 0; after.statusCode() == 503 && tries < 20; tries++) {
        Thread.sleep(100);
        after = invoke(port, rows);
      }
      assertEquals(200, after.statusCode(), after.body());
      assertEquals(before.body(), after.body());
    } finally {
      for (Socket s : slow) {
        s.close();
      }
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(log);
    assertTrue(out.contains("client went away or passed the read timeout"), out);
    assertTrue(!out.contains("\tat "), "no stack trace: " + out);
  }

  private static HttpResponse<String> invoke(int port, String rows) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/csv").header("Accept", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString(rows)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The port from the server's first line, "serving DIR on HOST:PORT (...)". */
  private static int awaitPort(Process server, Path log) throws Exception {
    Pattern serving = Pattern.compile("serving .* on 127\\.0\\.0\\.1:(\\d+) ");
    for (int wait = 0; wait < 300; wait++) {
      if (Files.exists(log)) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
            StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
              return Integer.parseInt(m.group(1));
            }
          }
        }
      }
      assertTrue(server.isAlive(), () -> "serve ended: " + read(log));
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not start in 30 s: " + read(log));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}

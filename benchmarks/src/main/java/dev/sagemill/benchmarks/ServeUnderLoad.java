package dev.sagemill.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * {@code sagemill serve} under load, on the loopback address only, bounded in requests and time (issue 29): the
 * CLI's jar serves a Linear Learner model trained on the embedded Higgs sample in a process of its own, with its
 * default limits unless given; {@code --clients} fast clients each send {@code --requests} CSV requests (10 rows
 * each, retrying after a 503 as its Retry-After says), {@code --slow} clients upload one row at 20 bytes/s, and a
 * pinger calls {@code /ping} every 10 ms throughout. Every answer is compared with the one the same body got when
 * sent alone, before the load. Prints the {@code /ping} latency percentiles, request counts, 503s, mismatches and
 * errors, and PASS when {@code /ping}'s p99 is under 100 ms and every answer equals the sequential one.
 *
 * <pre>mvn -B -ntp -q -DskipTests package -pl cli -am
 * benchmarks/run.sh ServeUnderLoad [--clients 180] [--slow 20] [--requests 20] [--max-seconds 120]
 *     [--jar cli/target/sagemill.jar] [-- SERVE_OPTION ...]</pre>
 */
public final class ServeUnderLoad {
  private static final Path HIGGS = Path.of("examples/data/higgs-sample");
  private static final int BODIES = 100;
  private static final int ROWS_PER_BODY = 10;

  private ServeUnderLoad() {}

  /**
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int clients = 180;
    int slowClients = 20;
    int requests = 20;
    int maxSeconds = 120;
    Path jar = Path.of("cli/target/sagemill.jar");
    List<String> serveOptions = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--slow" -> slowClients = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--max-seconds" -> maxSeconds = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--" -> {
          serveOptions.addAll(Arrays.asList(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with mvn -B -ntp -q -DskipTests package -pl cli -am");
    }
    Path work = Files.createTempDirectory("sagemill-serve-load");
    Path model = work.resolve("model");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process train = new ProcessBuilder(java, "-jar", jar.toString(), "train", "--algorithm", "linear-learner",
        "--train", HIGGS.resolve("train.csv.gz").toString(), "--hp", "predictor_type=binary_classifier",
        "--model-dir", model.toString(), "--no-progress").redirectErrorStream(true)
        .redirectOutput(work.resolve("train.log").toFile()).start();
    if (train.waitFor() != 0) {
      throw new IllegalStateException("training failed: " + Files.readString(work.resolve("train.log")));
    }
    List<String> serve = new ArrayList<>(List.of(java, "-jar", jar.toString(), "serve", "--model-dir",
        model.toString(), "--host", "127.0.0.1", "--port", "0"));
    serve.addAll(serveOptions);
    Path log = work.resolve("serve.log");
    Process server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      int port = awaitPort(server, log);
      run(port, clients, slowClients, requests, maxSeconds, serveOptions);
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void run(int port, int clients, int slowClients, int requests, int maxSeconds,
      List<String> serveOptions) throws Exception {
    List<String> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(HIGGS.resolve("validation.csv.gz"))), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(line.substring(line.indexOf(',') + 1)); // drop the label column
      }
    }
    String[] bodies = new String[BODIES];
    for (int b = 0; b < BODIES; b++) {
      StringBuilder s = new StringBuilder();
      for (int k = 0; k < ROWS_PER_BODY; k++) {
        s.append(rows.get((b * ROWS_PER_BODY + k) % rows.size())).append('\n');
      }
      bodies[b] = s.toString();
    }
    String slowBody = rows.get(0) + "\n";
    URI invocations = URI.create("http://127.0.0.1:" + port + "/invocations");
    URI ping = URI.create("http://127.0.0.1:" + port + "/ping");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    // The answers each body gets when it is the only request.
    String[] expected = new String[BODIES];
    for (int b = 0; b < BODIES; b++) {
      HttpResponse<String> a = http.send(post(invocations, bodies[b]), HttpResponse.BodyHandlers.ofString());
      if (a.statusCode() != 200) {
        throw new IllegalStateException("sequential request " + b + ": " + a.statusCode() + " " + a.body());
      }
      expected[b] = a.body();
    }
    String slowExpected = http.send(post(invocations, slowBody), HttpResponse.BodyHandlers.ofString()).body();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger mismatches = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger slowAnswered = new AtomicInteger();
    AtomicInteger slowCut = new AtomicInteger();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong pings = new AtomicLong();
    List<Long> pingNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(clients + slowClients);
    List<Thread> threads = new ArrayList<>();

    for (int c = 0; c < slowClients; c++) {
      threads.add(new Thread(() -> {
        try {
          String outcome = slowUpload(port, slowBody, deadline);
          if (outcome == null) {
            slowCut.incrementAndGet();
          } else if (outcome.equals(slowExpected)) {
            slowAnswered.incrementAndGet();
          } else {
            mismatches.incrementAndGet();
            problems.add("slow client answer: " + outcome);
          }
        } catch (IOException e) {
          errors.incrementAndGet();
          problems.add("slow client: " + e);
        } finally {
          done.countDown();
        }
      }, "slow-" + c));
    }
    for (int c = 0; c < clients; c++) {
      int client = c;
      int count = requests;
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            int b = (client * 31 + i * 7) % BODIES;
            while (System.nanoTime() < deadline) {
              HttpResponse<String> a = http.send(post(invocations, bodies[b]), HttpResponse.BodyHandlers.ofString());
              if (a.statusCode() == 503) {
                busy.incrementAndGet();
                long wait = Long.parseLong(a.headers().firstValue("Retry-After").orElse("1"));
                Thread.sleep(TimeUnit.SECONDS.toMillis(wait));
                continue;
              }
              if (a.statusCode() != 200) {
                errors.incrementAndGet();
                problems.add("status " + a.statusCode() + ": " + a.body());
              } else if (!a.body().equals(expected[b])) {
                mismatches.incrementAndGet();
                problems.add("body " + b + " answered differently under load");
              } else {
                answered.incrementAndGet();
              }
              break;
            }
          }
        } catch (IOException e) {
          errors.incrementAndGet();
          problems.add("client " + client + ": " + e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "client-" + c));
    }
    Thread pinger = new Thread(() -> {
      HttpRequest get = HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(10)).GET().build();
      while (done.getCount() > 0 && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        try {
          HttpResponse<Void> p = http.send(get, HttpResponse.BodyHandlers.discarding());
          if (p.statusCode() != 200) {
            problems.add("/ping answered " + p.statusCode());
          }
        } catch (IOException e) {
          problems.add("/ping failed: " + e);
        } catch (InterruptedException e) {
          return;
        }
        pingNanos.add(System.nanoTime() - t0);
        pings.incrementAndGet();
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "pinger");
    long t0 = System.nanoTime();
    pinger.start();
    for (Thread t : threads) {
      t.start();
    }
    done.await(maxSeconds + 10L, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    pinger.join(15_000);

    long[] lat = pingNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    double p50 = lat.length == 0 ? Double.NaN : lat[(int) (0.50 * (lat.length - 1))] / 1e6;
    double p99 = lat.length == 0 ? Double.NaN : lat[(int) Math.ceil(0.99 * (lat.length - 1))] / 1e6;
    double max = lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6;
    System.out.printf("machine: %d cores, java %s; serve options %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), serveOptions.isEmpty() ? "(defaults)" : serveOptions);
    System.out.printf("load: %d fast clients x %d requests of %d CSV rows, %d slow clients (one row at 20 bytes/s), "
        + "pinger every 10 ms; %.1f s%n", clients, requests, ROWS_PER_BODY, slowClients, seconds);
    System.out.printf("answers: %d equal to the sequential ones (%.0f requests/s), %d mismatches, %d errors, %d "
        + "answered 503 and retried%n", answered.get(), answered.get() / seconds, mismatches.get(), errors.get(),
        busy.get());
    System.out.printf("slow clients: %d answered correctly, %d cut off by the read timeout%n", slowAnswered.get(),
        slowCut.get());
    System.out.printf("/ping: %d calls, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", pings.get(), p50, p99, max);
    problems.stream().limit(10).forEach(p -> System.out.println("  problem: " + p));
    boolean pass = p99 < 100 && mismatches.get() == 0 && errors.get() == 0 && done.getCount() == 0;
    System.out.println(pass ? "PASS" : "FAIL");
  }

  private static HttpRequest post(URI uri, String body) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Content-Type", "text/csv")
        .header("Accept", "text/csv").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /**
   * Uploads a request at 20 bytes a second over a raw socket.
   *
   * @return the answer's body, or null if the server closed the connection first (its read timeout)
   */
  private static String slowUpload(int port, String body, long deadline) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(120_000);
      OutputStream o = s.getOutputStream();
      o.write(("POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nAccept: text/csv\r\n"
          + "Connection: close\r\nContent-Length: " + payload.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      try {
        for (int i = 0; i < payload.length && System.nanoTime() < deadline; i += 20) {
          o.write(payload, i, Math.min(20, payload.length - i));
          o.flush();
          Thread.sleep(1000);
        }
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      InputStream in = s.getInputStream();
      String answer;
      try {
        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return null;
      }
      if (answer.isEmpty()) {
        return null;
      }
      int split = answer.indexOf("\r\n\r\n");
      if (!answer.startsWith("HTTP/1.1 200")) {
        throw new IOException("slow client got " + answer.lines().findFirst().orElse(""));
      }
      return answer.substring(split + 4);
    }
  }

  /** The port from the server's first line, "serving DIR on HOST:PORT (...)". */
  private static int awaitPort(Process server, Path log) throws Exception {
    Pattern serving = Pattern.compile("serving .* on 127\\.0\\.0\\.1:(\\d+) ");
    for (int wait = 0; wait < 600; wait++) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          Matcher m = serving.matcher(line);
          if (m.find()) {
            return Integer.parseInt(m.group(1));
          }
        }
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("serve ended: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("serve did not start in 60 s: " + Files.readString(log));
  }
}

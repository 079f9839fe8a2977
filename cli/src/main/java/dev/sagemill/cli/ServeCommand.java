package dev.sagemill.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.AnswerFormat;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sagemill serve}: SageMaker's inference-container contract over HTTP. {@code GET /ping} answers 200 once
 * the model is loaded; {@code POST /invocations} predicts the request body (Content-Type: text/csv without label,
 * text/libsvm, application/json, application/jsonlines, application/x-recordio-protobuf) and answers in the
 * Accept type. Bad input is 400 with the reason, an unsupported Content-Type 415, an unsupported Accept 406, a body
 * over the payload limit 413.
 *
 * <p>Slow and numerous clients cannot starve it: every connection gets its own thread (up to
 * {@code --connection-threads}), so {@code /ping} never waits behind uploads; predictions run on {@code --workers}
 * threads with at most {@code --max-queue} more requests admitted, beyond which the answer is 503 with
 * {@code Retry-After}; a client that takes longer than {@code --read-timeout} to send its request or to take its
 * answer is disconnected.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve a saved model over HTTP as a SageMaker inference container does (/ping, /invocations).")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  /** The JDK server's limits, in seconds, on receiving a whole request and on sending a whole answer. */
  private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  private static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";

  /** The request types of a row model: the row formats and SageMaker's JSON request document. */
  private static final List<String> ROW_REQUESTS = List.of(ContentType.CSV, ContentType.LIBSVM, ContentType.JSON,
      ContentType.JSONLINES, ContentType.RECORDIO_PROTOBUF);

  @Option(names = "--model-dir", paramLabel = "DIR", defaultValue = "/opt/ml/model",
      description = "Folder holding model.sagemill or an artifact an algorithm reads, or the file "
          + "(default: ${DEFAULT-VALUE}).")
  Path modelDir;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, as a SageMaker container).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default: SAGEMAKER_BIND_TO_PORT or 8080).")
  Integer port;

  @Option(names = "--workers", paramLabel = "N", description = "Requests that predict at once (default: all cores).")
  Integer workers;

  @Option(names = "--max-queue", paramLabel = "N", defaultValue = "128", description = "Requests admitted beyond "
      + "the working ones (uploading or waiting for a worker); more are answered 503 (default: ${DEFAULT-VALUE}).")
  int maxQueue;

  @Option(names = "--connection-threads", paramLabel = "N", defaultValue = "256", description = "Threads that read "
      + "requests and answer /ping, one per open connection; later connections wait for one "
      + "(default: ${DEFAULT-VALUE}).")
  int connectionThreads;

  @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "A client that takes "
      + "longer to send its request, or to take its answer, is disconnected (default: ${DEFAULT-VALUE}; it holds for "
      + "the whole JVM, set before its first server starts).")
  long readTimeout;

  @Option(names = "--max-payload-bytes", paramLabel = "BYTES", defaultValue = "6291456",
      description = "Largest request body (default: ${DEFAULT-VALUE}, SageMaker's 6 MB real-time limit).")
  long maxPayload;

  @Option(names = "--default-accept", paramLabel = "TYPE", description = "Answer type when the request's Accept is "
      + "absent or */* (default: SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT or text/csv).")
  String defaultAccept;

  private final PrintStream out;

  ServeCommand(PrintStream out) {
    this.out = out;
  }

  /** A running server. */
  static final class Running implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;

    private Running(HttpServer server, ExecutorService pool) {
      this.server = server;
      this.pool = pool;
    }

    /** @return the port the server listens on */
    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(1);
      pool.shutdownNow();
    }
  }

  @Override
  public Integer call() throws Exception {
    try (Running r = start()) {
      out.println("serving " + modelDir + " on " + host + ":" + r.port() + " (/ping, /invocations)");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "sagemill-serve-stop"));
      stop.await();
    }
    return 0;
  }

  /**
   * Loads the model and starts listening.
   *
   * @return the running server
   * @throws IOException if the model cannot be loaded or the port bound
   */
  Running start() throws IOException {
    if (connectionThreads < 1) {
      throw new IllegalArgumentException("--connection-threads must be at least 1, got " + connectionThreads);
    }
    RequestGate gate = new RequestGate(workers != null ? workers : Runtime.getRuntime().availableProcessors(),
        maxQueue);
    applyReadTimeout(readTimeout);
    Model model = ModelFiles.answering(ModelFiles.load(modelDir), null, null);
    AnswerFormat answers = ModelFiles.answerFormat(model);
    int p = port != null ? port : Integer.parseInt(System.getenv().getOrDefault("SAGEMAKER_BIND_TO_PORT", "8080"));
    String accept = defaultAccept != null ? defaultAccept
        : System.getenv().getOrDefault("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", ContentType.CSV);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, p), connectionThreads);
    // One thread per open connection, made on demand and dropped when idle: reading a slow upload blocks only its
    // own thread, so /ping and other clients are answered meanwhile; the work itself is bounded by the gate.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(connectionThreads, connectionThreads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "sagemill-serve");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    server.setExecutor(pool);
    server.createContext("/ping", ex -> {
      ex.getRequestBody().close();
      respond(ex, 200, "text/plain", new byte[0]);
    });
    server.createContext("/invocations", ex -> {
      if (!gate.admit()) {
        ex.getResponseHeaders().set("Retry-After", "1");
        respondIfStillThere(ex, 503, bytes("the server is busy (" + gate.capacity()
            + " requests admitted, the --workers and --max-queue limit); retry later"));
        return;
      }
      try {
        invoke(ex, model, answers, accept, gate);
      } finally {
        gate.leave();
      }
    });
    server.start();
    return new Running(server, pool);
  }

  /**
   * The JDK's server reads its request and response time limits once, from system properties, when its first
   * server starts; so the first {@code serve} of a JVM sets them and a later one with another value is told so.
   */
  private static void applyReadTimeout(long seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("--read-timeout must be at least 1 second, got " + seconds);
    }
    String value = Long.toString(seconds);
    for (String property : List.of(MAX_REQUEST_TIME, MAX_RESPONSE_TIME)) {
      String set = System.getProperty(property);
      if (set == null) {
        System.setProperty(property, value);
      } else if (!set.equals(value)) {
        LOG.warn("--read-timeout {} is not applied: this JVM already has {}={} (read once per JVM)", seconds,
            property, set);
      }
    }
  }

  private void invoke(HttpExchange ex, Model model, AnswerFormat answers, String fallbackAccept, RequestGate gate)
      throws IOException {
    Path staged = null;
    try {
      if (!ex.getRequestMethod().equals("POST")) {
        respond(ex, 405, "text/plain", bytes("use POST"));
        return;
      }
      byte[] body = readBounded(ex.getRequestBody());
      if (body == null) {
        respond(ex, 413, "text/plain", bytes("request body is larger than " + maxPayload + " bytes"));
        return;
      }
      String declared = ex.getRequestHeaders().getFirst("Content-Type");
      ContentType type = ContentType.parse(declared == null ? ContentType.CSV : declared);
      List<String> requestTypes = new java.util.ArrayList<>(model.inputType().equals(RowBatch.class) ? ROW_REQUESTS
          : Sources.TYPES.getOrDefault(model.inputType(), List.of()));
      dev.sagemill.core.estimator.Algorithms.find(model.algorithm())
          .flatMap(dev.sagemill.core.estimator.AlgorithmProvider::requestFormat)
          .ifPresent(f -> f.mediaTypes().stream().filter(m -> !requestTypes.contains(m)).forEach(requestTypes::add));
      if (!requestTypes.contains(type.mediaType())) {
        respond(ex, 415, "text/plain", bytes("Content-Type " + type.mediaType() + " is not supported; supported: "
            + requestTypes));
        return;
      }
      ContentType accept = chooseAccept(ex.getRequestHeaders().getFirst("Accept"), fallbackAccept,
          answers.mediaTypes());
      if (accept == null) {
        respond(ex, 406, "text/plain", bytes("none of Accept " + ex.getRequestHeaders().getFirst("Accept")
            + " is supported; supported: " + answers.mediaTypes()));
        return;
      }
      // The readers work on files, so a request is staged in a temporary file that is removed afterwards.
      staged = Files.createTempFile("sagemill-request", ".body");
      Files.write(staged, body);
      Path request = staged;
      byte[] answer = gate.work(() -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Model answering = ModelFiles.answering(model, null, accept);
        try (AnswerWriter w = answers.open(accept.mediaType(), accept.parameters(), out)) {
          BatchTransform.run(answering, Channel.ofFiles("request", List.of(request)), type, 1000, w);
        }
        return out.toByteArray();
      });
      respond(ex, 200, accept.mediaType(), answer);
    } catch (ClientGone e) {
      LOG.info("client went away or passed the read timeout: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respondIfStillThere(ex, 503, bytes("the server is stopping"));
    } catch (IllegalArgumentException e) { // InvalidDataException included: the client's input
      String message = staged == null ? e.getMessage() : e.getMessage().replace(staged.toString(), "request body");
      respondIfStillThere(ex, 400, bytes(message));
    } catch (Exception e) {
      LOG.error("invocation failed", e);
      respondIfStillThere(ex, 500, bytes("internal error: " + e));
    } finally {
      if (staged != null) {
        Files.deleteIfExists(staged);
      }
    }
  }

  private static void respondIfStillThere(HttpExchange ex, int status, byte[] body) {
    try {
      respond(ex, status, "text/plain", body);
    } catch (ClientGone e) {
      LOG.info("client went away before its {} answer: {}", status, e.getMessage());
    }
  }

  /**
   * The first supported type of an Accept header ("a, b;q=0.9"), with its parameters ({@code verbose=true});
   * the fallback for none or a wildcard.
   */
  private static ContentType chooseAccept(String header, String fallback, List<String> supported) {
    if (header == null || header.isBlank()) {
      return ContentType.parse(fallback);
    }
    for (String part : header.split(",")) {
      ContentType type = ContentType.parse(part);
      if (type.mediaType().equals("*/*")) {
        return ContentType.parse(fallback);
      }
      if (supported.contains(type.mediaType())) {
        return type;
      }
    }
    return null;
  }

  private byte[] readBounded(InputStream in) throws ClientGone {
    try (in) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPayload + 1));
      return b.length > maxPayload ? null : b;
    } catch (IOException e) {
      throw new ClientGone(e);
    }
  }

  /**
   * The client's side of the exchange failed (it closed the connection mid-upload or before reading the answer):
   * nothing is wrong with the server, so it is logged in one line, not as an error with a stack trace.
   */
  private static final class ClientGone extends IOException {
    private static final long serialVersionUID = 1L;

    ClientGone(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange ex, int status, String type, byte[] body) throws ClientGone {
    try {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    } catch (IOException e) {
      throw new ClientGone(e);
    }
  }
}

package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.core.io.ArtifactWriter;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sagemill train}: trains an algorithm from SageMaker's container layout or from flags, saves the model to
 * {@code <model-dir>/model.sagemill} with {@code metrics.json} beside it, and on failure writes the reason to
 * {@code output/failure} (container layout) and exits non-zero.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train an algorithm.",
        "With --algorithm and --train: channels and hyperparameters from flags.",
        "Otherwise the SageMaker container layout under --sm-root (default /opt/ml): "
            + "input/config/hyperparameters.json, input/config/inputdataconfig.json, input/data/<channel>/; "
            + "the model goes to model/, a failure reason to output/failure. The algorithm then comes from "
            + "--algorithm or the SAGEMILL_ALGORITHM environment variable."})
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = "model.sagemill";
  private static final ObjectMapper JSON = new ObjectMapper()
      // A second value after the first (on a JSON Lines line, or in a request) is an error, never dropped.
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Option(names = "--algorithm", paramLabel = "NAME", description = "SageMaker algorithm name (sagemill algorithms lists them).")
  String algorithm;

  @Option(names = "--train", paramLabel = "PATH", description = "Training channel: a file or folder (gzip allowed).")
  Path train;

  @Option(names = "--validation", paramLabel = "PATH", description = "Validation channel (early stopping, "
      + "model selection, threshold tuning).")
  Path validation;

  @Option(names = "--test", paramLabel = "PATH", description = "Test channel, scored into test:* metrics.")
  Path test;

  @Option(names = "--channel", paramLabel = "NAME=PATH", description = "Any channel the algorithm takes (sagemill "
      + "algorithms NAME lists them), e.g. --channel auxiliary=vocab/; repeatable. --train, --validation and --test "
      + "are short for --channel train=..., validation=..., test=....")
  Map<String, Path> channelFlags = new LinkedHashMap<>();

  @Option(names = "--content-type", paramLabel = "TYPE", description = "Content type of every channel that "
      + "takes it, e.g. 'text/csv;label_size=1'. Default: from inputdataconfig.json or the file extension (csv if unknown).")
  String contentType;

  @Mixin
  HyperparameterOptions hyperparameters = new HyperparameterOptions();

  @Option(names = "--report", description = "Also write report.html beside the model (as sagemill report does).")
  boolean report;

  @Option(names = "--model-dir", paramLabel = "DIR", description = "Where to write the model (flag mode).")
  Path modelDir;

  @Option(names = "--sm-root", paramLabel = "DIR", description = "Root of the SageMaker layout (default /opt/ml).")
  Path smRoot;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Save training state here after every "
      + "epoch and resume from it if it already holds a checkpoint. In the container layout <sm-root>/checkpoints "
      + "is used when it exists (SageMaker's checkpoint folder).")
  Path checkpointDir;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--no-progress", description = "No progress bar (metric lines are still printed).")
  boolean noProgress;

  private final PrintStream out;

  TrainCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    boolean container = train == null && channelFlags.isEmpty();
    Path root = smRoot != null ? smRoot : Path.of("/opt/ml");
    try {
      return container ? trainContainer(root) : trainFlags();
    } catch (Exception e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (container) {
        Path failure = root.resolve("output/failure");
        AtomicFiles.write(failure, o -> o.write(reason.getBytes(StandardCharsets.UTF_8)));
      }
      System.err.println("training failed: " + reason);
      return 2;
    }
  }

  private int trainFlags() throws IOException {
    if (algorithm == null) {
      throw new IllegalArgumentException("--algorithm is required with --train or --channel");
    }
    if (modelDir == null) {
      throw new IllegalArgumentException("--model-dir is required with --train or --channel");
    }
    Map<String, Path> paths = new LinkedHashMap<>();
    putChannel(paths, "train", train);
    putChannel(paths, "validation", validation);
    putChannel(paths, "test", test);
    channelFlags.forEach((name, path) -> putChannel(paths, name, path));
    AlgorithmProvider provider = Algorithms.get(algorithm);
    Map<String, String> hps = hyperparameters.values();
    boolean weights = "1".equals(hps.get("csv_weights"));
    Map<String, RecordSource<?>> sources = Channels.open(provider, paths, Map.of(),
        new Channels.Job(contentType, weights, 0, 1, null));
    return fitAndSave(provider, hps, sources, modelDir);
  }

  private static void putChannel(Map<String, Path> paths, String name, Path path) {
    if (path != null && paths.putIfAbsent(name, path) != null) {
      throw new IllegalArgumentException("channel " + name + " is given twice: " + paths.get(name) + " and " + path);
    }
  }

  private int trainContainer(Path root) throws IOException {
    String name = algorithm != null ? algorithm : System.getenv("SAGEMILL_ALGORITHM");
    if (name == null) {
      throw new IllegalArgumentException("no algorithm given: pass --algorithm NAME or set SAGEMILL_ALGORITHM "
          + "(known: " + Algorithms.names() + ")");
    }
    AlgorithmProvider provider = Algorithms.get(name);
    Path config = root.resolve("input/config");
    Map<String, String> hps = hyperparameters.withFlags(HyperparameterOptions.read(
        config.resolve("hyperparameters.json"), false));
    Path dataConfigFile = config.resolve("inputdataconfig.json");
    JsonNode dataConfig = Files.exists(dataConfigFile) ? JSON.readTree(dataConfigFile.toFile())
        : JSON.createObjectNode();
    int[] host = hostIndex(config.resolve("resourceconfig.json"));
    Path data = root.resolve("input/data");
    boolean weights = "1".equals(hps.get("csv_weights"));
    // Every channel of the layout: the folders under input/data and the entries of inputdataconfig.json.
    java.util.Set<String> names = new java.util.TreeSet<>();
    if (Files.isDirectory(data)) {
      try (java.util.stream.Stream<Path> dirs = Files.list(data)) {
        dirs.filter(Files::isDirectory).forEach(d -> names.add(d.getFileName().toString()));
      }
    }
    dataConfig.fieldNames().forEachRemaining(names::add);
    Map<String, Path> paths = new LinkedHashMap<>();
    Map<String, JsonNode> configs = new LinkedHashMap<>();
    for (String channel : names) {
      Path dir = data.resolve(channel);
      if (!Files.exists(dir)) {
        throw new IllegalArgumentException("channel " + channel + " is declared in " + dataConfigFile + " but " + dir
            + " does not exist");
      }
      paths.put(channel, dir);
      if (dataConfig.has(channel)) {
        configs.put(channel, dataConfig.get(channel));
      }
    }
    Map<String, RecordSource<?>> sources = Channels.open(provider, paths, configs,
        new Channels.Job(contentType, weights, host[0], host[1], data));
    if (checkpointDir == null && Files.isDirectory(root.resolve("checkpoints"))) {
      checkpointDir = root.resolve("checkpoints");
    }
    return fitAndSave(provider, hps, sources, root.resolve("model"));
  }

  /** {this host's index, number of hosts} from SageMaker's resourceconfig.json; {0, 1} without one. */
  private static int[] hostIndex(Path resourceConfig) throws IOException {
    if (!Files.exists(resourceConfig)) {
      return new int[] {0, 1};
    }
    JsonNode rc = JSON.readTree(resourceConfig.toFile());
    List<String> hosts = new java.util.ArrayList<>();
    rc.path("hosts").forEach(h -> hosts.add(h.asText()));
    int me = hosts.indexOf(rc.path("current_host").asText());
    return hosts.isEmpty() || me < 0 ? new int[] {0, 1} : new int[] {me, hosts.size()};
  }

  private int fitAndSave(AlgorithmProvider provider, Map<String, String> hps,
      Map<String, RecordSource<?>> channels, Path outDir) throws IOException {
    Map<String, String> algoHps = new LinkedHashMap<>(hps);
    algoHps.remove("csv_weights"); // a data-format switch, consumed above, not an algorithm parameter
    RecordEstimator<?, ?> estimator = provider.create(algoHps);
    dev.sagemill.core.listen.MetricHistory history = new dev.sagemill.core.listen.MetricHistory();
    FitOptions.Builder o = FitOptions.builder()
        .listener(new ProgressListener(out, !noProgress && System.console() != null)).listener(history);
    if (threads != null) {
      o.threads(threads);
    }
    if (checkpointDir != null) {
      o.checkpointDir(checkpointDir);
    }
    channels.forEach((name, source) -> {
      if (!name.equals("train")) {
        o.channel(name, source);
      }
    });
    Model model = RecordEstimator.fitAny(estimator, channels.get("train"), o.build());
    Path file = outDir.resolve(MODEL_FILE);
    ModelIO.save(model, file);
    for (ArtifactWriter artifact : provider.artifactWriters()) {
      if (artifact.writes(model)) {
        AtomicFiles.write(outDir.resolve(artifact.fileName()), s -> artifact.write(model, s));
        out.println(artifact.fileName() + " saved to " + outDir.resolve(artifact.fileName()));
      }
    }
    ObjectNode metrics = JSON.createObjectNode();
    model.card().metrics().forEach(metrics::put);
    AtomicFiles.write(outDir.resolve("metrics.json"), s -> s.write(JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(metrics)));
    MetricHistoryFile.write(outDir, history);
    out.println("model saved to " + file);
    if (report) {
      ReportCommand.write(outDir, outDir.resolve(ReportCommand.REPORT_FILE));
      out.println("report written to " + outDir.resolve(ReportCommand.REPORT_FILE));
    }
    return 0;
  }
}

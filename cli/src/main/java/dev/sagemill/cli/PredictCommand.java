package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.DataSources;
import dev.sagemill.io.jsonl.JsonRows;
import dev.sagemill.io.libsvm.IndexBase;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sagemill predict}: batch transform of a file or folder with a saved model, answering as SageMaker's
 * algorithms do. CSV input has no label column (as SageMaker's inference CSV); a partial output file is never
 * left behind (it is written to a temporary file and renamed when complete).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Predict every row of a file or folder with a saved model (batch transform).")
final class PredictCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--model-dir", paramLabel = "DIR", required = true,
      description = "Folder holding model.sagemill (or the model file itself).")
  Path modelDir;

  @Option(names = "--input", paramLabel = "PATH", required = true, description = "A file or folder of rows.")
  Path input;

  @Option(names = "--content-type", paramLabel = "TYPE", description = "text/csv (no label column; default), "
      + "text/libsvm, application/x-recordio-protobuf, application/x-parquet (label_size=0), application/jsonlines, "
      + "or application/json ({\"instances\": [...]}). Default: from the file extension.")
  String contentType;

  @Option(names = "--accept", paramLabel = "TYPE", defaultValue = "text/csv", description = "Answer format: "
      + "text/csv, application/json, application/jsonlines or application/x-recordio-protobuf (default: ${DEFAULT-VALUE}).")
  String accept;

  @Option(names = "--output", paramLabel = "FILE", description = "Where to write the answers (default: stdout).")
  Path output;

  @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "1000", description = "Rows per batch "
      + "(default: ${DEFAULT-VALUE}).")
  int batchSize;

  private final PrintStream out;

  PredictCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path modelFile = Files.isDirectory(modelDir) ? modelDir.resolve(TrainCommand.MODEL_FILE) : modelDir;
    Model model = ModelIO.load(modelFile);
    if (output == null) {
      PredictionWriter w = new PredictionWriter(accept, out);
      predictAll(model, w);
      w.close();
    } else {
      AtomicFiles.write(output, o -> {
        try (PredictionWriter w = new PredictionWriter(accept, o)) {
          predictAll(model, w);
        }
      });
    }
    return 0;
  }

  private void predictAll(Model model, PredictionWriter w) throws IOException {
    Channel channel = Channel.of(input);
    String first = channel.files().isEmpty() ? "" : channel.files().get(0).getFileName().toString();
    ContentType type = contentType != null ? ContentType.parse(contentType)
        : first.toLowerCase(java.util.Locale.ROOT).matches(".*\\.json(\\.gz)?$") ? ContentType.parse(ContentType.JSON)
        : ContentType.fromFileName(first).orElse(ContentType.parse(ContentType.CSV));
    if (type.mediaType().equals(ContentType.JSON)) {
      for (Path f : channel.files()) {
        predictJsonRequest(model, f, w);
      }
      return;
    }
    if ((type.mediaType().equals(ContentType.CSV) || type.mediaType().equals(ContentType.PARQUET))
        && !type.parameters().containsKey("label_size")) {
      java.util.Map<String, String> p = new java.util.TreeMap<>(type.parameters());
      p.put("label_size", "0"); // inference rows carry no label
      type = new ContentType(type.mediaType(), p);
    }
    // Sparse rows have no width of their own: the model's feature dimension is the schema (SageMaker's containers
    // do the same), so a batch whose largest index is small still predicts.
    DataSource source = type.mediaType().equals(ContentType.LIBSVM)
        ? LibSvmDataSource.of(channel, IndexBase.AUTO, model.schema().featureDim())
        : DataSources.open(channel, type, false);
    try (BatchStream s = source.open(batchSize)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        w.write(model.predict(b.get()));
      }
    }
  }

  /** A SageMaker JSON request: {"instances": [{"features": [...]}, ...]} (or {"features": [...]}). */
  private static void predictJsonRequest(Model model, Path f, PredictionWriter w) throws IOException {
    JsonNode request = JSON.readTree(f.toFile());
    JsonNode instances = request.has("instances") ? request.get("instances")
        : JSON.createArrayNode().add(request);
    int d = model.schema().featureDim();
    RowBatch.Builder b = RowBatch.builder(d, 0, false).origin(f.toString(), 1);
    long i = 0;
    for (JsonNode instance : instances) {
      i++;
      try {
        if (JsonRows.dimension(instance) != d) {
          throw new InvalidDataException(f.toString(), "instance", i, "has " + JsonRows.dimension(instance)
              + " features, the model expects " + d);
        }
      } catch (IllegalArgumentException e) {
        if (e instanceof InvalidDataException) {
          throw e;
        }
        throw new InvalidDataException(f.toString(), "instance", i, e.getMessage());
      }
      JsonRows.append(withoutLabel(instance), b, f.toString(), i);
    }
    w.write(model.predict(b.build()));
  }

  private static JsonNode withoutLabel(JsonNode instance) {
    if (instance.isObject() && instance.has("label")) {
      com.fasterxml.jackson.databind.node.ObjectNode copy = instance.deepCopy();
      copy.remove("label");
      return copy;
    }
    return instance;
  }
}

package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.RequestFormat;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.DataSources;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.Sources;
import dev.sagemill.io.jsonl.JsonRows;
import dev.sagemill.io.libsvm.IndexBase;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Predicts every row of a channel with a model, as SageMaker's batch transform and inference endpoints read
 * requests: CSV and Parquet rows carry no label, libsvm rows take the model's feature dimension, and
 * {@code application/json} is a request document ({@code {"instances": [...]}}). A model of other records (its
 * {@link Model#inputType()}: lines of text, time series) reads them as {@link Sources} opens them. Shared by {@code predict} and
 * {@code serve}. Stateless.
 */
final class BatchTransform {
  private static final ObjectMapper JSON = new ObjectMapper()
      // A second value after the first (on a JSON Lines line, or in a request) is an error, never dropped.
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private BatchTransform() {}

  /**
   * The content type of a request: the declared one, else from the first file's extension, else CSV.
   *
   * @param channel the input files
   * @param declared a declared content type, or null
   * @return the type
   */
  static ContentType inputType(Channel channel, String declared) {
    if (declared != null) {
      return ContentType.parse(declared);
    }
    String first = channel.files().isEmpty() ? "" : channel.files().get(0).getFileName().toString();
    return first.toLowerCase(Locale.ROOT).matches(".*\\.json(\\.gz)?$") ? ContentType.parse(ContentType.JSON)
        : ContentType.fromFileName(first).orElse(ContentType.parse(ContentType.CSV));
  }

  /**
   * Predicts every row and writes the answers.
   *
   * @param model the model
   * @param channel the input files
   * @param type their content type
   * @param batchRows rows per batch
   * @param w where the answers go
   * @throws IOException if reading fails
   * @throws InvalidDataException on malformed input, naming the file and record
   */
  static void run(Model model, Channel channel, ContentType type, int batchRows, AnswerWriter w)
      throws IOException {
    Optional<AlgorithmProvider> provider = Algorithms.find(model.algorithm());
    String media = type.mediaType();
    Optional<RequestFormat> own = provider.flatMap(AlgorithmProvider::requestFormat)
        .filter(f -> f.mediaTypes().contains(media));
    if (own.isPresent()) {
      // The algorithm's own request shapes: each part carries the configuration its answers follow.
      for (Path f : channel.files()) {
        try (InputStream in = Inputs.open(f)) {
          for (RequestFormat.Part part : own.get().read(type.mediaType(), in, f.toString())) {
            Model m = part.configuration().isEmpty() ? model
                : provider.get().answering(model, AnswerRequest.DEFAULT.withConfiguration(part.configuration()));
            w.write(m.predictBatch(part.records()));
          }
        }
      }
      return;
    }
    if (!model.inputType().equals(RowBatch.class)) {
      // Records of another shape (text lines, time series) are read as the model declares them.
      RecordSource<?> records = Sources.open(channel, type, model.inputType(), false);
      try (RecordStream<?> s = records.open(batchRows)) {
        for (Optional<? extends Batch> b = s.next(); b.isPresent(); b = s.next()) {
          w.write(model.predictBatch(b.get()));
        }
      }
      return;
    }
    if (type.mediaType().equals(ContentType.JSON)) {
      for (Path f : channel.files()) {
        predictJsonRequest(model, f, w);
      }
      return;
    }
    type = unlabelled(type);
    if (type.mediaType().equals(ContentType.CSV)) {
      // One answer per line: a blank line between rows is refused rather than skipped.
      Map<String, String> p = new TreeMap<>(type.parameters());
      p.put("blank_lines", "error");
      type = new ContentType(type.mediaType(), p);
    }
    // Sparse rows have no width of their own: the model's feature dimension is the schema (SageMaker's containers
    // do the same), so a batch whose largest index is small still predicts. Features are numbered as in the data
    // the model was trained on; only a model that did not record it (saved before, or not trained on libsvm) has
    // the numbering guessed from the file.
    DataSource source = type.mediaType().equals(ContentType.LIBSVM)
        ? LibSvmDataSource.of(channel, indexBase(model), model.schema().featureDim())
        : DataSources.open(channel, type, false);
    try (BatchStream s = source.open(batchRows)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        w.write(model.predict(b.get()));
      }
    }
  }

  /**
   * Inference rows carry no label: CSV and Parquet are read with {@code label_size=0} unless the type says otherwise.
   *
   * @param type the rows' content type
   * @return the type to read them with
   */
  static ContentType unlabelled(ContentType type) {
    if ((type.mediaType().equals(ContentType.CSV) || type.mediaType().equals(ContentType.PARQUET))
        && !type.parameters().containsKey("label_size")) {
      Map<String, String> p = new TreeMap<>(type.parameters());
      p.put("label_size", "0");
      return new ContentType(type.mediaType(), p);
    }
    return type;
  }

  private static IndexBase indexBase(Model model) {
    java.util.OptionalInt base = model.schema().indexBase();
    if (base.isEmpty()) {
      return IndexBase.AUTO;
    }
    return base.getAsInt() == 0 ? IndexBase.ZERO : IndexBase.ONE;
  }

  /** A SageMaker JSON request: {"instances": [{"features": [...]}, ...]} (or {"features": [...]}). */
  private static void predictJsonRequest(Model model, Path f, AnswerWriter w) throws IOException {
    JsonNode request;
    try {
      request = JSON.readTree(f.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidDataException(f + ": not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode instances = request != null && request.has("instances") ? request.get("instances")
        : JSON.createArrayNode().add(request);
    int d = model.schema().featureDim();
    RowBatch.Builder b = RowBatch.builder(d, 0, false).origin(f.toString(), 1);
    long i = 0;
    for (JsonNode instance : instances) {
      i++;
      int dim;
      try {
        dim = JsonRows.dimension(instance);
      } catch (IllegalArgumentException e) {
        throw new InvalidDataException(f.toString(), "instance", i, e.getMessage());
      }
      if (dim != d) {
        throw new InvalidDataException(f.toString(), "instance", i, "has " + dim + " features, the model expects " + d);
      }
      JsonRows.append(withoutLabel(instance), b, f.toString(), i);
    }
    w.write(model.predict(b.build()));
  }

  private static JsonNode withoutLabel(JsonNode instance) {
    if (instance.isObject() && instance.has("label")) {
      ObjectNode copy = instance.deepCopy();
      copy.remove("label");
      return copy;
    }
    return instance;
  }
}

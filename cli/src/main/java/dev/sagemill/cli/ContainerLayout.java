package dev.sagemill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.io.recordio.RecordIoProtobufWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SageMaker training job's folder made from Java, then trained by {@code sagemill train --sm-root}: the layout a
 * SageMaker container sees ({@code input/config/hyperparameters.json}, {@code input/config/inputdataconfig.json},
 * {@code input/data/<channel>/}), so a notebook or a program shows a job the SageMaker way with data it holds in
 * memory. Rows are written as {@code application/x-recordio-protobuf}, the format SageMaker's Python SDK writes for
 * its first-party algorithms; lines (text, JSON Lines series) and existing files go in as they are.
 *
 * <p>Not thread-safe: one job's folder.
 */
public final class ContainerLayout {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;
  private final Map<String, String> contentTypes = new TreeMap<>();

  private ContainerLayout(Path root) {
    this.root = root;
  }

  /**
   * @param root the folder ({@code /opt/ml} in a container); created when missing
   * @return a layout with no channel yet
   * @throws IOException if the folder cannot be created
   */
  public static ContainerLayout at(Path root) throws IOException {
    Files.createDirectories(root.resolve("input/config"));
    return new ContainerLayout(root);
  }

  /**
   * @return a layout in a new temporary folder
   * @throws IOException if the folder cannot be created
   */
  public static ContainerLayout inTemporaryFolder() throws IOException {
    return at(Files.createTempDirectory("sagemill-job"));
  }

  /** @return the folder, SageMaker's {@code /opt/ml} */
  public Path root() {
    return root;
  }

  /** @return where training writes the model, {@code model/} */
  public Path modelDir() {
    return root.resolve("model");
  }

  private Path channelDir(String channel) throws IOException {
    return Files.createDirectories(root.resolve("input/data").resolve(channel));
  }

  /**
   * Adds a channel of rows (with their labels, if any) as RecordIO-protobuf.
   *
   * @param channel the channel's name ({@code train}, {@code validation}, {@code test})
   * @param rows the rows
   * @return this layout
   * @throws IOException if writing fails
   */
  public ContainerLayout rows(String channel, RowBatch rows) throws IOException {
    try (OutputStream out = Files.newOutputStream(channelDir(channel).resolve(channel + ".pbr"))) {
      new RecordIoProtobufWriter(out).write(rows);
    }
    contentTypes.put(channel, "application/x-recordio-protobuf");
    return this;
  }

  /**
   * Adds a channel of lines: text for BlazingText, JSON Lines series for DeepAR.
   *
   * @param channel the channel's name
   * @param contentType the lines' content type, e.g. {@code text/plain}, {@code application/jsonlines}
   * @param lines the lines, without line breaks
   * @return this layout
   * @throws IOException if writing fails
   */
  public ContainerLayout lines(String channel, String contentType, List<String> lines) throws IOException {
    Files.write(channelDir(channel).resolve(channel + (contentType.contains("json") ? ".json" : ".txt")), lines,
        StandardCharsets.UTF_8);
    contentTypes.put(channel, contentType);
    return this;
  }

  /**
   * Adds a channel holding a copy of a file.
   *
   * @param channel the channel's name
   * @param contentType the file's content type, e.g. {@code text/csv}
   * @param file the file
   * @return this layout
   * @throws IOException if copying fails
   */
  public ContainerLayout file(String channel, String contentType, Path file) throws IOException {
    Files.copy(file, channelDir(channel).resolve(file.getFileName().toString()));
    contentTypes.put(channel, contentType);
    return this;
  }

  /**
   * Writes {@code hyperparameters.json} and {@code inputdataconfig.json} and runs {@code sagemill train} on the folder.
   *
   * @param algorithm the SageMaker algorithm name
   * @param hyperparameters the job's hyperparameters, as SageMaker's string map
   * @param options more {@code train} options, e.g. {@code "--threads", "2"}
   * @return the metrics the job wrote ({@code model/metrics.json})
   * @throws IOException if writing the configuration fails
   * @throws IllegalStateException if training fails, with the reason the job wrote to {@code output/failure}
   */
  public String train(String algorithm, Map<String, String> hyperparameters, String... options) throws IOException {
    Path config = root.resolve("input/config");
    JSON.writeValue(config.resolve("hyperparameters.json").toFile(), new TreeMap<>(hyperparameters));
    ObjectNode data = JSON.createObjectNode();
    contentTypes.forEach((channel, type) -> data.putObject(channel).put("ContentType", type));
    JSON.writeValue(config.resolve("inputdataconfig.json").toFile(), data);
    List<String> args = new ArrayList<>(List.of("train", "--algorithm", algorithm, "--sm-root", root.toString(),
        "--no-progress"));
    args.addAll(List.of(options));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(log, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    if (code != 0) {
      // as in a container, the reason is in output/failure
      Path failure = root.resolve("output/failure");
      throw new IllegalStateException("sagemill train exited with " + code + ": " + (Files.exists(failure)
          ? Files.readString(failure) : log.toString(StandardCharsets.UTF_8)));
    }
    return Files.readString(modelDir().resolve("metrics.json"));
  }
}

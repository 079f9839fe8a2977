package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.core.listen.MetricHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code metrics-history.json}, which {@code train} writes beside the model and {@code plot} and {@code report}
 * read: every epoch's metrics, {@code {"train:logloss": [[1, 0.66], [2, 0.65], ...], ...}}.
 */
final class MetricHistoryFile {
  /** The file's name in a model folder. */
  static final String NAME = "metrics-history.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MetricHistoryFile() {}

  /**
   * Writes a run's history into a model folder, atomically.
   *
   * @param dir the model folder
   * @param history the run's metrics
   * @throws IOException if writing fails
   */
  static void write(Path dir, MetricHistory history) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    for (String metric : history.metrics()) {
      double[][] series = history.series(metric);
      ArrayNode points = json.putArray(metric);
      for (int i = 0; i < series[0].length; i++) {
        points.addArray().add((int) series[0][i]).add(series[1][i]);
      }
    }
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    AtomicFiles.write(dir.resolve(NAME), s -> s.write(bytes));
  }

  /**
   * @param file a {@code metrics-history.json}
   * @return its history
   * @throws IllegalArgumentException naming the file and metric when a point is not an [epoch, value] pair
   * @throws IOException if reading fails
   */
  static MetricHistory read(Path file) throws IOException {
    JsonNode json = JSON.readTree(file.toFile());
    MetricHistory history = new MetricHistory();
    for (Map.Entry<String, JsonNode> metric : json.properties()) {
      for (JsonNode point : metric.getValue()) {
        if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
          throw new IllegalArgumentException(file + ": " + metric.getKey() + " holds " + point
              + "; expected [epoch, value] pairs");
        }
        history.add(metric.getKey(), point.get(0).asInt(), point.get(1).asDouble());
      }
    }
    return history;
  }
}

package dev.sagemill.io.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.SeriesRecords;
import dev.sagemill.io.text.LineRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Streams {@link TimeSeries} from a JSON Lines file (gzip allowed), one series per line:
 * {@code {"start": "2020-01-01 00:00:00", "target": [1, 2, "NaN", null], "cat": [0, 3],
 * "dynamic_feat": [[...], [...]]}}. Every malformed line is an error naming the file, line and field.
 *
 * <p>Not thread-safe.
 */
public final class DeepArJsonLinesReader extends LineRecordReader<TimeSeries> {

  /**
   * @param file the file to read
   * @throws IOException if it cannot be opened
   */
  public DeepArJsonLinesReader(Path file) throws IOException {
    super(file, JsonLinesDataSource.MAX_LINE_BYTES);
  }

  /**
   * Reads the next series.
   *
   * @return the series, or empty at the end of the file
   * @throws IOException on an I/O failure
   * @throws InvalidDataException on a malformed line
   */
  @Override
  public Optional<TimeSeries> next() throws IOException {
    while (lines.next()) {
      if (JsonLinesDataSource.isBlank(lines)) {
        continue;
      }
      return Optional.of(series(JsonLinesDataSource.parseLine(lines, name), this::bad));
    }
    return Optional.empty();
  }

  /**
   * Reads one series record, as a JSON Lines line or an element of an inference request's {@code instances} holds it.
   *
   * @param n the record
   * @param bad makes the exception for a problem, naming where the record came from
   * @return the series
   * @throws InvalidDataException made by {@code bad} when a field is missing or malformed
   */
  public static TimeSeries series(JsonNode n, java.util.function.Function<String, InvalidDataException> bad) {
    if (!n.isObject()) {
      throw bad.apply("a series must be a JSON object {\"start\": ..., \"target\": [...]}, got " + n);
    }
    JsonNode start = n.get("start");
    if (start == null || !start.isTextual()) {
      throw bad.apply("\"start\" must be a timestamp \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM:SS\", got " + start);
    }
    double[] target = values(n.get("target"), "target", bad);
    int[] cat = new int[0];
    JsonNode c = n.get("cat");
    if (c != null && !c.isNull()) {
      JsonNode arr = c.isArray() ? c : JsonLinesDataSource.MAPPER.createArrayNode().add(c);
      cat = new int[arr.size()];
      for (int i = 0; i < cat.length; i++) {
        if (!arr.get(i).canConvertToInt() || !arr.get(i).isIntegralNumber()) {
          throw bad.apply("\"cat\"[" + i + "] must be a non-negative integer, got " + arr.get(i));
        }
        cat[i] = arr.get(i).asInt();
      }
    }
    double[][] dyn = new double[0][];
    JsonNode d = n.get("dynamic_feat");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        throw bad.apply("\"dynamic_feat\" must be an array of arrays");
      }
      dyn = new double[d.size()][];
      for (int i = 0; i < dyn.length; i++) {
        dyn[i] = values(d.get(i), "dynamic_feat[" + i + "]", bad);
      }
    }
    return SeriesRecords.of(start.asText(), target, cat, dyn, bad);
  }

  private static double[] values(JsonNode a, String field,
      java.util.function.Function<String, InvalidDataException> bad) {
    if (a == null || !a.isArray()) {
      throw bad.apply("\"" + field + "\" must be an array of numbers");
    }
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      if (v.isNumber()) {
        out[i] = v.asDouble();
      } else if (v.isNull() || (v.isTextual() && v.asText().equalsIgnoreCase("nan"))) {
        out[i] = Double.NaN;
      } else {
        throw bad.apply("\"" + field + "\"[" + i + "] must be a number, \"NaN\" or null, got " + v);
      }
    }
    return out;
  }
}

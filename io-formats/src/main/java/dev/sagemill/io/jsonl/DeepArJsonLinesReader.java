package dev.sagemill.io.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.text.LineRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Streams {@link TimeSeries} from a JSON Lines file (gzip allowed), one series per line:
 * {@code {"start": "2020-01-01 00:00:00", "target": [1, 2, "NaN", null], "cat": [0, 3],
 * "dynamic_feat": [[...], [...]]}}. Every malformed line is an error naming the file, line and field.
 *
 * <p>Not thread-safe.
 */
public final class DeepArJsonLinesReader extends LineRecordReader<TimeSeries> {
  private static final Pattern START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?");

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
      JsonNode n = JsonLinesDataSource.parseLine(lines, name);
      JsonNode start = n.get("start");
      if (start == null || !start.isTextual() || !START.matcher(start.asText()).matches()) {
        throw bad("\"start\" must be a timestamp \"YYYY-MM-DD\" or \"YYYY-MM-DD HH:MM:SS\", got " + start);
      }
      double[] target = values(n.get("target"), "target");
      if (target.length == 0) {
        throw bad("\"target\" must be a non-empty array");
      }
      int[] cat = new int[0];
      JsonNode c = n.get("cat");
      if (c != null && !c.isNull()) {
        JsonNode arr = c.isArray() ? c : JsonLinesDataSource.MAPPER.createArrayNode().add(c);
        cat = new int[arr.size()];
        for (int i = 0; i < cat.length; i++) {
          if (!arr.get(i).canConvertToInt() || !arr.get(i).isIntegralNumber() || arr.get(i).asInt() < 0) {
            throw bad("\"cat\"[" + i + "] must be a non-negative integer, got " + arr.get(i));
          }
          cat[i] = arr.get(i).asInt();
        }
      }
      double[][] dyn = new double[0][];
      JsonNode d = n.get("dynamic_feat");
      if (d != null && !d.isNull()) {
        if (!d.isArray()) {
          throw bad("\"dynamic_feat\" must be an array of arrays");
        }
        dyn = new double[d.size()][];
        for (int i = 0; i < dyn.length; i++) {
          dyn[i] = values(d.get(i), "dynamic_feat[" + i + "]");
          if (dyn[i].length < target.length) {
            throw bad("\"dynamic_feat\"[" + i + "] has " + dyn[i].length + " values, fewer than the target's "
                + target.length);
          }
          for (double v : dyn[i]) {
            if (Double.isNaN(v)) {
              throw bad("\"dynamic_feat\"[" + i + "] has a missing value; DeepAR needs every dynamic feature value");
            }
          }
        }
      }
      return Optional.of(new TimeSeries(start.asText(), target, cat, dyn));
    }
    return Optional.empty();
  }

  private double[] values(JsonNode a, String field) {
    if (a == null || !a.isArray()) {
      throw bad("\"" + field + "\" must be an array of numbers");
    }
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      if (v.isNumber()) {
        out[i] = v.asDouble();
      } else if (v.isNull() || (v.isTextual() && v.asText().equalsIgnoreCase("nan"))) {
        out[i] = Double.NaN;
      } else {
        throw bad("\"" + field + "\"[" + i + "] must be a number, \"NaN\" or null, got " + v);
      }
    }
    return out;
  }
}

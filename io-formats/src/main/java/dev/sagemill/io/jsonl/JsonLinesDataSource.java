package dev.sagemill.io.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileSetSource;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.RowParser;
import dev.sagemill.io.text.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Streams an {@code application/jsonlines} channel of generic rows: one JSON object per line in any shape
 * {@link JsonRows} accepts. Blank lines hold no row. The first row fixes the feature and label dimension.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class JsonLinesDataSource extends FileSetSource {
  static final ObjectMapper MAPPER = new ObjectMapper()
      // A second value after the first (on a JSON Lines line, or in a request) is an error, never dropped.
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static final int MAX_LINE_BYTES = 256 << 20;

  private JsonLinesDataSource(Channel channel) {
    super(channel, ContentType.JSONLINES, null);
  }

  /**
   * A JSON Lines channel.
   *
   * @param channel the files
   * @return the source
   */
  public static JsonLinesDataSource of(Channel channel) {
    return new JsonLinesDataSource(channel);
  }

  static JsonNode parseLine(LineReader lines, String name) {
    try {
      return MAPPER.readTree(lines.bytes(), 0, lines.length());
    } catch (IOException e) {
      throw new InvalidDataException(name, "line", lines.lineNumber(), "not valid JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static boolean isBlank(LineReader lines) {
    byte[] b = lines.bytes();
    for (int i = 0; i < lines.length(); i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  @Override
  protected Schema inferSchema() throws IOException {
    for (Path f : channel().files()) {
      try (LineReader lines = new LineReader(Inputs.open(f), MAX_LINE_BYTES)) {
        while (lines.next()) {
          if (isBlank(lines)) {
            continue;
          }
          JsonNode n = parseLine(lines, f.toString());
          try {
            sparseRows = JsonRows.isSparse(n);
            return Schema.of(JsonRows.dimension(n), JsonRows.labelDimension(n));
          } catch (IllegalArgumentException e) {
            throw new InvalidDataException(f.toString(), "line", lines.lineNumber(), e.getMessage());
          }
        }
      }
    }
    throw new InvalidDataException("channel " + channel().name() + " holds no JSON Lines rows");
  }

  /** Whether the channel's first row is sparse: its rows are then kept sparse, whatever width they declare. */
  private volatile boolean sparseRows;

  @Override
  protected boolean sparse(Schema schema) {
    return sparseRows;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  protected RowParser parser(InputStream in, String name, Schema schema) {
    LineReader lines = new LineReader(in, MAX_LINE_BYTES);
    return new RowParser() {
      @Override
      public boolean next(RowBatch.Builder into) throws IOException {
        while (lines.next()) {
          if (isBlank(lines)) {
            continue;
          }
          JsonNode n = parseLine(lines, name);
          if (!n.isObject()) {
            throw new InvalidDataException(name, "line", lines.lineNumber(), "must be a JSON object such as "
                + "{\"features\": [...], \"label\": 1}, got " + (n.isArray() ? "an array" : n.getNodeType()
                .toString().toLowerCase(java.util.Locale.ROOT)) + ": " + abbreviate(n.toString()));
          }
          if (JsonRows.labelDimension(n) != schema.labelDim()) {
            throw new InvalidDataException(name, "line", lines.lineNumber(), "has " + JsonRows.labelDimension(n)
                + " label values, but the channel's first row has " + schema.labelDim());
          }
          JsonRows.append(n, into, name, lines.lineNumber());
          return true;
        }
        return false;
      }

      @Override
      public long position() {
        return lines.lineNumber();
      }

      @Override
      public void close() throws IOException {
        lines.close();
      }
    };
  }
}

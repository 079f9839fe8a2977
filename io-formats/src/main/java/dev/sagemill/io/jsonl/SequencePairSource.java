package dev.sagemill.io.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.SequencePair;
import dev.sagemill.core.data.SequencePairBatch;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileRecordSource;
import dev.sagemill.io.RecordReader;
import dev.sagemill.io.text.LineRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A channel of token-sequence pairs in Object2Vec's JSON Lines, one pair per line:
 * {@code {"label": 1, "in0": [4, 17, 2], "in1": [9, 3]}}, as {@link SequencePairBatch}es. {@code label} may be
 * absent (inference records); {@code in0} and {@code in1} are non-empty arrays of non-negative integer token ids.
 * Blank lines are skipped; every malformed line is an error naming the file, line and field.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class SequencePairSource extends FileRecordSource<SequencePair, SequencePairBatch> {
  private SequencePairSource(Channel channel) {
    super(channel, ContentType.JSONLINES, SequencePairBatch.class);
  }

  /**
   * @param channel the files
   * @return the source
   */
  public static SequencePairSource of(Channel channel) {
    return new SequencePairSource(channel);
  }

  @Override
  protected RecordReader<SequencePair> reader(Path file) throws IOException {
    return new LineRecordReader<>(file, JsonLinesDataSource.MAX_LINE_BYTES) {
      @Override
      public Optional<SequencePair> next() throws IOException {
        while (lines.next()) {
          if (JsonLinesDataSource.isBlank(lines)) {
            continue;
          }
          JsonNode n = JsonLinesDataSource.parseLine(lines, name);
          JsonNode label = n.get("label");
          double y = Double.NaN;
          if (label != null && !label.isNull()) {
            if (!label.isNumber() || !Double.isFinite(label.asDouble())) {
              throw bad("\"label\" must be a finite number, got " + label);
            }
            y = label.asDouble();
          }
          return Optional.of(new SequencePair(y, tokens(n, "in0"), tokens(n, "in1")));
        }
        return Optional.empty();
      }

      private int[] tokens(JsonNode n, String field) {
        JsonNode a = n.get(field);
        if (a == null || !a.isArray() || a.isEmpty()) {
          throw bad("\"" + field + "\" must be a non-empty array of token ids, got " + a);
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
          JsonNode v = a.get(i);
          if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw bad("\"" + field + "\"[" + i + "] must be a non-negative integer token id, got " + v);
          }
          out[i] = v.asInt();
        }
        return out;
      }
    };
  }

  @Override
  protected SequencePairBatch batch(List<SequencePair> records, String origin, long firstRecord) {
    return new SequencePairBatch(records, origin, firstRecord);
  }
}

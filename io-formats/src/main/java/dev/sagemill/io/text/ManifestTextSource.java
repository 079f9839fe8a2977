package dev.sagemill.io.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileRecordSource;
import dev.sagemill.io.RecordReader;
import dev.sagemill.io.manifest.AugmentedManifestReader;
import dev.sagemill.io.manifest.ManifestRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Lines of text from an augmented manifest ({@code application/jsonlines}), as BlazingText reads one in Pipe mode:
 * each line {@code {"source": "the text", "label": 1}} (or {@code "label": [1, 3]}, or a string) becomes the text line
 * {@code __label__1 the text}. The attributes are SageMaker's {@code AttributeNames}, the text one first, given as the
 * content type parameter {@code attribute-names} (default {@code source,label}; a manifest without labels names only
 * the text attribute). A {@code *-ref} text attribute (an object URI) is refused: the text must be inline.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class ManifestTextSource extends FileRecordSource<String, TextBatch> {
  /** The content type parameter naming the attributes. */
  public static final String ATTRIBUTE_NAMES = "attribute-names";

  private final List<String> attributes;

  private ManifestTextSource(Channel channel, List<String> attributes) {
    super(channel, ContentType.JSONLINES, TextBatch.class);
    this.attributes = List.copyOf(attributes);
  }

  /**
   * @param channel the manifest files
   * @param type the content type, whose {@link #ATTRIBUTE_NAMES} parameter names the attributes
   * @return the source
   */
  public static ManifestTextSource of(Channel channel, ContentType type) {
    String names = type.parameters().getOrDefault(ATTRIBUTE_NAMES, "source,label");
    return new ManifestTextSource(channel, List.of(names.split(",")).stream().map(String::strip)
        .filter(s -> !s.isEmpty()).toList());
  }

  @Override
  protected RecordReader<String> reader(Path file) throws IOException {
    AugmentedManifestReader r = new AugmentedManifestReader(file, attributes);
    String name = file.toString();
    return new RecordReader<>() {
      private long line;

      @Override
      public Optional<String> next() throws IOException {
        Optional<ManifestRecord> rec = r.next();
        if (rec.isEmpty()) {
          return Optional.empty();
        }
        ManifestRecord m = rec.get();
        line = m.line();
        if (m.isReference()) {
          throw new InvalidDataException(name, "line", line, "attribute \"" + m.sourceAttribute() + "\" refers to "
              + "an object; text manifests carry their text inline (\"source\")");
        }
        StringBuilder sb = new StringBuilder();
        for (var a : m.attributes().entrySet()) {
          JsonNode v = a.getValue();
          if (v.isArray()) {
            for (JsonNode x : v) {
              label(sb, x, a.getKey());
            }
          } else {
            label(sb, v, a.getKey());
          }
        }
        return Optional.of(sb.append(m.source()).toString());
      }

      private void label(StringBuilder sb, JsonNode v, String attribute) {
        String text;
        if (v.isIntegralNumber()) {
          text = v.asText();
        } else if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble())) {
          text = Long.toString((long) v.asDouble());
        } else if (v.isTextual() && !v.asText().isBlank() && v.asText().chars().noneMatch(Character::isWhitespace)) {
          text = v.asText();
        } else {
          throw new InvalidDataException(name, "line", line, "label attribute \"" + attribute + "\" must be an "
              + "integer, a word or an array of them, got " + v);
        }
        sb.append("__label__").append(text).append(' ');
      }

      @Override
      public long position() {
        return line;
      }

      @Override
      public void close() throws IOException {
        r.close();
      }
    };
  }

  @Override
  protected TextBatch batch(List<String> records, String origin, long firstRecord) {
    return new TextBatch(records, origin, firstRecord);
  }
}

package dev.sagemill.io.answer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.estimator.AnswerFormat;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.recordio.RecordIoProtobufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer shapes of SageMaker's first-party algorithms, for algorithms that define no {@link AnswerFormat} of
 * their own: {@code text/csv} (one line per answer, the outputs in order, vectors, lists and maps flattened, e.g.
 * {@code score,predicted_label} or k-means' {@code cluster,distance}), {@code application/json}
 * ({@code {"predictions": [...]}}, or another field: Random Cut Forest's {@code {"scores": [...]}}),
 * {@code application/jsonlines} (one object per line) and
 * {@code application/x-recordio-protobuf} (one record per answer with each numeric output a Float32 tensor in
 * {@code label}). Numbers that are whole print without a fraction in CSV; in JSON only {@code predicted_label}
 * does, as SageMaker's containers write it.
 *
 * <p>Immutable and thread-safe.
 */
public final class StandardAnswers implements AnswerFormat {
  /** The shapes with SageMaker's usual {@code predictions} field. */
  public static final StandardAnswers INSTANCE = new StandardAnswers("predictions");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES = List.of(ContentType.CSV, ContentType.JSON, ContentType.JSONLINES,
      ContentType.RECORDIO_PROTOBUF);

  private final String jsonField;

  private StandardAnswers(String jsonField) {
    this.jsonField = jsonField;
  }

  /**
   * @param jsonField the field of the JSON document that holds the answers
   * @return the shapes with that field
   */
  public static StandardAnswers withJsonField(String jsonField) {
    return jsonField.equals(INSTANCE.jsonField) ? INSTANCE : new StandardAnswers(jsonField);
  }

  @Override
  public List<String> mediaTypes() {
    return TYPES;
  }

  @Override
  public AnswerWriter open(String mediaType, Map<String, String> parameters, OutputStream out) throws IOException {
    return switch (mediaType) {
      case ContentType.CSV -> new TextWriter(out) {
        @Override
        void write(Prediction p) throws IOException {
          text.write(Answers.csvLine(p.asMap().values()));
          text.write('\n');
        }
      };
      case ContentType.JSONLINES -> new TextWriter(out) {
        @Override
        void write(Prediction p) throws IOException {
          text.write(JSON.writeValueAsString(jsonReady(p)));
          text.write('\n');
        }
      };
      case ContentType.JSON -> new JsonDocument(out, jsonField);
      case ContentType.RECORDIO_PROTOBUF -> new AnswerWriter() {
        private final RecordIoProtobufWriter protobuf = new RecordIoProtobufWriter(out);

        @Override
        public void write(List<Prediction> answers) throws IOException {
          for (Prediction p : answers) {
            protobuf.writeAnswer(p.asMap());
          }
        }

        @Override
        public void close() throws IOException {
          out.flush();
        }
      };
      default -> throw Answers.unsupported(mediaType, TYPES);
    };
  }

  /** {@code predicted_label} as a whole number where it is one, as SageMaker's JSON answers show it. */
  static Map<String, Object> jsonReady(Prediction p) {
    Map<String, Object> m = p.asMap();
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, k.equals("predicted_label") && v instanceof Double d && d == Math.rint(d)
        && Math.abs(d) < 1e15 ? (Object) (long) (double) d : v));
    return out;
  }

  /** A writer of one text line per answer. */
  private abstract static class TextWriter implements AnswerWriter {
    final Writer text;
    private final OutputStream out;

    TextWriter(OutputStream out) {
      this.out = out;
      this.text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    abstract void write(Prediction p) throws IOException;

    @Override
    public void write(List<Prediction> answers) throws IOException {
      for (Prediction p : answers) {
        write(p);
      }
    }

    @Override
    public void close() throws IOException {
      text.flush();
      out.flush();
    }
  }

  /** {@code {"<field>": [answer, ...]}}. */
  private static final class JsonDocument implements AnswerWriter {
    private final Writer text;
    private final OutputStream out;
    private final JsonGenerator array;

    JsonDocument(OutputStream out, String field) throws IOException {
      this.out = out;
      this.text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      this.array = JSON.getFactory().createGenerator(text);
      array.writeStartObject();
      array.writeArrayFieldStart(field);
    }

    @Override
    public void write(List<Prediction> answers) throws IOException {
      for (Prediction p : answers) {
        array.writeObject(jsonReady(p));
      }
    }

    @Override
    public void close() throws IOException {
      array.writeEndArray();
      array.writeEndObject();
      array.flush();
      text.write('\n');
      text.flush();
      out.flush();
    }
  }
}

package dev.sagemill.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.recordio.RecordIoProtobufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes inference answers in the shapes SageMaker's built-in algorithms answer with: {@code text/csv} (one line
 * per row, the outputs in order, vectors flattened: e.g. {@code score,predicted_label} or k-means'
 * {@code cluster,distance}), {@code application/json} ({@code {"predictions": [...]}}),
 * {@code application/jsonlines} (one object per line) and {@code application/x-recordio-protobuf} (one record per
 * row with each output a Float32 tensor in {@code label}). Not thread-safe.
 */
final class PredictionWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String accept;
  private final OutputStream out;
  private final Writer text;
  private JsonGenerator array;
  private final RecordIoProtobufWriter protobuf;

  PredictionWriter(String accept, OutputStream out) throws IOException {
    this.accept = ContentType.parse(accept).mediaType();
    this.out = out;
    this.text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    this.protobuf = this.accept.equals(ContentType.RECORDIO_PROTOBUF) ? new RecordIoProtobufWriter(out) : null;
    switch (this.accept) {
      case ContentType.CSV, ContentType.JSONLINES, ContentType.RECORDIO_PROTOBUF -> { }
      case ContentType.JSON -> {
        array = JSON.getFactory().createGenerator(text);
        array.writeStartObject();
        array.writeArrayFieldStart("predictions");
      }
      default -> throw new IllegalArgumentException("accept type " + accept + " is not supported; use text/csv,"
          + " application/json, application/jsonlines or application/x-recordio-protobuf");
    }
  }

  void write(List<Prediction> predictions) throws IOException {
    for (Prediction p : predictions) {
      Map<String, Object> m = p.asMap();
      switch (accept) {
        case ContentType.CSV -> {
          StringBuilder sb = new StringBuilder();
          for (Object v : m.values()) {
            if (v instanceof double[] a) {
              for (double x : a) {
                sb.append(sb.length() > 0 ? "," : "").append(number(x));
              }
            } else {
              sb.append(sb.length() > 0 ? "," : "").append(number((Double) v));
            }
          }
          text.write(sb.append('\n').toString());
        }
        case ContentType.JSONLINES -> {
          text.write(JSON.writeValueAsString(jsonReady(m)));
          text.write('\n');
        }
        case ContentType.JSON -> array.writeObject(jsonReady(m));
        default -> {
          text.flush();
          protobuf.writeAnswer(m);
        }
      }
    }
  }

  /** Whole numbers (labels, cluster ids) print without a fraction, as SageMaker's answers show them. */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static Map<String, Object> jsonReady(Map<String, Object> m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
        && k.equals("predicted_label") ? (Object) (long) (double) d : v));
    return out;
  }

  @Override
  public void close() throws IOException {
    if (array != null) {
      array.writeEndArray();
      array.writeEndObject();
      array.flush();
      text.write('\n');
    }
    text.flush();
    out.flush();
  }
}

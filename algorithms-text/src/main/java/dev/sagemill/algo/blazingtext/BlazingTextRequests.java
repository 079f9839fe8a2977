package dev.sagemill.algo.blazingtext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.RequestFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BlazingText's request shapes, as its SageMaker container reads them: {@code application/json}
 * {@code {"instances": ["sentence", ...], "configuration": {"k": 2}}} (for word2vec the instances are words), and
 * {@code application/jsonlines} with one {@code {"source": "sentence", "k": 2}} per line; consecutive lines with the
 * same {@code k} form one part. Anything else is an error naming the request and line.
 *
 * <p>Thread-safe: stateless.
 */
final class BlazingTextRequests implements RequestFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<String> mediaTypes() {
    return List.of("application/json", "application/jsonlines");
  }

  @Override
  public List<Part> read(String mediaType, InputStream body, String origin) throws IOException {
    return mediaType.equals("application/json") ? instances(body, origin) : jsonLines(body, origin);
  }

  private static JsonNode parse(String text, String origin, long line) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidDataException(origin, "line", line, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static List<Part> instances(InputStream body, String origin) throws IOException {
    JsonNode n = parse(new String(body.readAllBytes(), StandardCharsets.UTF_8), origin, 1);
    JsonNode inst = n.get("instances");
    if (!n.isObject() || inst == null || !inst.isArray()) {
      throw new InvalidDataException(origin + ": a JSON request must be {\"instances\": [\"text\", ...]} with an "
          + "optional \"configuration\": {\"k\": N}");
    }
    List<String> lines = new ArrayList<>(inst.size());
    for (int i = 0; i < inst.size(); i++) {
      if (!inst.get(i).isTextual()) {
        throw new InvalidDataException(origin + ": instances[" + i + "] must be a string, got " + inst.get(i));
      }
      lines.add(inst.get(i).asText());
    }
    Map<String, String> config = RequestFormat.configuration(n, origin);
    return List.of(new Part(new TextBatch(lines, origin, 1), config));
  }

  private static List<Part> jsonLines(InputStream body, String origin) throws IOException {
    List<Part> parts = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    Map<String, String> config = Map.of();
    long first = 1;
    long n = 0;
    BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    for (String text = r.readLine(); text != null; text = r.readLine()) {
      n++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode o = parse(text, origin, n);
      JsonNode src = o.get("source");
      if (!o.isObject() || src == null || !src.isTextual()) {
        throw new InvalidDataException(origin, "line", n, "must be {\"source\": \"text\"} with an optional \"k\"");
      }
      Map<String, String> c = o.has("k") ? Map.of("k", o.get("k").asText()) : Map.of();
      if (!c.equals(config) && !lines.isEmpty()) {
        parts.add(new Part(new TextBatch(lines, origin, first), config));
        lines = new ArrayList<>();
      }
      if (lines.isEmpty()) {
        first = n;
      }
      config = c;
      lines.add(src.asText());
    }
    if (!lines.isEmpty()) {
      parts.add(new Part(new TextBatch(lines, origin, first), config));
    }
    return parts;
  }
}

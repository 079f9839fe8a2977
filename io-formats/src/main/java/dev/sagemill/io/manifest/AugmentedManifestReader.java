package dev.sagemill.io.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.text.LineReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams an augmented manifest as SageMaker's Pipe mode does with {@code AttributeNames}: for each line, the
 * first named attribute is the data ({@code source-ref} or {@code source}) and the rest are passed along in order.
 * A line missing a named attribute is an error naming the file, line and attribute, never skipped.
 *
 * <p>Not thread-safe.
 */
public final class AugmentedManifestReader implements Closeable {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      // A second value after the first (on a JSON Lines line, or in a request) is an error, never dropped.
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final LineReader lines;
  private final String name;
  private final List<String> attributeNames;

  /**
   * @param file the manifest file
   * @param attributeNames SageMaker's {@code AttributeNames}: the data attribute first, then label attributes
   * @throws IOException if the file cannot be opened
   */
  public AugmentedManifestReader(Path file, List<String> attributeNames) throws IOException {
    if (attributeNames.isEmpty()) {
      throw new IllegalArgumentException("AttributeNames must name at least the data attribute");
    }
    this.lines = new LineReader(Inputs.open(file), 64 << 20);
    this.name = file.toString();
    this.attributeNames = List.copyOf(attributeNames);
  }

  /**
   * Reads the next record.
   *
   * @return the record, or empty at the end of the file
   * @throws IOException on an I/O failure
   * @throws InvalidDataException on invalid JSON or a missing attribute
   */
  public Optional<ManifestRecord> next() throws IOException {
    while (lines.next()) {
      if (lines.length() == 0) {
        continue;
      }
      JsonNode n;
      try {
        n = MAPPER.readTree(lines.bytes(), 0, lines.length());
      } catch (IOException e) {
        throw new InvalidDataException(name, "line", lines.lineNumber(), "not valid JSON");
      }
      if (n == null || !n.isObject()) {
        continue; // whitespace-only line
      }
      String sourceAttr = attributeNames.get(0);
      JsonNode src = n.get(sourceAttr);
      if (src == null || !src.isTextual()) {
        throw new InvalidDataException(name, "line", lines.lineNumber(), "attribute \"" + sourceAttr
            + "\" is missing or not a string; attributes present: " + fieldNames(n));
      }
      Map<String, JsonNode> attrs = new LinkedHashMap<>();
      for (String a : attributeNames.subList(1, attributeNames.size())) {
        JsonNode v = n.get(a);
        if (v == null) {
          throw new InvalidDataException(name, "line", lines.lineNumber(), "attribute \"" + a
              + "\" is missing; attributes present: " + fieldNames(n));
        }
        attrs.put(a, v);
      }
      return Optional.of(new ManifestRecord(lines.lineNumber(), sourceAttr, src.asText(), attrs));
    }
    return Optional.empty();
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}

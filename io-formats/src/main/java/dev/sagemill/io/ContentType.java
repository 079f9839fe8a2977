package dev.sagemill.io;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A MIME content type with parameters, e.g. {@code text/csv;label_size=0}, as SageMaker's
 * {@code ContentType} field and {@code inputdataconfig.json} carry it.
 *
 * @param mediaType the lowercase media type, e.g. {@code text/csv}
 * @param parameters the parameters, names lowercase
 */
public record ContentType(String mediaType, Map<String, String> parameters) {
  /** {@code text/csv}. */
  public static final String CSV = "text/csv";
  /** {@code text/libsvm}. */
  public static final String LIBSVM = "text/libsvm";
  /** {@code application/x-recordio-protobuf}. */
  public static final String RECORDIO_PROTOBUF = "application/x-recordio-protobuf";
  /** {@code application/x-parquet}. */
  public static final String PARQUET = "application/x-parquet";
  /** {@code application/jsonlines}. */
  public static final String JSONLINES = "application/jsonlines";
  /** {@code application/json}. */
  public static final String JSON = "application/json";
  /** {@code text/plain}: lines of text. */
  public static final String TEXT = "text/plain";

  /**
   * Validates and copies.
   *
   * @param mediaType the lowercase media type
   * @param parameters the parameters
   */
  public ContentType {
    Objects.requireNonNull(mediaType, "mediaType");
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
  }

  /**
   * Parses a content type. Aliases are normalised: {@code text/x-libsvm} → {@code text/libsvm},
   * {@code application/x-jsonlines} and {@code application/json-lines} → {@code application/jsonlines},
   * {@code application/x-protobuf} → {@code application/x-recordio-protobuf}.
   *
   * @param text e.g. {@code "text/csv; label_size=0"}
   * @return the content type
   * @throws IllegalArgumentException if a parameter is malformed
   */
  public static ContentType parse(String text) {
    String[] parts = text.split(";");
    String media = parts[0].trim().toLowerCase(Locale.ROOT);
    media = switch (media) {
      case "text/x-libsvm" -> LIBSVM;
      case "application/x-jsonlines", "application/json-lines", "application/jsonl" -> JSONLINES;
      case "application/x-protobuf", "application/recordio-protobuf" -> RECORDIO_PROTOBUF;
      case "application/parquet" -> PARQUET;
      default -> media;
    };
    Map<String, String> params = new TreeMap<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("content type \"" + text + "\": parameter \"" + p + "\" is not name=value");
      }
      params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
    }
    return new ContentType(media, params);
  }

  /**
   * The content type SageMaker would assume for a file name, ignoring a trailing {@code .gz}.
   *
   * @param fileName a file name
   * @return the inferred type, or empty if the extension is not known
   */
  public static Optional<ContentType> fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    String media = null;
    if (n.endsWith(".csv")) {
      media = CSV;
    } else if (n.endsWith(".libsvm") || n.endsWith(".svm") || n.endsWith(".svmlight")) {
      media = LIBSVM;
    } else if (n.endsWith(".rec") || n.endsWith(".recordio") || n.endsWith(".pbr") || n.endsWith(".protobuf")) {
      media = RECORDIO_PROTOBUF;
    } else if (n.endsWith(".parquet")) {
      media = PARQUET;
    } else if (n.endsWith(".jsonl") || n.endsWith(".jsonlines") || n.endsWith(".json")) {
      media = JSONLINES;
    } else if (n.endsWith(".txt") || n.endsWith(".text")) {
      media = TEXT;
    }
    return Optional.ofNullable(media).map(m -> new ContentType(m, Map.of()));
  }

  /**
   * An integer parameter.
   *
   * @param name parameter name
   * @param defaultValue value when absent
   * @return the value
   * @throws IllegalArgumentException if present but not an integer
   */
  public int intParameter(String name, int defaultValue) {
    String v = parameters.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("content type " + this + ": " + name + " must be an integer, got \"" + v + "\"");
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(mediaType);
    parameters.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
    return sb.toString();
  }
}

package dev.sagemill.core.estimator;

import dev.sagemill.core.data.Batch;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads inference requests in an algorithm's own request shapes, as its SageMaker container takes them:
 * BlazingText's {@code {"instances": [...], "configuration": {"k": 2}}} JSON and {@code {"source": ..., "k": 2}}
 * JSON Lines, DeepAR's {@code {"instances": [...], "configuration": {...}}}. Each part of a request is a batch of
 * the model's records with the configuration it carries, which the provider applies through
 * {@link AlgorithmProvider#answering(Model, AnswerRequest)} (as {@link AnswerRequest#configuration()}).
 *
 * <p>Stateless and thread-safe.
 */
public interface RequestFormat {
  /** @return the media types read, e.g. {@code application/json} */
  List<String> mediaTypes();

  /**
   * Parses one request body.
   *
   * @param mediaType one of {@link #mediaTypes()}
   * @param body the bytes
   * @param origin the request's name, for messages (a file, "request body")
   * @return the parts, in order
   * @throws IOException if reading fails
   * @throws dev.sagemill.core.error.InvalidDataException on a malformed request, naming the origin and line
   */
  List<Part> read(String mediaType, InputStream body, String origin) throws IOException;

  /**
   * The {@code configuration} object of a JSON request ({@code {"instances": [...], "configuration": {...}}}) as
   * strings: text values as they are, other values (numbers, lists) as their JSON.
   *
   * @param request the parsed request
   * @param origin the request's name, for messages
   * @return the configuration, sorted by key; empty when the request has none
   * @throws dev.sagemill.core.error.InvalidDataException if {@code configuration} is not an object
   */
  static Map<String, String> configuration(com.fasterxml.jackson.databind.JsonNode request, String origin) {
    Map<String, String> config = new java.util.TreeMap<>();
    com.fasterxml.jackson.databind.JsonNode c = request.get("configuration");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new dev.sagemill.core.error.InvalidDataException(origin + ": \"configuration\" must be an object, got "
            + c);
      }
      c.properties().forEach(e -> config.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText()
          : e.getValue().toString()));
    }
    return config;
  }

  /**
   * Records that share one configuration.
   *
   * @param records the records
   * @param configuration what the request asks of their answers (BlazingText's {@code k}), as strings
   */
  record Part(Batch records, Map<String, String> configuration) {
    /**
     * Copies the map.
     *
     * @param records the records
     * @param configuration the configuration
     */
    public Part {
      Objects.requireNonNull(records, "records");
      configuration = Map.copyOf(configuration);
    }
  }
}

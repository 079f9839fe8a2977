package dev.sagemill.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The hyperparameter flags of the commands that build a model ({@code train}, {@code stream}): {@code --hp
 * NAME=VALUE} (each name once) over a {@code --hyperparameters} file, SageMaker's {@code hyperparameters.json}.
 */
final class HyperparameterOptions {
  // A second value after the first is an error, never dropped.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Option(names = "--hp", paramLabel = "NAME=VALUE", description = "A hyperparameter, SageMaker name and string "
      + "value; repeatable (each name once). Overrides --hyperparameters.")
  List<String> flags = new ArrayList<>();

  @Option(names = "--hyperparameters", paramLabel = "FILE", description = "A hyperparameters.json file.")
  Path file;

  /**
   * @return the file's hyperparameters overridden by the flags
   * @throws IOException if the named file is missing or unreadable
   * @throws IllegalArgumentException if the file is not a JSON object or a flag is malformed or repeated
   */
  Map<String, String> values() throws IOException {
    return withFlags(read(file, true));
  }

  /**
   * @param base hyperparameters from elsewhere (the container layout's file)
   * @return them overridden by the flags
   */
  Map<String, String> withFlags(Map<String, String> base) {
    Map<String, String> m = new LinkedHashMap<>(base);
    Map<String, String> given = new LinkedHashMap<>();
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--hp " + flag + ": expected NAME=VALUE");
      }
      String name = flag.substring(0, eq);
      String previous = given.putIfAbsent(name, flag.substring(eq + 1));
      if (previous != null) { // refused rather than silently keeping the last value
        throw new IllegalArgumentException("--hp " + name + " is given twice (" + previous + " and "
            + flag.substring(eq + 1) + ")");
      }
    }
    m.putAll(given);
    return m;
  }

  /**
   * @return whether any hyperparameter was given on the command line
   */
  boolean given() {
    return !flags.isEmpty() || file != null;
  }

  /**
   * Reads a {@code hyperparameters.json}: SageMaker passes every value as a string; numbers and booleans written by
   * hand are accepted too.
   *
   * @param file the file, or null
   * @param mustExist whether a missing file is an error (a file named on the command line) rather than no
   *     hyperparameters (the container layout's optional file)
   * @return the hyperparameters, in the file's order
   * @throws IOException if the file cannot be read
   */
  static Map<String, String> read(Path file, boolean mustExist) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    if (file == null || (!mustExist && !Files.exists(file))) {
      return m;
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (--hyperparameters): no such file");
    }
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(file + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr()
          + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage(), e);
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(file + " must hold a JSON object of hyperparameters");
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return m;
  }
}

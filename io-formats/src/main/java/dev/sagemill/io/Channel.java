package dev.sagemill.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The files of one SageMaker input channel ({@code train}, {@code validation}, ...): a single file, or every
 * regular file below a folder in lexicographic path order, hidden files (names starting with {@code .}) and
 * marker files ({@code _SUCCESS}, names starting with {@code _}) excluded, as S3 prefixes behave.
 *
 * <p>A file named {@value #CATEGORICAL_INDEX} is not data: it lists the categorical columns, as SageMaker's LightGBM
 * and CatBoost read it ({@code {"cat_index_list": [1, 4]}}: CSV column indices, 0 being the label, so every value
 * is at least 1). It is parsed and checked here and exposed by {@link #categoricalColumns()}.
 *
 * <p>{@link #shard(int, int)} gives one worker its files the way SageMaker's {@code ShardedByS3Key} distributes
 * objects; {@code FullyReplicated} is the channel itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class Channel {
  /** The name of the file listing categorical columns. */
  public static final String CATEGORICAL_INDEX = "categorical_index.json";

  private final String name;
  private final List<Path> files;
  private final int[] categoricalColumns;

  private Channel(String name, List<Path> files, int[] categoricalColumns) {
    this.name = name;
    this.files = List.copyOf(files);
    this.categoricalColumns = categoricalColumns;
  }

  /**
   * The channel at a path.
   *
   * @param path a file or a folder
   * @return the channel
   * @throws IOException if the path does not exist or cannot be listed
   */
  public static Channel of(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(path.toString(), null, "channel path does not exist");
    }
    if (Files.isRegularFile(path)) {
      return new Channel(path.toString(), List.of(path), null);
    }
    List<Path> files = new ArrayList<>();
    List<Path> indexFiles = new ArrayList<>();
    try (Stream<Path> s = Files.walk(path)) {
      s.filter(Files::isRegularFile)
          .filter(p -> {
            for (Path part : path.relativize(p)) {
              String n = part.toString();
              if (n.startsWith(".") || n.startsWith("_")) {
                return false;
              }
            }
            return true;
          })
          .sorted()
          .forEach(p -> (p.getFileName().toString().equals(CATEGORICAL_INDEX) ? indexFiles : files).add(p));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (indexFiles.size() > 1) {
      throw new InvalidDataException("channel " + path + " holds " + indexFiles.size() + " " + CATEGORICAL_INDEX
          + " files (" + indexFiles + "); SageMaker allows one");
    }
    return new Channel(path.toString(), files, indexFiles.isEmpty() ? null : readCategoricalIndex(indexFiles.get(0)));
  }

  private static int[] readCategoricalIndex(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidDataException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root == null ? null : root.get("cat_index_list");
    if (list == null || !list.isArray()) {
      throw new InvalidDataException(file + ": expected {\"cat_index_list\": [column, ...]}, got " + root);
    }
    int[] cols = new int[list.size()];
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < cols.length; i++) {
      JsonNode v = list.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
        throw new InvalidDataException(file + ": cat_index_list[" + i + "] must be an integer >= 1 (column 0 is the"
            + " label), got " + v);
      }
      if (!seen.add(v.asInt())) {
        throw new InvalidDataException(file + ": column " + v.asInt() + " is listed twice in cat_index_list");
      }
      cols[i] = v.asInt();
    }
    java.util.Arrays.sort(cols);
    return cols;
  }

  /**
   * The categorical columns listed by the channel's {@value #CATEGORICAL_INDEX}, as CSV column indices (the label
   * is column 0), sorted.
   *
   * @return the columns, if the channel has such a file
   */
  public java.util.Optional<int[]> categoricalColumns() {
    return java.util.Optional.ofNullable(categoricalColumns).map(int[]::clone);
  }

  /**
   * A channel of explicit files, in the given order.
   *
   * @param name a name for messages
   * @param files the files
   * @return the channel
   */
  public static Channel ofFiles(String name, List<Path> files) {
    return new Channel(name, files, null);
  }

  /** @return the channel's name (its path) */
  public String name() {
    return name;
  }

  /** @return the files, in reading order */
  public List<Path> files() {
    return files;
  }

  /**
   * The files worker {@code worker} of {@code workers} reads under {@code ShardedByS3Key}: file {@code i} goes
   * to worker {@code i mod workers}.
   *
   * @param worker the 0-based worker index
   * @param workers the number of workers
   * @return this worker's channel (possibly empty)
   */
  public Channel shard(int worker, int workers) {
    if (workers < 1 || worker < 0 || worker >= workers) {
      throw new IllegalArgumentException("worker must be in [0, workers) and workers >= 1, got worker " + worker
          + " of " + workers);
    }
    List<Path> mine = new ArrayList<>();
    for (int i = worker; i < files.size(); i += workers) {
      mine.add(files.get(i));
    }
    return new Channel(name + " (shard " + worker + "/" + workers + ")", mine, categoricalColumns);
  }
}

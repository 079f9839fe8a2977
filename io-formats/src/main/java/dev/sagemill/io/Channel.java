package dev.sagemill.io;

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
 * <p>{@link #shard(int, int)} gives one worker its files the way SageMaker's {@code ShardedByS3Key} distributes
 * objects; {@code FullyReplicated} is the channel itself.
 *
 * <p>Immutable and thread-safe.
 */
public final class Channel {
  private final String name;
  private final List<Path> files;

  private Channel(String name, List<Path> files) {
    this.name = name;
    this.files = List.copyOf(files);
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
      return new Channel(path.toString(), List.of(path));
    }
    List<Path> files = new ArrayList<>();
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
          .forEach(files::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Channel(path.toString(), files);
  }

  /**
   * A channel of explicit files, in the given order.
   *
   * @param name a name for messages
   * @param files the files
   * @return the channel
   */
  public static Channel ofFiles(String name, List<Path> files) {
    return new Channel(name, files);
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
    return new Channel(name + " (shard " + worker + "/" + workers + ")", mine);
  }
}

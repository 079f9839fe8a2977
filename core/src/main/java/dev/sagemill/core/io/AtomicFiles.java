package dev.sagemill.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader never sees a partial one: the content goes to a temporary file in the same folder,
 * which is flushed to disk and then renamed over the target. On failure the temporary file is removed and the old
 * target, if any, is left untouched. The file gets the permissions the process's umask gives a new file (as any
 * other program's output), not the owner-only ones of {@link Files#createTempFile}.
 *
 * <p>Thread-safe: stateless.
 */
public final class AtomicFiles {
  /** Writes content to a stream. */
  @FunctionalInterface
  public interface Content {
    /**
     * @param out the stream to write to (do not close it)
     * @throws IOException on failure
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Atomically replaces {@code target} with the content.
   *
   * @param target the file to write
   * @param content what to write
   * @throws IOException on failure; then {@code target} is unchanged
   */
  public static void write(Path target, Content content) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = createTemporary(dir, abs.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * A new empty file beside the target, created with the default (umask) permissions and named after this process
   * ({@code .<target>.<pid>.<random>.tmp}), after removing the temporary files that processes no longer running left
   * for the same target (a {@code kill -9} during a write cannot run the cleanup below).
   */
  private static Path createTemporary(Path dir, String name) throws IOException {
    removeOrphans(dir, name);
    long pid = ProcessHandle.current().pid();
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + pid + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /** Deletes {@code .<name>.<pid>.<random>.tmp} files whose process has ended. */
  private static void removeOrphans(Path dir, String name) throws IOException {
    String prefix = "." + name + ".";
    try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> {
      String n = f.getFileName().toString();
      return n.startsWith(prefix) && n.endsWith(".tmp");
    })) {
      for (Path f : files) {
        String[] parts = f.getFileName().toString().substring(prefix.length()).split("\\.");
        if (parts.length == 3) {
          try {
            long pid = Long.parseLong(parts[0]);
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
              Files.deleteIfExists(f);
            }
          } catch (NumberFormatException e) {
            // not one of ours: leave it
          }
        }
      }
    }
  }
}

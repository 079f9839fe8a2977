package dev.sagemill.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens channel files, transparently decompressing gzip (detected by its magic bytes, not the name). Thread-safe. */
public final class Inputs {
  private Inputs() {}

  /**
   * Opens a file for reading.
   *
   * @param file the file
   * @return a buffered stream of its (decompressed) bytes
   * @throws IOException if it cannot be opened
   */
  public static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return raw;
  }
}

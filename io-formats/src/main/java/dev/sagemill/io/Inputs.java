package dev.sagemill.io;

import dev.sagemill.core.error.InvalidDataException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens channel files, transparently decompressing gzip (detected by its magic bytes, not the name). A damaged
 * gzip stream (truncated, bad CRC, not deflate data) is an {@link InvalidDataException} naming the file, rather than
 * the decompressor's bare "Unexpected end of ZLIB input stream". Thread-safe.
 */
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
      String name = file.toString();
      InputStream gzip;
      try {
        gzip = new GZIPInputStream(raw, 1 << 16);
      } catch (IOException e) {
        raw.close();
        throw damaged(name, e);
      }
      return new BufferedInputStream(new FilterInputStream(gzip) {
        @Override
        public int read() throws IOException {
          try {
            return super.read();
          } catch (IOException e) {
            throw damaged(name, e);
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (IOException e) {
            throw damaged(name, e);
          }
        }
      }, 1 << 16);
    }
    return raw;
  }

  private static InvalidDataException damaged(String file, IOException cause) {
    InvalidDataException e = new InvalidDataException(file + ": damaged gzip data (truncated or altered): "
        + cause.getMessage());
    e.initCause(cause);
    return e;
  }
}

package dev.sagemill.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads one regular file out of a gzip-compressed tar archive, such as the {@code model.tar.gz} of a SageMaker
 * training job. Only what those archives use is understood (ustar and GNU headers, regular files, names up to 100
 * bytes plus the ustar prefix); a malformed header fails with a message naming the archive.
 *
 * <p>Stateless and thread-safe.
 */
public final class TarGz {
  private static final int BLOCK = 512;
  /** The largest entry read into memory. */
  private static final long MAX_ENTRY = Integer.MAX_VALUE - 8;

  private TarGz() {}

  /**
   * @param archive the {@code .tar.gz} file
   * @param entry the entry's name ({@code model_algo-1}); a leading {@code ./} in the archive is ignored
   * @return the entry's bytes, or empty when the archive has no such regular file
   * @throws IOException if reading fails
   * @throws CorruptModelException if a header is malformed or the archive is truncated
   */
  public static Optional<byte[]> read(Path archive, String entry) throws IOException {
    try {
      return find(archive, entry);
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      // The gzip layer's own reports (a short header, a bad CRC) name neither the file nor, often, the problem.
      throw new CorruptModelException(archive + ": not a complete gzip-compressed tar archive ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }

  private static Optional<byte[]> find(Path archive, String entry) throws IOException {
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      byte[] header = new byte[BLOCK];
      while (true) {
        if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
          throw new CorruptModelException(archive + ": truncated tar archive (no end-of-archive block)");
        }
        if (isZero(header)) {
          return Optional.empty();
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty() && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
          name = prefix + "/" + name;
        }
        long size = octal(header, 124, 12, archive);
        char type = (char) header[156];
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        String plain = name.startsWith("./") ? name.substring(2) : name;
        if ((type == '0' || type == '\0') && plain.equals(entry)) {
          if (size > MAX_ENTRY) {
            throw new CorruptModelException(archive + ": entry " + entry + " has " + size + " bytes");
          }
          // The entry is read whole; a size beyond half the heap (a compression bomb, or a model too large for
          // this JVM) is refused before the allocation rather than ending in OutOfMemoryError.
          long heap = Runtime.getRuntime().maxMemory();
          if (size > heap / 2) {
            throw new CorruptModelException(archive + ": entry " + entry + " declares " + size + " bytes, more than "
                + "half of this JVM's " + (heap >> 20) + " MB heap; raise -Xmx to read it");
          }
          byte[] data = in.readNBytes((int) size);
          if (data.length < size) {
            throw new CorruptModelException(archive + ": entry " + entry + " is truncated");
          }
          return Optional.of(data);
        }
        for (long left = padded; left > 0; ) {
          long skipped = in.skip(left);
          if (skipped > 0) {
            left -= skipped;
          } else if (in.read() >= 0) {
            left--;
          } else {
            throw new CorruptModelException(archive + ": truncated tar archive in entry " + name);
          }
        }
      }
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len, Path archive) throws CorruptModelException {
    long v = 0;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == 0 || c == ' ') {
        if (v > 0 || i > off) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        throw new CorruptModelException(archive + ": malformed tar header (size field)");
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }
}

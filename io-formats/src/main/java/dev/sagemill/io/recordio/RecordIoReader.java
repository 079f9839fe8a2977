package dev.sagemill.io.recordio;

import dev.sagemill.core.error.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads RecordIO framing: each record is a little-endian uint32 magic {@value #MAGIC_HEX}, a little-endian uint32
 * whose low 29 bits are the payload length and top 3 bits the continuation flag, the payload, and zero padding to
 * a multiple of 4 bytes. Records split by a DMLC writer (flag 1 = first part, 2 = middle, 3 = last) are rejoined
 * with the magic re-inserted between parts, as DMLC's reader does.
 *
 * <p>A declared length above the configured bound is refused before anything is allocated, and a payload cut
 * short by the end of the file is an error naming the record.
 *
 * <p>Not thread-safe.
 */
public final class RecordIoReader implements Closeable {
  /** The RecordIO magic number. */
  public static final int MAGIC = 0xCED7230A;
  static final String MAGIC_HEX = "0xCED7230A";
  /** The largest payload RecordIO can express: 2^29 - 1 bytes. */
  public static final int MAX_LENGTH = (1 << 29) - 1;

  private final InputStream in;
  private final String name;
  private final int maxRecordBytes;
  private long record;
  private long offset;
  private final byte[] header = new byte[8];

  /**
   * @param in the stream (closed by {@link #close()})
   * @param name the file name for messages
   * @param maxRecordBytes the largest record accepted, at most {@link #MAX_LENGTH}
   */
  public RecordIoReader(InputStream in, String name, int maxRecordBytes) {
    this.in = in;
    this.name = name;
    this.maxRecordBytes = Math.min(maxRecordBytes, MAX_LENGTH);
  }

  /** @return the 1-based number of the record read last */
  public long recordNumber() {
    return record;
  }

  private InvalidDataException bad(String reason) {
    return new InvalidDataException(name, "record", record, reason + " (at byte offset " + offset + ")");
  }

  /**
   * Reads the next record's payload.
   *
   * @return the payload, or empty at a clean end of the file
   * @throws IOException on an I/O failure
   * @throws InvalidDataException on bad magic, a truncated record or an oversized length
   */
  public Optional<byte[]> next() throws IOException {
    record++;
    ByteArrayOutputStream joined = null;
    while (true) {
      int got = in.readNBytes(header, 0, 8);
      if (got == 0 && joined == null) {
        record--;
        return Optional.empty();
      }
      if (got < 8) {
        throw bad("file ends inside a record header (" + got + " of 8 bytes)");
      }
      int magic = le(header, 0);
      if (magic != MAGIC) {
        throw bad(String.format(java.util.Locale.ROOT, "bad magic 0x%08X, expected %s; not RecordIO data, or"
            + " the file is corrupt", magic, MAGIC_HEX));
      }
      int lrec = le(header, 4);
      int cflag = lrec >>> 29;
      int length = lrec & MAX_LENGTH;
      long total = (joined == null ? 0 : joined.size()) + (long) length;
      if (total > maxRecordBytes) {
        throw bad("declared length " + total + " bytes is above the " + maxRecordBytes + "-byte limit");
      }
      byte[] payload = in.readNBytes(length);
      if (payload.length < length) {
        throw bad("declared length " + length + " bytes, but the file ends after " + payload.length);
      }
      int pad = (4 - (length & 3)) & 3;
      skipPadding(pad);
      offset += 8 + length + pad;
      if (cflag == 0 && joined == null) {
        return Optional.of(payload);
      }
      if (cflag == 1 && joined == null) {
        joined = new ByteArrayOutputStream(length * 2);
        joined.write(payload);
        continue;
      }
      if ((cflag == 2 || cflag == 3) && joined != null) {
        joined.write(header, 0, 4); // the magic word the writer removed at the split point
        joined.write(payload);
        if (cflag == 3) {
          return Optional.of(joined.toByteArray());
        }
        continue;
      }
      throw bad("continuation flag " + cflag + (joined == null ? " without a first part" : " inside a split record"));
    }
  }

  /** Padding may be missing after the very last record; no data is lost then, so that is accepted. */
  private void skipPadding(int pad) throws IOException {
    for (int i = 0; i < pad && in.read() >= 0; i++) {
      // discard
    }
  }

  private static int le(byte[] b, int o) {
    return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

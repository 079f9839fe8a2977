package dev.sagemill.io.recordio;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes RecordIO framing as the SageMaker Python SDK does: magic, length with continuation flag 0, payload, zero
 * padding to 4 bytes. Payloads are never split, so any RecordIO reader, the SDK's included, reads the output.
 *
 * <p>Not thread-safe.
 */
public final class RecordIoWriter {
  private static final byte[] ZEROS = new byte[3];
  private final OutputStream out;
  private final byte[] header = new byte[8];

  /**
   * @param out where to write (not closed by this writer)
   */
  public RecordIoWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes one record.
   *
   * @param payload the record bytes, shorter than 2^29
   * @throws IOException on failure
   */
  public void write(byte[] payload) throws IOException {
    if (payload.length > RecordIoReader.MAX_LENGTH) {
      throw new IllegalArgumentException("a RecordIO record holds at most " + RecordIoReader.MAX_LENGTH
          + " bytes, got " + payload.length);
    }
    putLe(header, 0, RecordIoReader.MAGIC);
    putLe(header, 4, payload.length);
    out.write(header);
    out.write(payload);
    out.write(ZEROS, 0, (4 - (payload.length & 3)) & 3);
  }

  private static void putLe(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
    b[o + 2] = (byte) (v >>> 16);
    b[o + 3] = (byte) (v >>> 24);
  }
}

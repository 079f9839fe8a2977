package dev.sagemill.io.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines of bytes from a stream: {@code \n}, {@code \r\n} and lone {@code \r} end a line, a UTF-8 byte-order
 * mark at the start is skipped, and the last line need not end with a newline. The line's bytes are exposed in a
 * reused buffer, so reading allocates nothing per line.
 *
 * <p>Not thread-safe.
 */
public final class LineReader implements Closeable {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int length;
  private long lineNumber;
  private boolean eof;
  private boolean first = true;
  private final int maxLineBytes;

  /**
   * @param in the stream (closed by {@link #close()})
   * @param maxLineBytes the longest line accepted; longer lines are an error rather than unbounded memory
   */
  public LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    limit = in.read(buf, 0, buf.length);
    pos = 0;
    if (limit <= 0) {
      limit = 0;
      eof = true;
      return false;
    }
    return true;
  }

  /**
   * Reads the next line.
   *
   * @return true if a line was read, false at the end of the stream
   * @throws IOException on an I/O failure, or a line longer than the limit
   */
  public boolean next() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (pos >= limit && !fill()) {
        if (any) {
          lineNumber++;
          return true;
        }
        return false;
      }
      if (first) {
        first = false;
        if (limit - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB
            && (buf[pos + 2] & 0xff) == 0xBF) {
          pos += 3;
          continue;
        }
      }
      int start = pos;
      while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      append(start, pos);
      any = true;
      if (pos < limit) {
        byte terminator = buf[pos++];
        if (terminator == '\r') {
          if (pos >= limit) {
            fill();
          }
          if (pos < limit && buf[pos] == '\n') {
            pos++;
          }
        }
        lineNumber++;
        return true;
      }
    }
  }

  private void append(int from, int to) throws IOException {
    int n = to - from;
    if (length + n > maxLineBytes) {
      throw new IOException("line " + (lineNumber + 1) + " is longer than " + maxLineBytes + " bytes");
    }
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    }
    System.arraycopy(buf, from, line, length, n);
    length += n;
  }

  /** @return the buffer holding the current line (valid until the next call to {@link #next()}) */
  public byte[] bytes() {
    return line;
  }

  /** @return the current line's length in bytes */
  public int length() {
    return length;
  }

  /** @return the 1-based number of the current line */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

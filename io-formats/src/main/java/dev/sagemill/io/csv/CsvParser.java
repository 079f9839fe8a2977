package dev.sagemill.io.csv;

import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.text.FastFloat;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits CSV bytes into rows of numbers (RFC 4180: {@code ,} separates fields, {@code "..."} quotes them with
 * {@code ""} as an escaped quote, and a quoted field may span lines). Blank lines hold no row and are passed over.
 * Surrounding spaces are trimmed; an empty field is {@code NaN} (missing). Allocates nothing per row.
 *
 * <p>Not thread-safe.
 */
final class CsvParser implements Closeable {
  private static final int MAX_FIELD_BYTES = 1 << 20;
  /**
   * The most columns a row may have (about a million): a wider line is refused rather than growing the row's
   * values without bound (a 50 MB line of 26 million empty cells would take 100 MB).
   */
  static final int MAX_COLUMNS = 1 << 20;

  private final InputStream in;
  private final String name;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean atStart = true;
  private byte[] field = new byte[64];
  private float[] values = new float[64];
  private int count;
  private long line = 1;
  private long rowLine;
  /** Which of the current row's first 64 columns were empty (bit i: column i), so messages tell them from NaN. */
  private long emptyCells;
  private final boolean refuseBlankLines;

  CsvParser(InputStream in, String name) {
    this(in, name, false);
  }

  /**
   * @param in the bytes
   * @param name the file, for messages
   * @param refuseBlankLines whether a blank line before a row is an error (inference input, whose answers must line
   *     up with its lines) rather than skipped; blank lines at the end are always allowed
   */
  CsvParser(InputStream in, String name, boolean refuseBlankLines) {
    this.in = in;
    this.name = name;
    this.refuseBlankLines = refuseBlankLines;
  }

  private int read() throws IOException {
    if (pos >= limit) {
      if (eof) {
        return -1;
      }
      limit = in.read(buf, 0, buf.length);
      pos = 0;
      if (limit <= 0) {
        limit = 0;
        eof = true;
        return -1;
      }
      if (atStart) {
        atStart = false;
        if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
          pos = 3;
          return read();
        }
      }
    }
    // Unsigned: a 0xFF byte must not read as -1, the end of the input (it would split the line in two).
    return buf[pos++] & 0xFF;
  }

  private void unread() {
    pos--;
  }

  /**
   * Parses the next non-blank row.
   *
   * @return false at the end of the input
   * @throws IOException on an I/O failure
   * @throws InvalidDataException on a non-numeric cell or an unterminated quote
   */
  boolean nextRow() throws IOException {
    emptyCells = 0;
    long firstBlank = -1;
    while (true) {
      int c = read();
      if (c == -1) {
        return false;
      }
      if (c == '\n') {
        firstBlank = firstBlank < 0 ? line : firstBlank;
        line++;
        continue;
      }
      if (c == '\r') {
        int d = read();
        if (d != '\n' && d != -1) {
          unread();
        }
        firstBlank = firstBlank < 0 ? line : firstBlank;
        line++;
        continue;
      }
      unread();
      break;
    }
    if (refuseBlankLines && firstBlank >= 0) {
      throw new InvalidDataException(name, "line", firstBlank, "is empty: every line of an inference request is one "
          + "row, so that the answers line up with the lines");
    }
    rowLine = line;
    count = 0;
    while (true) {
      int c;
      int end = plainFieldEnd();
      if (end >= 0) { // the common case: an unquoted field wholly in the buffer, parsed where it lies
        int from = pos;
        while (from < end && (buf[from] == ' ' || buf[from] == '\t')) {
          from++;
        }
        int to = end;
        while (to > from && isSpace(buf[to - 1])) {
          to--;
        }
        addValue(buf, from, to, false);
        c = buf[end];
        pos = end + 1;
      } else {
        c = slowField();
      }
      if (c == ',') {
        continue;
      }
      if (c == '\r') {
        int d = read();
        if (d != '\n' && d != -1) {
          unread();
        }
      }
      if (c != -1) {
        line++;
      }
      return true;
    }
  }

  /**
   * @return the position of the delimiter ({@code ,}, CR or LF) that ends the field at {@code pos} when that field
   *     lies wholly in the buffer and holds no quote; otherwise -1
   */
  private int plainFieldEnd() {
    byte[] b = buf;
    for (int i = pos; i < limit; i++) {
      byte ch = b[i];
      if (ch == ',' || ch == '\n' || ch == '\r') {
        return i;
      }
      if (ch == '"') {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Reads one field byte by byte (quoted, spanning buffers) and adds its value.
   *
   * @return the character that ended it: {@code ,}, CR, LF or -1 at the end of the input
   */
  private int slowField() throws IOException {
    int len = 0;
    boolean quoted = false;
    int c = read();
    // leading spaces
    while (c == ' ' || c == '\t') {
      c = read();
    }
    if (c == '"') {
      quoted = true;
      while (true) {
        c = read();
        if (c == -1) {
          throw new InvalidDataException(name, "line", rowLine, "quoted field in column " + (count + 1)
              + " is not closed before the end of the file");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            len = put(len, (byte) '"');
            continue;
          }
          if (d != -1) {
            unread();
          }
          break;
        }
        if (c == '\n') {
          line++;
        }
        len = put(len, (byte) c);
      }
      c = read();
      while (c == ' ' || c == '\t') {
        c = read();
      }
      if (c != ',' && c != '\n' && c != '\r' && c != -1) {
        throw new InvalidDataException(name, "line", rowLine, "unexpected character '" + (char) c
            + "' after the closing quote of column " + (count + 1));
      }
    } else {
      while (c != ',' && c != '\n' && c != '\r' && c != -1) {
        len = put(len, (byte) c);
        c = read();
      }
    }
    int from = 0;
    if (quoted) { // a quoted number may carry whitespace, even line breaks, inside its quotes
      while (from < len && isSpace(field[from])) {
        from++;
      }
    }
    while (len > from && isSpace(field[len - 1])) {
      len--;
    }
    addValue(field, from, len, quoted);
    return c;
  }

  private int put(int len, byte b) {
    if (len == field.length) {
      if (len >= MAX_FIELD_BYTES) {
        throw new InvalidDataException(name, "line", rowLine, "column " + (count + 1) + " is longer than "
            + MAX_FIELD_BYTES + " bytes");
      }
      field = Arrays.copyOf(field, len * 2);
    }
    field[len] = b;
    return len + 1;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private void addValue(byte[] src, int from, int len, boolean quoted) {
    if (count == values.length) {
      if (count >= MAX_COLUMNS) {
        throw new InvalidDataException(name, "line", rowLine, "has more than " + MAX_COLUMNS + " columns");
      }
      values = Arrays.copyOf(values, count * 2);
    }
    float v;
    if (len == from) {
      v = Float.NaN;
      if (count < 64) {
        emptyCells |= 1L << count;
      }
    } else {
      try {
        v = FastFloat.parse(src, from, len);
      } catch (NumberFormatException e) {
        String text = new String(src, from, Math.min(len - from, 80), StandardCharsets.UTF_8);
        throw new InvalidDataException(name, "line", rowLine, "column " + (count + 1) + " is not a number: \""
            + text + "\"" + (quoted ? " (quoted)" : "")
            + (rowLine == 1 && count == 0 ? "; SageMaker's text/csv has no header row: remove it" : ""));
      }
    }
    values[count++] = v;
  }

  /** @return the fields of the current row, valid until the next {@link #nextRow()} */
  float[] values() {
    return values;
  }

  /**
   * @param column a 0-based column of the current row, below 64
   * @return whether it was an empty cell (rather than a written NaN)
   */
  boolean isEmpty(int column) {
    return column < 64 && (emptyCells & (1L << column)) != 0;
  }

  /** @return the number of fields in the current row */
  int count() {
    return count;
  }

  /** @return the 1-based line number where the current row starts */
  long rowLine() {
    return rowLine;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

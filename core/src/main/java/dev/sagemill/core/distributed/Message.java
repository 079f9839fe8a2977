package dev.sagemill.core.distributed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes and reads the bytes of sharded-fit messages and answers: a tag, then ints, longs, doubles and length-prefixed
 * arrays in the order the algorithm chose (big-endian, as {@link DataOutputStream} writes them). Messages are made
 * and read by the same library version within one fit, so they carry no format version.
 */
public final class Message {
  private Message() {}

  /** @param tag the message kind, read back first by {@link Reader#tag()}
   *  @return a writer of one message */
  public static Writer writer(int tag) {
    return new Writer(tag);
  }

  /**
   * @param bytes a message
   * @return a reader positioned after nothing (call {@link Reader#tag()} first)
   */
  public static Reader reader(byte[] bytes) {
    return new Reader(bytes);
  }

  /** Builds one message. Not thread-safe. */
  public static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    private Writer(int tag) {
      putInt(tag);
    }

    /** @param v a value
     *  @return this writer */
    public Writer putInt(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a byte-array stream does not fail
      }
      return this;
    }

    /** @param v a value
     *  @return this writer */
    public Writer putLong(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** @param v a value
     *  @return this writer */
    public Writer putDouble(double v) {
      return putLong(Double.doubleToRawLongBits(v));
    }

    /** @param a values, written with their count
     *  @return this writer */
    public Writer putFloats(float[] a) {
      putInt(a.length);
      for (float v : a) {
        putInt(Float.floatToRawIntBits(v));
      }
      return this;
    }

    /** @param a values, written with their count
     *  @return this writer */
    public Writer putDoubles(double[] a) {
      putInt(a.length);
      for (double v : a) {
        putDouble(v);
      }
      return this;
    }

    /** @param a values, written with their count
     *  @return this writer */
    public Writer putLongs(long[] a) {
      putInt(a.length);
      for (long v : a) {
        putLong(v);
      }
      return this;
    }

    /** @param a bytes, written with their count
     *  @return this writer */
    public Writer putBytes(byte[] a) {
      putInt(a.length);
      try {
        out.write(a);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** @return the message */
    public byte[] toBytes() {
      return bytes.toByteArray();
    }
  }

  /** Reads one message in the order it was written. Not thread-safe. */
  public static final class Reader {
    private final DataInputStream in;

    private Reader(byte[] bytes) {
      in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    /** @return the message kind */
    public int tag() {
      return getInt();
    }

    /** @return the next int */
    public int getInt() {
      try {
        return in.readInt();
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    /** @return the next long */
    public long getLong() {
      try {
        return in.readLong();
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    /** @return the next double */
    public double getDouble() {
      return Double.longBitsToDouble(getLong());
    }

    /** @return the next float array */
    public float[] getFloats() {
      float[] a = new float[getInt()];
      for (int i = 0; i < a.length; i++) {
        a[i] = Float.intBitsToFloat(getInt());
      }
      return a;
    }

    /** @return the next double array */
    public double[] getDoubles() {
      double[] a = new double[getInt()];
      for (int i = 0; i < a.length; i++) {
        a[i] = getDouble();
      }
      return a;
    }

    /** @return the next long array */
    public long[] getLongs() {
      long[] a = new long[getInt()];
      for (int i = 0; i < a.length; i++) {
        a[i] = getLong();
      }
      return a;
    }

    /** @return the next byte array */
    public byte[] getBytes() {
      try {
        return in.readNBytes(getInt());
      } catch (IOException e) {
        throw truncated(e);
      }
    }

    private static IllegalStateException truncated(IOException e) {
      return new IllegalStateException("a sharded-fit message ended early: driver and workers run different "
          + "sagemill versions, or the message was cut", e);
    }
  }
}

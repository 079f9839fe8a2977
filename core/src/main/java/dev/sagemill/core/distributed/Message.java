package dev.sagemill.core.distributed;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Writes and reads the bytes of sharded-fit messages and answers: a tag, then ints, longs, doubles and length-prefixed
 * arrays in the order the algorithm chose (big-endian, through {@link ByteBuffer}s in bulk). Messages are made
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
    private ByteBuffer buffer = ByteBuffer.allocate(256);

    private Writer(int tag) {
      putInt(tag);
    }

    private void ensure(long more) {
      long needed = (long) buffer.position() + more;
      if (needed > buffer.capacity()) {
        if (needed > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("a sharded-fit message of " + needed + " bytes is over 2 GB");
        }
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16,
            Math.max(needed, 2L * buffer.capacity())));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
    }

    /** @param v a value
     *  @return this writer */
    public Writer putInt(int v) {
      ensure(4);
      buffer.putInt(v);
      return this;
    }

    /** @param v a value
     *  @return this writer */
    public Writer putLong(long v) {
      ensure(8);
      buffer.putLong(v);
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
      ensure(4L * a.length);
      buffer.asFloatBuffer().put(a);
      buffer.position(buffer.position() + 4 * a.length);
      return this;
    }

    /** @param a values, written with their count
     *  @return this writer */
    public Writer putDoubles(double[] a) {
      putInt(a.length);
      ensure(8L * a.length);
      buffer.asDoubleBuffer().put(a);
      buffer.position(buffer.position() + 8 * a.length);
      return this;
    }

    /** @param a values, written with their count
     *  @return this writer */
    public Writer putLongs(long[] a) {
      putInt(a.length);
      ensure(8L * a.length);
      buffer.asLongBuffer().put(a);
      buffer.position(buffer.position() + 8 * a.length);
      return this;
    }

    /** @param a bytes, written with their count
     *  @return this writer */
    public Writer putBytes(byte[] a) {
      putInt(a.length);
      ensure(a.length);
      buffer.put(a);
      return this;
    }

    /** @return the message (the writer's own array when it is exactly full, as after one large array) */
    public byte[] toBytes() {
      return buffer.position() == buffer.capacity() ? buffer.array()
          : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /** Reads one message in the order it was written. Not thread-safe. */
  public static final class Reader {
    private final ByteBuffer in;

    private Reader(byte[] bytes) {
      in = ByteBuffer.wrap(bytes);
    }

    /** @return the message kind */
    public int tag() {
      return getInt();
    }

    /** @return the next int */
    public int getInt() {
      try {
        return in.getInt();
      } catch (BufferUnderflowException e) {
        throw truncated(e);
      }
    }

    /** @return the next long */
    public long getLong() {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw truncated(e);
      }
    }

    /** @return the next double */
    public double getDouble() {
      return Double.longBitsToDouble(getLong());
    }

    private int length(int width) {
      int n = getInt();
      if (n < 0 || (long) n * width > in.remaining()) {
        throw truncated(null);
      }
      return n;
    }

    /** @return the next float array */
    public float[] getFloats() {
      float[] a = new float[length(4)];
      in.asFloatBuffer().get(a);
      in.position(in.position() + 4 * a.length);
      return a;
    }

    /** @return the next double array */
    public double[] getDoubles() {
      double[] a = new double[length(8)];
      in.asDoubleBuffer().get(a);
      in.position(in.position() + 8 * a.length);
      return a;
    }

    /** @return the next long array */
    public long[] getLongs() {
      long[] a = new long[length(8)];
      in.asLongBuffer().get(a);
      in.position(in.position() + 8 * a.length);
      return a;
    }

    /** @return the next byte array */
    public byte[] getBytes() {
      byte[] a = new byte[length(1)];
      in.get(a);
      return a;
    }

    private static IllegalStateException truncated(RuntimeException e) {
      return new IllegalStateException("a sharded-fit message ended early: driver and workers run different "
          + "sagemill versions, or the message was cut", e);
    }
  }
}

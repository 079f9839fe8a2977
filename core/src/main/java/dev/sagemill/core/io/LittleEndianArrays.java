package dev.sagemill.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Streams typed arrays to and from the little-endian bytes of model entries in fixed-size chunks, so that neither
 * saving nor loading holds a second copy of a large array. Stateless.
 */
final class LittleEndianArrays {
  static final String FLOAT32 = "float32";
  static final String FLOAT64 = "float64";
  static final String INT32 = "int32";
  static final String JSON = "json";
  static final String BYTES = "bytes";

  /** Bytes per chunk: a multiple of every element width. */
  private static final int CHUNK = 1 << 16;

  private LittleEndianArrays() {}

  /**
   * @param dtype a manifest data type
   * @return its element width in bytes, or -1 if the type is unknown
   */
  static int width(String dtype) {
    return switch (dtype) {
      case FLOAT32, INT32 -> 4;
      case FLOAT64 -> 8;
      case JSON, BYTES -> 1;
      default -> -1;
    };
  }

  /** Puts elements {@code [from, from + n)} of an array into a little-endian buffer. */
  @FunctionalInterface
  private interface BulkPut {
    void put(ByteBuffer b, int from, int n);
  }

  /** Writes {@code length} elements of {@code width} bytes in chunks through one reused buffer. */
  private static void write(OutputStream out, int length, int width, BulkPut put) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    int per = CHUNK / width;
    for (int i = 0; i < length; i += per) {
      int n = Math.min(per, length - i);
      b.clear();
      put.put(b, i, n);
      out.write(b.array(), 0, n * width);
    }
  }

  static void write(OutputStream out, float[] a) throws IOException {
    write(out, a.length, 4, (b, from, n) -> b.asFloatBuffer().put(a, from, n));
  }

  static void write(OutputStream out, double[] a) throws IOException {
    write(out, a.length, 8, (b, from, n) -> b.asDoubleBuffer().put(a, from, n));
  }

  static void write(OutputStream out, int[] a) throws IOException {
    write(out, a.length, 4, (b, from, n) -> b.asIntBuffer().put(a, from, n));
  }

  /** Thrown by {@link #read} when the stream ends before the declared bytes; the caller names the entry. */
  static final class Truncated extends IOException {
    private static final long serialVersionUID = 1L;
    final long got;

    Truncated(long got) {
      super("truncated after " + got + " bytes");
      this.got = got;
    }
  }

  /**
   * Reads exactly {@code length} elements of a type, in chunks, passing every chunk's bytes to {@code seen} (the
   * checksum) before converting it.
   *
   * @param in the entry's bytes
   * @param dtype {@link #FLOAT32}, {@link #FLOAT64}, {@link #INT32}, or {@link #JSON}/{@link #BYTES} for bytes
   * @param length the element count, at most a Java array's
   * @param seen receives every chunk of bytes in order
   * @return a {@code float[]}, {@code double[]}, {@code int[]} or {@code byte[]}
   * @throws Truncated if the stream ends early
   * @throws IOException if reading fails
   */
  static Object read(InputStream in, String dtype, int length, ChunkSink seen) throws IOException {
    int width = width(dtype);
    if (width == 1) {
      byte[] a = new byte[length];
      int got = in.readNBytes(a, 0, length);
      seen.accept(a, 0, got);
      if (got < length) {
        throw new Truncated(got);
      }
      return a;
    }
    Object array = switch (dtype) {
      case FLOAT32 -> new float[length];
      case FLOAT64 -> new double[length];
      default -> new int[length];
    };
    byte[] chunk = new byte[CHUNK];
    ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int per = CHUNK / width;
    for (int i = 0; i < length; i += per) {
      int n = Math.min(per, length - i);
      int got = in.readNBytes(chunk, 0, n * width);
      seen.accept(chunk, 0, got);
      if (got < n * width) {
        throw new Truncated((long) i * width + got);
      }
      b.clear();
      switch (dtype) {
        case FLOAT32 -> b.asFloatBuffer().get((float[]) array, i, n);
        case FLOAT64 -> b.asDoubleBuffer().get((double[]) array, i, n);
        default -> b.asIntBuffer().get((int[]) array, i, n);
      }
    }
    return array;
  }

  /** Receives the bytes of a chunk. */
  @FunctionalInterface
  interface ChunkSink {
    void accept(byte[] bytes, int offset, int length);
  }
}

package dev.sagemill.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes MXNet's NDArray list files ({@code mx.nd.save}): the {@code model_algo-1} artifact of SageMaker's k-means
 * (a list holding the centroid matrix) and PCA (a dict with {@code s}, {@code v}, {@code mean}). Layout, all
 * little-endian: {@code uint64 0x112}, {@code uint64 0}, {@code uint64 N}, N arrays, {@code uint64 K} names (0 or N),
 * each {@code uint64 length} + UTF-8. An array is {@code uint32 magic} (0xF993FAC9 V2, 0xF993FACA V3, 0xF993FAC8
 * V1), {@code int32 storage type} (V2/V3; only dense, 0, is read), the shape ({@code int32 ndim}, then
 * {@code ndim × int64}; V1: the same), {@code int32 device type, int32 device id}, {@code int32 dtype} (0 float32,
 * 1 float64, 2 float16, 4 int32, 6 int64) and the values row-major. Every length is checked against the bytes left,
 * so a corrupt file fails with a message.
 *
 * <p>Stateless and thread-safe.
 */
public final class MxNdArrays {
  private static final long LIST_MAGIC = 0x112;
  private static final int V1 = 0xF993FAC8;
  private static final int V2 = 0xF993FAC9;
  private static final int V3 = 0xF993FACA;

  private MxNdArrays() {}

  /**
   * A dense array: its shape and values as float64, row-major.
   *
   * @param shape the dimensions
   * @param values {@code prod(shape)} values
   */
  public record NdArray(long[] shape, double[] values) {
    /** @return the number of rows of a matrix (the first dimension) */
    public int rows() {
      return (int) shape[0];
    }

    /** @return the number of columns of a matrix (the product of the other dimensions) */
    public int cols() {
      long c = 1;
      for (int i = 1; i < shape.length; i++) {
        c *= shape[i];
      }
      return (int) c;
    }
  }

  /**
   * Whether a file's first bytes are those of a 1P artifact: a {@code model.tar.gz} (gzip) or an MXNet NDArray file.
   *
   * @param head the file's first bytes (up to 8)
   * @return true if {@link #readArtifact} may read it
   */
  public static boolean looksLikeArtifact(byte[] head) {
    boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    boolean ndarrays = head.length == 8 && head[0] == 0x12 && head[1] == 0x01 && head[2] == 0 && head[3] == 0;
    return gzip || ndarrays;
  }

  /**
   * Reads the arrays of a SageMaker 1P algorithm's artifact: the {@code model.tar.gz} a training job writes (the
   * entry is read from it) or the unpacked entry itself. Told apart by content (the gzip magic), not by name.
   *
   * @param file {@code model.tar.gz} or the unpacked entry
   * @param entry the entry's name inside the archive, such as {@code model_algo-1}
   * @return the arrays by name in file order
   * @throws IOException if reading fails
   * @throws CorruptModelException if the archive lacks the entry or the entry is not an NDArray file
   */
  public static Map<String, NdArray> readArtifact(Path file, String entry) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.toString();
    if (bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
      Optional<byte[]> inner = TarGz.read(file, entry);
      if (inner.isEmpty()) {
        throw new CorruptModelException(name + " holds no " + entry);
      }
      bytes = inner.get();
      name = name + "!" + entry;
    }
    return read(bytes, name);
  }

  /**
   * Writes arrays as {@code mx.nd.save} does for a dict: V2 dense float32 arrays on the CPU, then their names. This
   * is what SageMaker's 1P containers load as {@code model_algo-1}.
   *
   * @param arrays the arrays by name, in order
   * @return the file's bytes
   * @throws IllegalArgumentException if an array's values do not fill its shape
   */
  public static byte[] write(Map<String, NdArray> arrays) {
    long size = 32;
    for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
      NdArray a = e.getValue();
      long count = 1;
      for (long d : a.shape()) {
        count *= d;
      }
      if (count != a.values().length) {
        throw new IllegalArgumentException("array " + e.getKey() + " of shape " + Arrays.toString(a.shape())
            + " holds " + a.values().length + " values");
      }
      size += 24 + 8L * a.shape().length + 4L * count + 8 + e.getKey().getBytes(StandardCharsets.UTF_8).length;
    }
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(LIST_MAGIC).putLong(0).putLong(arrays.size());
    for (NdArray a : arrays.values()) {
      b.putInt(V2).putInt(0).putInt(a.shape().length);
      for (long d : a.shape()) {
        b.putLong(d);
      }
      b.putInt(1).putInt(0).putInt(0); // CPU, device 0, float32
      for (double v : a.values()) {
        b.putFloat((float) v);
      }
    }
    b.putLong(arrays.size());
    for (String key : arrays.keySet()) {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      b.putLong(k.length).put(k);
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /**
   * Parses a file's bytes.
   *
   * @param bytes the file
   * @param name the file's name for messages
   * @return the arrays by name in file order; a list save names them {@code "0"}, {@code "1"}, ...
   * @throws CorruptModelException if the bytes are not an NDArray list or are truncated
   */
  public static Map<String, NdArray> read(byte[] bytes, String name) throws CorruptModelException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    need(b, 24, name, "header");
    long magic = b.getLong();
    if (magic != LIST_MAGIC) {
      throw new CorruptModelException(name + ": not an MXNet NDArray file (magic 0x" + Long.toHexString(magic)
          + ", expected 0x112)");
    }
    b.getLong();
    long n = b.getLong();
    if (n < 0 || n > 1 << 20) {
      throw new CorruptModelException(name + ": implausible array count " + n);
    }
    List<NdArray> arrays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      arrays.add(array(b, name, i));
    }
    need(b, 8, name, "name count");
    long k = b.getLong();
    if (k != 0 && k != n) {
      throw new CorruptModelException(name + ": " + k + " names for " + n + " arrays");
    }
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = Integer.toString(i);
      if (k > 0) {
        need(b, 8, name, "name length");
        long len = b.getLong();
        if (len < 0 || len > b.remaining()) {
          throw new CorruptModelException(name + ": name " + i + " has length " + len + ", " + b.remaining()
              + " bytes left");
        }
        byte[] s = new byte[(int) len];
        b.get(s);
        key = new String(s, StandardCharsets.UTF_8);
      }
      out.put(key, arrays.get(i));
    }
    return out;
  }

  private static NdArray array(ByteBuffer b, String name, int index) throws CorruptModelException {
    String what = "array " + index;
    need(b, 4, name, what);
    int magic = b.getInt();
    if (magic != V1 && magic != V2 && magic != V3) {
      throw new CorruptModelException(name + ": " + what + " has magic 0x" + Integer.toHexString(magic)
          + "; only MXNet's V1-V3 dense NDArrays are read");
    }
    if (magic != V1) {
      need(b, 4, name, what);
      int stype = b.getInt();
      if (stype != 0) {
        throw new CorruptModelException(name + ": " + what + " has storage type " + stype
            + " (sparse); only dense arrays are read");
      }
    }
    need(b, 4, name, what);
    int ndim = b.getInt();
    if (ndim < 0 || ndim > 32) {
      throw new CorruptModelException(name + ": " + what + " has " + ndim + " dimensions");
    }
    long[] shape = new long[ndim];
    long count = 1;
    for (int d = 0; d < ndim; d++) {
      need(b, 8, name, what);
      shape[d] = b.getLong();
      if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE) {
        throw new CorruptModelException(name + ": " + what + " has dimension " + shape[d]);
      }
      count *= shape[d];
      if (count > Integer.MAX_VALUE) {
        throw new CorruptModelException(name + ": " + what + " of shape " + Arrays.toString(shape) + " is too big");
      }
    }
    if (ndim == 0) {
      return new NdArray(shape, new double[0]);
    }
    need(b, 12, name, what);
    b.getInt(); // device type: arrays saved on a GPU load on the CPU
    b.getInt(); // device id
    int dtype = b.getInt();
    int size = switch (dtype) {
      case 0, 4 -> 4;
      case 1, 6 -> 8;
      case 2 -> 2;
      default -> throw new CorruptModelException(name + ": " + what + " has data type " + dtype
          + "; float32, float64, float16, int32 and int64 are read");
    };
    need(b, count * size, name, what + " values");
    double[] v = new double[(int) count];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (dtype) {
        case 0 -> b.getFloat();
        case 1 -> b.getDouble();
        case 2 -> halfToFloat(b.getShort());
        case 4 -> b.getInt();
        default -> b.getLong();
      };
    }
    return new NdArray(shape, v);
  }

  /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f; // subnormal (or zero)
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  private static void need(ByteBuffer b, long bytes, String name, String what) throws CorruptModelException {
    if (b.remaining() < bytes) {
      throw new CorruptModelException(name + ": truncated in " + what + " (" + bytes + " bytes needed, "
          + b.remaining() + " left)");
    }
  }
}

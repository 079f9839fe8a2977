package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.io.CorruptModelException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * fastText's {@code .bin} model format (file version 12, as fastText 0.9 writes it; version 11 is read too), little
 * endian: magic {@code 793712314} and version (int32 each); the arguments ({@link FastTextArgs}, twelve int32 and a
 * float64); the dictionary (size, nwords, nlabels as int32, ntokens and prune-index size as int64, then each entry as
 * NUL-terminated UTF-8, int64 count and int8 type); a quantized-input flag (one byte); the input matrix (int64 rows,
 * int64 columns, float32 values row-major); the quantized-output flag; the output matrix. Quantized models
 * ({@code .ftz}) are refused with a message, not misread.
 *
 * <p>Thread-safe: stateless.
 */
public final class FastTextBinary {
  /** fastText's file magic. */
  public static final int MAGIC = 793712314;
  /** The version written. */
  public static final int VERSION = 12;
  private static final int CHUNK = 1 << 16;

  private FastTextBinary() {}

  /**
   * @param head a file's first bytes
   * @return whether they start with fastText's magic
   */
  public static boolean isFastText(byte[] head) {
    return head.length >= 4 && ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
  }

  /**
   * Writes a model.
   *
   * @param model the model
   * @param sink where the bytes go (not closed)
   * @throws IOException on failure
   */
  public static void write(FastTextModel model, OutputStream sink) throws IOException {
    Le out = new Le(new BufferedOutputStream(sink, CHUNK));
    header(model.args(), model.dictionary(), out);
    out.u8(0);
    out.matrix(model.input(), model.args().dim());
    out.u8(0);
    out.matrix(model.output(), model.args().dim());
    out.flush();
  }

  /**
   * Writes the part of a {@code .bin} before the matrices: magic, version, arguments, dictionary.
   *
   * @param args the arguments
   * @param dictionary the dictionary
   * @param sink where the bytes go (not closed)
   * @throws IOException on failure
   */
  public static void writeHeader(FastTextArgs args, Dictionary dictionary, OutputStream sink) throws IOException {
    Le out = new Le(sink);
    header(args, dictionary, out);
    out.flush();
  }

  private static void header(FastTextArgs a, Dictionary d, Le out) throws IOException {
    out.i32(MAGIC);
    out.i32(VERSION);
    for (int v : new int[] {a.dim(), a.ws(), a.epoch(), a.minCount(), a.neg(), a.wordNgrams(), a.loss(), a.model(),
        a.bucket(), a.minn(), a.maxn(), a.lrUpdateRate()}) {
      out.i32(v);
    }
    out.f64(a.t());
    out.i32(d.size());
    out.i32(d.nwords());
    out.i32(d.nlabels());
    out.i64(d.ntokens());
    out.i64(-1); // no pruning index: an unquantized model
    for (int i = 0; i < d.size(); i++) {
      out.raw(d.entry(i).getBytes(StandardCharsets.UTF_8));
      out.u8(0);
      out.i64(d.count(i));
      out.u8(d.type(i));
    }
  }

  /**
   * The arguments and dictionary of a {@code .bin}.
   *
   * @param args the arguments
   * @param dictionary the dictionary
   */
  public record Header(FastTextArgs args, Dictionary dictionary) {}

  /**
   * Reads a model file.
   *
   * @param file the {@code .bin}
   * @return the model
   * @throws IOException if reading fails
   * @throws CorruptModelException if the file is not fastText's, is truncated, quantized or inconsistent, naming it
   */
  public static FastTextModel read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
      return read(new Reader(in, file.toString(), Files.size(file)), file.toString());
    }
  }

  /**
   * Reads a model.
   *
   * @param source the bytes
   * @param name the file's name, for messages
   * @return the model
   * @throws IOException if reading fails
   * @throws CorruptModelException if the bytes are not a fastText model or are damaged
   */
  public static FastTextModel read(InputStream source, String name) throws IOException {
    return read(new Reader(source, name, -1), name);
  }

  private static FastTextModel read(Reader in, String name) throws IOException {
    try {
      Header h = header(in, name);
      FastTextArgs args = h.args();
      Dictionary dict = h.dictionary();
      boolean quantInput = in.u8() != 0;
      if (quantInput) {
        throw new CorruptModelException(name + " is a quantized fastText model (.ftz); quantized models are not "
            + "supported: use the unquantized .bin");
      }
      float[] input = in.matrix((long) dict.nwords() + args.bucket(), args.dim(), "input");
      in.u8();
      int outRows = args.supervised() ? dict.nlabels() : dict.nwords();
      float[] output = in.matrix(outRows, args.dim(), "output");
      return new FastTextModel(args, dict, input, output);
    } catch (EOFException e) {
      throw new CorruptModelException(name + " is truncated: it ends after " + in.position + " bytes");
    }
  }

  /**
   * Reads what {@link #writeHeader} wrote.
   *
   * @param source the bytes
   * @param name their name, for messages
   * @return the arguments and dictionary
   * @throws IOException if reading fails
   * @throws CorruptModelException if the bytes are not a fastText header or are damaged
   */
  public static Header readHeader(InputStream source, String name) throws IOException {
    Reader in = new Reader(source, name, -1);
    try {
      return header(in, name);
    } catch (EOFException e) {
      throw new CorruptModelException(name + " is truncated: it ends after " + in.position + " bytes");
    }
  }

  private static Header header(Reader in, String name) throws IOException {
    int magic = in.i32();
    if (magic != MAGIC) {
      throw new CorruptModelException(name + " is not a fastText model (magic " + magic + ", expected " + MAGIC
          + ")");
    }
    int version = in.i32();
    if (version != 11 && version != 12) {
      throw new CorruptModelException(name + " is fastText file version " + version + "; versions 11 and 12 are "
          + "read");
    }
    int[] v = new int[12];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.i32();
    }
    double t = in.f64();
    if (v[0] <= 0 || v[6] < 1 || v[6] > 4 || v[7] < 1 || v[7] > 3 || v[8] < 0) {
      throw new CorruptModelException(name + " has impossible arguments (dim " + v[0] + ", loss " + v[6]
          + ", model " + v[7] + ", bucket " + v[8] + ")");
    }
    int maxn = version == 11 && v[7] == FastTextArgs.SUPERVISED ? 0 : v[10]; // v11 classifiers had no subwords
    if (v[9] < 0 || maxn < 0 || (maxn > 0 && v[8] == 0)) {
      throw new CorruptModelException(name + " has impossible subword arguments (minn " + v[9] + ", maxn " + maxn
          + ", bucket " + v[8] + "): character n-grams need buckets to hash into");
    }
    FastTextArgs args = new FastTextArgs(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], maxn, v[11],
        t);
    int size = in.i32();
    int nwords = in.i32();
    int nlabels = in.i32();
    long ntokens = in.i64();
    long pruneSize = in.i64();
    if (size < 0 || nwords < 0 || nlabels < 0 || (long) nwords + nlabels != size) {
      throw new CorruptModelException(name + " has a dictionary of " + size + " entries but " + nwords
          + " words and " + nlabels + " labels");
    }
    if (pruneSize >= 0) {
      throw new CorruptModelException(name + " is a quantized fastText model (.ftz: its dictionary is pruned); "
          + "quantized models are not supported: use the unquantized .bin");
    }
    // The arrays grow as entries are read, so a forged size ends at the file's end, not in an allocation.
    int capacity = Math.min(size, 1 << 16);
    String[] entries = new String[capacity];
    long[] counts = new long[capacity];
    byte[] types = new byte[capacity];
    ByteArrayOutputStream word = new ByteArrayOutputStream(32);
    for (int i = 0; i < size; i++) {
      if (i == entries.length) {
        capacity = (int) Math.min(size, 2L * capacity);
        entries = java.util.Arrays.copyOf(entries, capacity);
        counts = java.util.Arrays.copyOf(counts, capacity);
        types = java.util.Arrays.copyOf(types, capacity);
      }
      word.reset();
      for (int c = in.u8(); c != 0; c = in.u8()) {
        word.write(c);
      }
      entries[i] = word.toString(StandardCharsets.UTF_8);
      counts[i] = in.i64();
      types[i] = (byte) in.u8();
      if (types[i] != Dictionary.WORD && types[i] != Dictionary.LABEL) {
        throw new CorruptModelException(name + ": dictionary entry " + i + " has type " + types[i]);
      }
    }
    try {
      return new Header(args, new Dictionary(entries, counts, types, ntokens, args.minn(), args.maxn(),
          args.bucket()));
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(name + ": " + e.getMessage());
    }
  }

  /** Little-endian writer. */
  private static final class Le {
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

    Le(OutputStream out) {
      this.out = out;
    }

    private void room(int n) throws IOException {
      if (buf.remaining() < n) {
        drain();
      }
    }

    private void drain() throws IOException {
      out.write(buf.array(), 0, buf.position());
      buf.clear();
    }

    void i32(int v) throws IOException {
      room(4);
      buf.putInt(v);
    }

    void i64(long v) throws IOException {
      room(8);
      buf.putLong(v);
    }

    void f64(double v) throws IOException {
      room(8);
      buf.putDouble(v);
    }

    void u8(int v) throws IOException {
      room(1);
      buf.put((byte) v);
    }

    void raw(byte[] b) throws IOException {
      drain();
      out.write(b);
    }

    void matrix(float[] m, int dim) throws IOException {
      i64(m.length / dim);
      i64(dim);
      for (int i = 0; i < m.length;) {
        room(4);
        int n = Math.min(buf.remaining() / 4, m.length - i);
        buf.asFloatBuffer().put(m, i, n);
        buf.position(buf.position() + n * 4);
        i += n;
      }
    }

    void flush() throws IOException {
      drain();
      out.flush();
    }
  }

  /** Little-endian reader that knows how far it got. */
  private static final class Reader {
    private final InputStream in;
    private final String name;
    private final byte[] eight = new byte[8];
    private final ByteBuffer wrap = ByteBuffer.wrap(eight).order(ByteOrder.LITTLE_ENDIAN);
    long position;
    /** The input's length when known (a file), else -1. */
    private final long length;

    Reader(InputStream in, String name, long length) {
      this.in = in;
      this.name = name;
      this.length = length;
    }

    private void fill(byte[] b, int n) throws IOException {
      int got = in.readNBytes(b, 0, n);
      position += got;
      if (got < n) {
        throw new EOFException();
      }
    }

    int i32() throws IOException {
      fill(eight, 4);
      return wrap.getInt(0);
    }

    long i64() throws IOException {
      fill(eight, 8);
      return wrap.getLong(0);
    }

    double f64() throws IOException {
      fill(eight, 8);
      return wrap.getDouble(0);
    }

    int u8() throws IOException {
      int c = in.read();
      if (c < 0) {
        throw new EOFException();
      }
      position++;
      return c;
    }

    float[] matrix(long expectRows, int expectDim, String what) throws IOException {
      long rows = i64();
      long cols = i64();
      if (rows != expectRows || cols != expectDim) {
        throw new CorruptModelException(name + ": the " + what + " matrix is " + rows + " x " + cols + ", expected "
            + expectRows + " x " + expectDim + " from the header and dictionary");
      }
      if (rows * cols > Integer.MAX_VALUE - 8) {
        throw new CorruptModelException(name + ": the " + what + " matrix of " + rows + " x " + cols
            + " exceeds 2^31 values");
      }
      if (length >= 0 && 4 * rows * cols > length - position) {
        // Allocated whole before it is read, so a header that promises more than the file holds is refused first.
        throw new CorruptModelException(name + ": the " + what + " matrix of " + rows + " x " + cols + " needs "
            + 4 * rows * cols + " bytes, but only " + (length - position) + " remain (truncated file?)");
      }
      float[] m = new float[(int) (rows * cols)];
      byte[] chunk = new byte[CHUNK];
      ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < m.length;) {
        int n = Math.min(CHUNK / 4, m.length - i);
        fill(chunk, n * 4);
        bb.clear();
        bb.asFloatBuffer().get(m, i, n);
        i += n;
      }
      return m;
    }
  }
}

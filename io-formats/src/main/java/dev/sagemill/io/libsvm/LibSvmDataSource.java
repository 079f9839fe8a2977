package dev.sagemill.io.libsvm;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileSetSource;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.RowParser;
import dev.sagemill.io.SparseRows;
import dev.sagemill.io.text.FastFloat;
import dev.sagemill.io.text.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a {@code text/libsvm} channel: one row per line, {@code label[:weight] [qid:N] index:value ...}, with
 * {@code #} starting a comment. Rows are kept sparse. Pairs out of index order are sorted; a repeated index is an
 * error. With no declared dimension, the dimension is found by one scan of the channel (cached), which also
 * settles an {@link IndexBase#AUTO} base. The schema records the base ({@link Schema#indexBase()}), so a model
 * trained on the channel reads later files with the same numbering.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class LibSvmDataSource extends FileSetSource {
  private static final Logger LOG = LoggerFactory.getLogger(LibSvmDataSource.class);
  private static final int MAX_LINE_BYTES = 64 << 20;

  private final IndexBase requestedBase;
  private final int declaredDim;
  private volatile IndexBase base;

  private LibSvmDataSource(Channel channel, IndexBase base, int declaredDim) {
    super(channel, ContentType.LIBSVM, null);
    this.requestedBase = base;
    this.base = base == IndexBase.AUTO ? null : base;
    this.declaredDim = declaredDim;
  }

  /**
   * A libsvm channel whose dimension is found by scanning it.
   *
   * @param channel the files
   * @param base the index base
   * @return the source
   */
  public static LibSvmDataSource of(Channel channel, IndexBase base) {
    return new LibSvmDataSource(channel, base, -1);
  }

  /**
   * A libsvm channel of known dimension; an index at or beyond it is an error.
   *
   * @param channel the files
   * @param base the index base
   * @param featureDim the number of features
   * @return the source
   */
  public static LibSvmDataSource of(Channel channel, IndexBase base, int featureDim) {
    if (featureDim < 1) {
      throw new IllegalArgumentException("featureDim must be >= 1, got " + featureDim);
    }
    return new LibSvmDataSource(channel, base, featureDim);
  }

  /**
   * The index base in effect.
   *
   * @return the base, resolved by the scan when {@code AUTO}
   * @throws IOException if the scan fails
   */
  public IndexBase indexBase() throws IOException {
    schema();
    return base;
  }

  @Override
  protected Schema inferSchema() throws IOException {
    if (base != null && declaredDim > 0) {
      requireARow();
      return Schema.of(declaredDim, 1).withIndexBase(base == IndexBase.ONE ? 1 : 0);
    }
    long minIndex = Long.MAX_VALUE;
    long maxIndex = -1;
    boolean anyRow = false;
    for (Path f : channel().files()) {
      try (LineParser p = new LineParser(Inputs.open(f), f.toString(), Integer.MAX_VALUE, 0)) {
        while (p.next()) {
          anyRow = true;
          if (p.nnz > 0) { // indices are sorted by now, and the scan parser does not shift them
            minIndex = Math.min(minIndex, p.index[0]);
            maxIndex = Math.max(maxIndex, p.index[p.nnz - 1]);
          }
        }
      }
    }
    if (base == null) {
      base = minIndex == 0 ? IndexBase.ZERO : IndexBase.ONE;
      LOG.debug("{}: smallest feature index {}, reading indices as {}-based", channel().name(), minIndex,
          base == IndexBase.ZERO ? 0 : 1);
    } else if (base == IndexBase.ONE && minIndex == 0) {
      throw new InvalidDataException("channel " + channel().name() + ": index 0 found, but indices were declared"
          + " 1-based");
    }
    int first = base == IndexBase.ONE ? 1 : 0;
    if (declaredDim > 0) {
      return Schema.of(declaredDim, 1).withIndexBase(first);
    }
    if (!anyRow) {
      throw new InvalidDataException("channel " + channel().name() + " holds no libsvm rows");
    }
    long dim = maxIndex < 0 ? 1 : (base == IndexBase.ZERO ? maxIndex + 1 : maxIndex);
    if (dim > Integer.MAX_VALUE - 8) {
      throw new InvalidDataException("channel " + channel().name() + ": feature index " + maxIndex
          + " is beyond the supported dimension");
    }
    return Schema.of((int) Math.max(1, dim), 1).withIndexBase(first);
  }

  /** With a declared dimension no scan is needed, but a channel without any row is still refused. */
  private void requireARow() throws IOException {
    for (Path f : channel().files()) {
      try (LineParser p = new LineParser(Inputs.open(f), f.toString(), declaredDim, base == IndexBase.ONE ? 1 : 0)) {
        if (p.next()) {
          return;
        }
      }
    }
    throw new InvalidDataException("channel " + channel().name() + " holds no libsvm rows");
  }

  @Override
  protected boolean sparse(Schema schema) {
    return true;
  }

  @Override
  protected RowParser parser(InputStream in, String name, Schema schema) {
    LineParser p = new LineParser(in, name, schema.featureDim(), base == IndexBase.ONE ? 1 : 0);
    float[] label = new float[1];
    return new RowParser() {
      @Override
      public boolean next(RowBatch.Builder into) throws IOException {
        if (!p.next()) {
          return false;
        }
        label[0] = p.label;
        into.addSparse(p.index, p.value, p.nnz, label, p.weight);
        if (p.hasQid) {
          into.qidOfLast(p.qid);
        }
        return true;
      }

      @Override
      public long position() {
        return p.lines.lineNumber();
      }

      @Override
      public void close() throws IOException {
        p.close();
      }
    };
  }

  /** Parses one libsvm line at a time into reused arrays. */
  private static final class LineParser implements java.io.Closeable {
    final LineReader lines;
    final String name;
    final int dim;
    final int shift;
    float label;
    float weight;
    long qid;
    boolean hasQid;
    int nnz;
    int[] index = new int[64];
    float[] value = new float[64];

    LineParser(InputStream in, String name, int dim, int shift) {
      this.lines = new LineReader(in, MAX_LINE_BYTES);
      this.name = name;
      this.dim = dim;
      this.shift = shift;
    }

    private InvalidDataException bad(String reason) {
      return new InvalidDataException(name, "line", lines.lineNumber(), reason);
    }

    boolean next() throws IOException {
      while (lines.next()) {
        byte[] b = lines.bytes();
        int end = lines.length();
        for (int i = 0; i < end; i++) {
          if (b[i] == '#') {
            end = i;
            break;
          }
        }
        int i = skipSpace(b, 0, end);
        if (i == end) {
          continue; // blank or comment-only line: holds no row
        }
        int tokEnd = tokenEnd(b, i, end);
        int colon = indexOf(b, i, tokEnd, (byte) ':');
        label = number(b, i, colon < 0 ? tokEnd : colon, "label");
        if (!Float.isFinite(label)) {
          throw bad("label must be a finite number, got " + text(b, i, colon < 0 ? tokEnd : colon));
        }
        weight = 1f;
        if (colon >= 0) {
          weight = number(b, colon + 1, tokEnd, "weight");
          if (!(weight >= 0) || Float.isInfinite(weight)) {
            throw bad("weight must be a finite number >= 0, got " + text(b, colon + 1, tokEnd));
          }
        }
        hasQid = false;
        nnz = 0;
        boolean sorted = true;
        i = skipSpace(b, tokEnd, end);
        while (i < end) {
          tokEnd = tokenEnd(b, i, end);
          colon = indexOf(b, i, tokEnd, (byte) ':');
          if (colon < 0) {
            throw bad("expected index:value, got \"" + text(b, i, tokEnd) + "\"");
          }
          if (colon - i == 3 && b[i] == 'q' && b[i + 1] == 'i' && b[i + 2] == 'd') {
            if (nnz > 0 || hasQid) {
              throw bad("qid must come right after the label, once");
            }
            try {
              qid = FastFloat.parseIndex(b, colon + 1, tokEnd);
            } catch (NumberFormatException e) {
              throw bad("qid must be a non-negative integer, got \"" + text(b, colon + 1, tokEnd) + "\"");
            }
            hasQid = true;
          } else {
            long idx;
            try {
              idx = FastFloat.parseIndex(b, i, colon);
            } catch (NumberFormatException e) {
              throw bad("feature index must be a non-negative integer, got \"" + text(b, i, colon) + "\"");
            }
            if (nnz == index.length) {
              index = Arrays.copyOf(index, nnz * 2);
              value = Arrays.copyOf(value, nnz * 2);
            }
            long j = idx - shift;
            if (j < 0) {
              throw bad("feature index 0, but features are numbered from 1 here (as declared, or as in the data "
                  + "the model was trained on)");
            }
            if (j >= dim) {
              throw bad("feature index " + idx + " is beyond the feature dimension " + dim
                  + (shift == 1 ? " (1-based)" : " (0-based)"));
            }
            index[nnz] = (int) j;
            value[nnz] = number(b, colon + 1, tokEnd, "value of feature " + idx);
            if (nnz > 0 && index[nnz] <= index[nnz - 1]) {
              sorted = false;
            }
            nnz++;
          }
          i = skipSpace(b, tokEnd, end);
        }
        if (!sorted) {
          long dup = SparseRows.sort(index, value, nnz);
          if (dup >= 0) {
            throw bad("feature index " + (dup + shift) + " appears twice");
          }
        }
        return true;
      }
      return false;
    }

    private float number(byte[] b, int from, int to, String what) {
      try {
        return FastFloat.parse(b, from, to);
      } catch (NumberFormatException e) {
        throw bad(what + " is not a number: \"" + text(b, from, to) + "\"");
      }
    }

    private static String text(byte[] b, int from, int to) {
      return new String(b, from, Math.min(to - from, 80), StandardCharsets.UTF_8);
    }

    private static int skipSpace(byte[] b, int i, int end) {
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      return i;
    }

    private static int tokenEnd(byte[] b, int i, int end) {
      while (i < end && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
      return i;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
      for (int i = from; i < to; i++) {
        if (b[i] == c) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}

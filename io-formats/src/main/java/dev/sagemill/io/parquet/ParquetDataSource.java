package dev.sagemill.io.parquet;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileSetSource;
import dev.sagemill.io.RowParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Streams an {@code application/x-parquet} channel row group by row group, with no Hadoop cluster (local files
 * through Parquet's {@code LocalInputFile}; every codec Parquet ships is supported). Every column must be a
 * numeric primitive (int32, int64, float, double or boolean); one is the label (by name, default the first
 * column; none for unsupervised channels) and the rest are features, in file order. A null cell is a missing
 * feature value; a null label is an error naming the file and row. Columns of other types are refused with their
 * names rather than dropped.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class ParquetDataSource extends FileSetSource {
  private final String labelColumn;
  private final boolean labelled;
  private volatile int labelIndex = -1;

  private ParquetDataSource(Channel channel, String labelColumn, boolean labelled) {
    super(channel, ContentType.PARQUET, null);
    this.labelColumn = labelColumn;
    this.labelled = labelled;
  }

  /**
   * A labelled Parquet channel whose first column is the label.
   *
   * @param channel the files
   * @return the source
   */
  public static ParquetDataSource of(Channel channel) {
    return new ParquetDataSource(channel, null, true);
  }

  /**
   * A labelled Parquet channel with a named label column.
   *
   * @param channel the files
   * @param labelColumn the label column's name
   * @return the source
   */
  public static ParquetDataSource of(Channel channel, String labelColumn) {
    return new ParquetDataSource(channel, java.util.Objects.requireNonNull(labelColumn, "labelColumn"), true);
  }

  /**
   * An unlabelled Parquet channel: every column is a feature.
   *
   * @param channel the files
   * @return the source
   */
  public static ParquetDataSource unlabelled(Channel channel) {
    return new ParquetDataSource(channel, null, false);
  }

  /**
   * The file's schema, from its footer, once the footer is checked: every column chunk must lie inside the file,
   * since Parquet allocates a chunk's declared size before reading it and a forged footer would otherwise make it
   * allocate without limit.
   */
  private static MessageType fileSchema(Path f) throws IOException {
    long size = java.nio.file.Files.size(f);
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
      for (org.apache.parquet.hadoop.metadata.BlockMetaData block : r.getFooter().getBlocks()) {
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : block.getColumns()) {
          long start = c.getStartingPos();
          long length = c.getTotalSize();
          if (start < 0 || length < 0 || start + length > size) {
            throw new InvalidDataException(f + ": not a readable Parquet file: its footer places column "
                + c.getPath() + " at bytes " + start + " to " + (start + length) + " of a " + size + "-byte file");
          }
          checkPages(f, size, c.getPath().toString(), start, start + length);
        }
      }
      return r.getFooter().getFileMetaData().getSchema();
    } catch (InvalidDataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidDataException(f + ": not a readable Parquet file: " + e.getMessage());
    }
  }

  @Override
  protected Schema inferSchema() throws IOException {
    Path first = channel().files().get(0);
    MessageType type = fileSchema(first);
    List<String> names = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (Type t : type.getFields()) {
      if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED) || !numeric(t.asPrimitiveType())) {
        unsupported.add(t.getName() + " (" + t + ")");
      }
      names.add(t.getName());
    }
    if (!unsupported.isEmpty()) {
      throw new InvalidDataException(first + ": only flat numeric columns (int32, int64, float, double, boolean)"
          + " are supported; these are not: " + unsupported);
    }
    if (names.isEmpty()) {
      throw new InvalidDataException(first + ": the Parquet schema has no columns");
    }
    int li = -1;
    if (labelled) {
      li = labelColumn == null ? 0 : names.indexOf(labelColumn);
      if (li < 0) {
        throw new InvalidDataException(first + ": no label column \"" + labelColumn + "\"; columns: " + names);
      }
    }
    labelIndex = li;
    List<String> features = new ArrayList<>(names);
    if (li >= 0) {
      features.remove(li);
    }
    if (features.isEmpty()) {
      throw new InvalidDataException(first + ": no feature columns besides the label");
    }
    for (Path f : channel().files().subList(1, channel().files().size())) {
      if (!fileSchema(f).equals(type)) {
        throw new InvalidDataException(f + ": its columns differ from those of " + first + ": " + fileSchema(f)
            + " versus " + type);
      }
    }
    return Schema.of(features.size(), li >= 0 ? 1 : 0).withFeatureNames(features);
  }

  /**
   * Walks a column chunk's page headers: Parquet allocates each page's declared compressed size, and a buffer of its
   * declared uncompressed size to inflate it into, before it reads the page, so a forged header is refused here
   * instead: a page must lie inside the file and inflate to at most a quarter of the heap.
   */
  private static void checkPages(Path f, long size, String column, long from, long to) throws IOException {
    long heap = Runtime.getRuntime().maxMemory();
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
      long pos = from;
      while (pos < to) {
        ch.position(pos);
        CountingInput in = new CountingInput(java.nio.channels.Channels.newInputStream(ch));
        org.apache.parquet.format.PageHeader h = org.apache.parquet.format.Util.readPageHeader(in);
        long body = pos + in.count;
        int compressed = h.getCompressed_page_size();
        int uncompressed = h.getUncompressed_page_size();
        if (compressed < 0 || uncompressed < 0 || body + compressed > size) {
          throw new InvalidDataException(f + ": not a readable Parquet file: a page of column " + column + " at byte "
              + pos + " declares " + compressed + " bytes (" + uncompressed + " uncompressed) in a " + size
              + "-byte file");
        }
        if (uncompressed > heap / 4) {
          throw new InvalidDataException(f + ": a page of column " + column + " at byte " + pos + " inflates to "
              + uncompressed + " bytes, more than a quarter of this JVM's " + (heap >> 20) + " MB heap");
        }
        pos = body + compressed;
      }
    }
  }

  /** Counts the bytes a page header takes. */
  private static final class CountingInput extends java.io.FilterInputStream {
    long count;

    CountingInput(java.io.InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b >= 0 ? 1 : 0;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }

  /**
   * Parquet reports a corrupt or truncated file with runtime exceptions of many kinds (and a page compressed with a
   * codec whose library is absent with {@link NoClassDefFoundError}); each becomes one refusal naming the file, the
   * row and the library's own reason.
   */
  /**
   * A reader of a local Parquet file's rows as Parquet's example {@link Group}s, without Hadoop.
   *
   * @param file the file
   * @return the reader
   * @throws IOException if it cannot be opened
   */
  static ParquetReader<Group> groups(Path file) throws IOException {
    return new ParquetReader.Builder<Group>(new LocalInputFile(file), new PlainParquetConfiguration()) {
      @Override
      protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    }.build();
  }

  private static InvalidDataException unreadable(String file, long row, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    if (e instanceof NoClassDefFoundError) {
      why = "its compression codec needs a library that is not on the class path (" + why + ")";
    }
    return new InvalidDataException(file, "row", row, "not readable as Parquet: " + why);
  }

  private static boolean numeric(PrimitiveType p) {
    return switch (p.getPrimitiveTypeName()) {
      case INT32, INT64, FLOAT, DOUBLE, BOOLEAN -> true;
      default -> false;
    };
  }

  @Override
  protected boolean sparse(Schema schema) {
    return false;
  }

  @Override
  protected RowParser parser(InputStream in, String name, Schema schema) throws IOException {
    in.close(); // Parquet needs random access to the footer, so it reads the file itself
    Path file = Path.of(name);
    MessageType type = fileSchema(file);
    ParquetReader<Group> reader;
    try {
      reader = groups(file);
    } catch (IOException | RuntimeException | NoClassDefFoundError e) {
      throw unreadable(name, 1, e);
    }
    int columns = type.getFieldCount();
    PrimitiveType.PrimitiveTypeName[] kinds = new PrimitiveType.PrimitiveTypeName[columns];
    for (int c = 0; c < columns; c++) {
      kinds[c] = type.getType(c).asPrimitiveType().getPrimitiveTypeName();
    }
    float[] x = new float[schema.featureDim()];
    float[] label = new float[1];
    int li = labelIndex;
    return new RowParser() {
      private long row;

      @Override
      public boolean next(RowBatch.Builder into) throws IOException {
        Group g;
        try {
          g = reader.read();
        } catch (IOException | RuntimeException | NoClassDefFoundError e) {
          throw unreadable(name, row + 1, e);
        }
        if (g == null) {
          return false;
        }
        row++;
        int j = 0;
        for (int c = 0; c < columns; c++) {
          float v = g.getFieldRepetitionCount(c) == 0 ? Float.NaN : switch (kinds[c]) {
            case INT32 -> g.getInteger(c, 0);
            case INT64 -> g.getLong(c, 0);
            case FLOAT -> g.getFloat(c, 0);
            case DOUBLE -> (float) g.getDouble(c, 0);
            case BOOLEAN -> g.getBoolean(c, 0) ? 1f : 0f;
            default -> throw new AssertionError(kinds[c]);
          };
          if (c == li) {
            if (!Float.isFinite(v)) {
              throw new InvalidDataException(name, "row", row, "label column \"" + type.getType(c).getName()
                  + "\" must hold a finite number, got " + (Float.isNaN(v) ? "null" : v));
            }
            label[0] = v;
          } else {
            x[j++] = v;
          }
        }
        into.addDense(x, 0, li >= 0 ? label : null, 1f);
        return true;
      }

      @Override
      public long position() {
        return row;
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}

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

  private static MessageType fileSchema(Path f) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
      return r.getFooter().getFileMetaData().getSchema();
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
   * Parquet reports a corrupt or truncated file with runtime exceptions of many kinds (and a page compressed with a
   * codec whose library is absent with {@link NoClassDefFoundError}); each becomes one refusal naming the file, the
   * row and the library's own reason.
   */
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
      reader = new ParquetReader.Builder<Group>(new LocalInputFile(file), new PlainParquetConfiguration()) {
        @Override
        protected ReadSupport<Group> getReadSupport() {
          return new GroupReadSupport();
        }
      }.build();
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

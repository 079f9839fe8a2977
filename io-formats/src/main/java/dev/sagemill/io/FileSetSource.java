package dev.sagemill.io;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A streaming {@link DataSource} over the files of a {@link Channel}: each pass opens the files in order, parses
 * rows with the format's {@link RowParser}, and yields batches that may span file boundaries. Memory is one batch
 * plus the parser's buffers. The schema is inferred once (by the subclass) unless declared.
 *
 * <p>Thread-safe: passes are independent.
 */
public abstract class FileSetSource implements DataSource {
  private final Channel channel;
  private final String contentType;
  private volatile Schema schema;

  /**
   * @param channel the files
   * @param contentType the content type, for descriptions
   * @param declared the schema if known up front (e.g. from {@code feature_dim}), or null to infer it
   */
  protected FileSetSource(Channel channel, String contentType, Schema declared) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.schema = declared;
  }

  /** @return the channel */
  public final Channel channel() {
    return channel;
  }

  @Override
  public final Schema schema() throws IOException {
    Schema s = schema;
    if (s == null) {
      if (channel.files().isEmpty()) {
        throw new InvalidDataException("channel " + channel.name() + " holds no data files");
      }
      s = withCategorical(inferSchema());
      schema = s;
    }
    return s;
  }

  /**
   * How many leading columns precede the features in the channel's files, to turn the column indices of
   * {@value Channel#CATEGORICAL_INDEX} into feature indices. SageMaker's layout has the label first: 1.
   *
   * @return the number of non-feature leading columns
   */
  protected int leadingColumns() {
    return 1;
  }

  private Schema withCategorical(Schema s) {
    if (channel.categoricalColumns().isEmpty()) {
      return s;
    }
    int[] cols = channel.categoricalColumns().get();
    int[] features = new int[cols.length];
    for (int i = 0; i < cols.length; i++) {
      features[i] = cols[i] - leadingColumns();
      if (features[i] < 0 || features[i] >= s.featureDim()) {
        throw new InvalidDataException("channel " + channel.name() + ": " + Channel.CATEGORICAL_INDEX + " lists column "
            + cols[i] + ", but the data's feature columns are " + leadingColumns() + " to "
            + (leadingColumns() + s.featureDim() - 1));
      }
    }
    return s.withCategorical(features);
  }

  /**
   * Works out the schema from the data (the first row, or a scan for formats that need one).
   *
   * @return the schema
   * @throws IOException on an I/O failure
   */
  protected abstract Schema inferSchema() throws IOException;

  /**
   * Whether batches should store features sparse.
   *
   * @param schema the channel schema
   * @return true for CSR batches
   */
  protected abstract boolean sparse(Schema schema);

  /**
   * Opens one file's parser.
   *
   * @param in the decompressed stream (the parser closes it)
   * @param name the file name for messages
   * @param schema the channel schema every row must match
   * @return the parser
   * @throws IOException on failure
   */
  protected abstract RowParser parser(InputStream in, String name, Schema schema) throws IOException;

  @Override
  public BatchStream open(int batchRows) throws IOException {
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be > 0, got " + batchRows);
    }
    Schema s = schema();
    RowBatch.Builder builder = RowBatch.builder(s.featureDim(), s.labelDim(), sparse(s));
    return new BatchStream() {
      private int fileIndex = -1;
      private RowParser parser;
      private String currentName;

      @Override
      public Optional<RowBatch> next() throws IOException {
        builder.clear(1);
        if (parser != null) {
          builder.origin(currentName, parser.position() + 1);
        }
        while (builder.rows() < batchRows) {
          if (parser == null) {
            if (++fileIndex >= channel.files().size()) {
              break;
            }
            Path f = channel.files().get(fileIndex);
            parser = parser(Inputs.open(f), f.toString(), s);
            currentName = f.toString();
            if (builder.rows() == 0) {
              builder.origin(f.toString(), 1);
            }
          }
          if (!parser.next(builder)) {
            parser.close();
            parser = null;
          }
        }
        return builder.rows() == 0 ? Optional.empty() : Optional.of(builder.build());
      }

      @Override
      public void close() throws IOException {
        if (parser != null) {
          parser.close();
          parser = null;
        }
        fileIndex = channel.files().size();
      }
    };
  }

  @Override
  public String description() {
    return contentType + " " + channel.name() + " (" + channel.files().size() + " file"
        + (channel.files().size() == 1 ? "" : "s") + ")";
  }
}

package dev.sagemill.io;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A streaming {@link RecordSource} over the files of a {@link Channel} (its sharding, folders and gzip included):
 * each pass opens the files in order, reads records with the format's {@link RecordReader}, and yields batches that
 * may span file boundaries. Memory is one batch plus the reader's buffers. The record-shaped counterpart of
 * {@link FileSetSource}, which builds columnar row batches.
 *
 * <p>Thread-safe: passes are independent.
 *
 * @param <R> the record type
 * @param <B> the batch type
 */
public abstract class FileRecordSource<R, B extends Batch> implements RecordSource<B> {
  private final Channel channel;
  private final String contentType;
  private final Class<B> batchType;

  /**
   * @param channel the files
   * @param contentType the content type, for descriptions
   * @param batchType the batch type
   */
  protected FileRecordSource(Channel channel, String contentType, Class<B> batchType) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.batchType = Objects.requireNonNull(batchType, "batchType");
  }

  /** @return the channel */
  public final Channel channel() {
    return channel;
  }

  @Override
  public final Class<B> batchType() {
    return batchType;
  }

  /**
   * Opens one file's reader.
   *
   * @param file the file (gzip allowed)
   * @return the reader
   * @throws IOException if it cannot be opened
   */
  protected abstract RecordReader<R> reader(Path file) throws IOException;

  /**
   * Makes a batch.
   *
   * @param records the records, in order
   * @param origin the file of the first record
   * @param firstRecord the first record's line or record number
   * @return the batch
   */
  protected abstract B batch(List<R> records, String origin, long firstRecord);

  @Override
  public RecordStream<B> open(int batchSize) throws IOException {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
    }
    return new RecordStream<>() {
      private int fileIndex = -1;
      private RecordReader<R> reader;
      private String currentName;

      @Override
      public Optional<B> next() throws IOException {
        List<R> records = new ArrayList<>(Math.min(batchSize, 1024));
        String origin = null;
        long first = 0;
        while (records.size() < batchSize) {
          if (reader == null) {
            if (++fileIndex >= channel.files().size()) {
              break;
            }
            Path f = channel.files().get(fileIndex);
            reader = reader(f);
            currentName = f.toString();
          }
          Optional<R> r = reader.next();
          if (r.isEmpty()) {
            reader.close();
            reader = null;
            continue;
          }
          if (records.isEmpty()) {
            origin = currentName;
            first = reader.position();
          }
          records.add(r.get());
        }
        return records.isEmpty() ? Optional.empty() : Optional.of(batch(records, origin, first));
      }

      @Override
      public void close() throws IOException {
        if (reader != null) {
          reader.close();
          reader = null;
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

package dev.sagemill.core.data;

import java.io.IOException;

/**
 * A re-iterable source of records of one shape, read in batches: every {@link #open(int)} is an independent pass
 * over the same data. File-backed sources stream (SageMaker's "Pipe mode") with bounded memory; the channel's
 * files, gzip, folders and sharding are handled by the reader ({@code dev.sagemill.io.Sources}).
 * {@link DataSource} is the source of feature rows.
 *
 * <p>Implementations are thread-safe in the sense that concurrent passes are independent.
 *
 * @param <B> the batch type
 */
public interface RecordSource<B extends Batch> {
  /** @return the batch type this source yields, as algorithms declare the records they take */
  Class<B> batchType();

  /**
   * Starts a pass.
   *
   * @param batchSize the maximum number of records per batch, positive
   * @return a stream of batches; the caller closes it
   * @throws IOException on an I/O failure
   */
  RecordStream<B> open(int batchSize) throws IOException;

  /**
   * A short human-readable description (file or folder name, content type) for logs and errors.
   *
   * @return the description
   */
  String description();
}

package dev.sagemill.core.data;

import java.io.IOException;

/**
 * A re-iterable source of feature rows: every {@link #open(int)} is an independent pass over the same data.
 * File-backed sources stream ("Pipe mode"); {@link InMemoryDataset} holds everything in memory ("File mode").
 *
 * <p>Implementations are thread-safe in the sense that concurrent passes are independent.
 */
public interface DataSource extends RecordSource<RowBatch> {
  /**
   * The rows' shape. May read the head of the data (or, for formats such as libsvm whose dimension is only known
   * after a full scan, the whole data once; the result is cached).
   *
   * @return the schema
   * @throws IOException on an I/O failure
   */
  Schema schema() throws IOException;

  /**
   * Starts a pass.
   *
   * @param batchRows the maximum number of rows per batch, positive
   * @return a stream of batches; the caller closes it
   * @throws IOException on an I/O failure
   */
  @Override
  BatchStream open(int batchRows) throws IOException;

  @Override
  default Class<RowBatch> batchType() {
    return RowBatch.class;
  }
}

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

  /**
   * Whether a pass only walks memory, so that another pass costs no reading or parsing. A consumer that needs two
   * passes over a source that is not in memory may keep the first pass's batches (within its memory budget) instead
   * of reading the files again.
   *
   * @return false by default; true for {@link InMemoryDataset} and views of it
   */
  default boolean inMemory() {
    return false;
  }

  @Override
  default Class<RowBatch> batchType() {
    return RowBatch.class;
  }
}

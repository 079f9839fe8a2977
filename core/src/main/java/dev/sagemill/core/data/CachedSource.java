package dev.sagemill.core.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file-backed source whose first complete pass is kept in memory when its batches fit a byte budget, so that the
 * passes after it walk memory instead of reading and parsing the files again (an algorithm that makes several
 * passes, such as PCA's randomized mode, then reads a CSV once, as a user of scikit-learn would). Past the budget
 * it keeps nothing and every pass streams, as before. A pass asking for another batch size, or a pass stopped
 * before the end, streams from the files.
 *
 * <p>Thread-safe as its source: concurrent passes are independent; the first to complete within budget is kept.
 */
public final class CachedSource implements DataSource {
  private final DataSource source;
  private final long budgetBytes;
  private volatile Kept kept;

  private record Kept(int batchRows, List<RowBatch> batches) {}

  private CachedSource(DataSource source, long budgetBytes) {
    this.source = source;
    this.budgetBytes = budgetBytes;
  }

  /**
   * @param source the rows
   * @param budgetBytes the most bytes of rows to keep ({@link #bytesOf}), non-negative
   * @return a source that keeps its first complete pass within the budget; {@code source} itself when it is already
   *     in memory
   */
  public static DataSource of(DataSource source, long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must be >= 0, got " + budgetBytes);
    }
    return source.inMemory() ? source : new CachedSource(source, budgetBytes);
  }

  /**
   * @param b a batch
   * @return the bytes its values, labels and weights take (4 per float; 8 per sparse entry with its index)
   */
  public static long bytesOf(RowBatch b) {
    long values = b.isSparse() ? 8L * b.rowPointers()[b.rows()] + 4L * b.rows() : 4L * b.rows() * b.featureDim();
    return values + 4L * b.rows() * (b.labelDim() + (b.hasWeights() ? 1 : 0));
  }

  @Override
  public Schema schema() throws IOException {
    return source.schema();
  }

  @Override
  public boolean inMemory() {
    return kept != null;
  }

  @Override
  public String description() {
    return source.description();
  }

  @Override
  public BatchStream open(int batchRows) throws IOException {
    Kept k = kept;
    if (k != null && k.batchRows == batchRows) {
      return replay(k.batches);
    }
    BatchStream files = source.open(batchRows);
    return k != null ? files : recording(files, batchRows);
  }

  private static BatchStream replay(List<RowBatch> batches) {
    return new BatchStream() {
      private int next;

      @Override
      public Optional<RowBatch> next() {
        return next < batches.size() ? Optional.of(batches.get(next++)) : Optional.empty();
      }

      @Override
      public void close() {}
    };
  }

  private BatchStream recording(BatchStream files, int batchRows) {
    return new BatchStream() {
      private List<RowBatch> batches = new ArrayList<>();
      private long bytes;

      @Override
      public Optional<RowBatch> next() throws IOException {
        Optional<RowBatch> b = files.next();
        if (batches != null) {
          if (b.isEmpty()) {
            keep(batchRows, batches);
            batches = null;
          } else if ((bytes += bytesOf(b.get())) <= budgetBytes) {
            batches.add(b.get());
          } else {
            batches = null;
          }
        }
        return b;
      }

      @Override
      public void close() throws IOException {
        files.close();
      }
    };
  }

  private synchronized void keep(int batchRows, List<RowBatch> batches) {
    if (kept == null) {
      kept = new Kept(batchRows, List.copyOf(batches));
    }
  }
}

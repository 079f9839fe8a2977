package dev.sagemill.core.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All rows held in memory as one {@link RowBatch} ("File mode"). Passes slice it into mini-batches.
 *
 * <p>Immutable and thread-safe.
 */
public final class InMemoryDataset implements DataSource {
  private final RowBatch data;
  private final Schema schema;
  private final String description;

  private InMemoryDataset(RowBatch data, Schema schema, String description) {
    if (schema.featureDim() != data.featureDim() || schema.labelDim() != data.labelDim()) {
      throw new IllegalArgumentException(schema + " does not match the data's " + data.featureDim()
          + " features and " + data.labelDim() + " label values");
    }
    this.data = data;
    this.schema = schema;
    this.description = description;
  }

  /**
   * Wraps a batch.
   *
   * @param data the rows
   * @return the dataset
   */
  public static InMemoryDataset of(RowBatch data) {
    return new InMemoryDataset(data, Schema.of(data.featureDim(), data.labelDim()), "in-memory " + data.rows() + " rows");
  }

  /**
   * Wraps a batch with a schema carrying names or categorical flags.
   *
   * @param data the rows
   * @param schema a schema of the same dimensions
   * @return the dataset
   */
  public static InMemoryDataset of(RowBatch data, Schema schema) {
    return new InMemoryDataset(data, Objects.requireNonNull(schema, "schema"), "in-memory " + data.rows() + " rows");
  }

  /**
   * Rows from plain arrays, as a Java user has them: one label per row (stored as float32, as every reader stores
   * labels), weight 1.
   *
   * @param x {@code rows × features}, every row of the same length
   * @param y one label per row
   * @return the dataset
   * @throws IllegalArgumentException if the arrays are empty, ragged or of different lengths, naming the row
   */
  public static InMemoryDataset of(float[][] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " labels");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("x has no rows");
    }
    int d = x[0].length;
    RowBatch.Builder b = RowBatch.builder(d, 1, false).origin("float[][]", 1);
    float[] label = new float[1];
    for (int r = 0; r < x.length; r++) {
      if (x[r].length != d) {
        throw new IllegalArgumentException("row " + r + " of x has " + x[r].length + " features, row 0 has " + d);
      }
      label[0] = (float) y[r];
      b.addDense(x[r], 0, label, 1f);
    }
    return of(b.build());
  }

  /**
   * Rows from plain arrays with float labels.
   *
   * @param x {@code rows × features}, every row of the same length
   * @param y one label per row
   * @return the dataset
   * @throws IllegalArgumentException if the arrays are empty, ragged or of different lengths, naming the row
   */
  public static InMemoryDataset of(float[][] x, float[] y) {
    double[] d = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      d[i] = y[i];
    }
    return of(x, d);
  }

  /**
   * Reads a whole source into memory.
   *
   * @param source the source
   * @return the dataset
   * @throws IOException on an I/O failure
   */
  public static InMemoryDataset collect(DataSource source) throws IOException {
    Schema schema = source.schema();
    List<RowBatch> parts = new ArrayList<>();
    try (BatchStream s = source.open(65536)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        parts.add(b.get());
      }
    }
    RowBatch all = parts.isEmpty()
        ? RowBatch.builder(schema.featureDim(), schema.labelDim(), false).build()
        : RowBatch.concat(parts);
    return new InMemoryDataset(all, schema, source.description());
  }

  /**
   * A copy with the rows in a seeded random order. Stochastic trainers that pass over data in order (Linear
   * Learner, like SageMaker's) need rows that are not sorted by label.
   *
   * @param seed the seed of the permutation
   * @return the shuffled dataset
   */
  public InMemoryDataset shuffled(long seed) {
    int[] order = new int[data.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    dev.sagemill.core.random.RandomStream.of(seed).fork("shuffle").shuffle(order);
    RowBatch.Builder b = RowBatch.builder(data.featureDim(), data.labelDim(), data.isSparse())
        .origin(data.origin(), data.firstRecord());
    for (int r : order) {
      b.addRowOf(data, r);
    }
    return new InMemoryDataset(b.build(), schema, description + " (shuffled, seed " + seed + ")");
  }

  /** @return all rows as one batch */
  public RowBatch data() {
    return data;
  }

  /** @return the number of rows */
  public int size() {
    return data.rows();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public boolean inMemory() {
    return true;
  }

  @Override
  public BatchStream open(int batchRows) {
    if (batchRows <= 0) {
      throw new IllegalArgumentException("batchRows must be > 0, got " + batchRows);
    }
    return new BatchStream() {
      private int next;

      @Override
      public Optional<RowBatch> next() {
        if (next >= data.rows()) {
          return Optional.empty();
        }
        int to = (int) Math.min((long) next + batchRows, data.rows());
        RowBatch b = next == 0 && to == data.rows() ? data : data.slice(next, to);
        next = to;
        return Optional.of(b);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public String description() {
    return description;
  }
}

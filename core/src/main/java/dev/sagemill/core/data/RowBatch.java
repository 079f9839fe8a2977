package dev.sagemill.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mini-batch of rows in primitive arrays: features dense (row-major {@code rows × featureDim}) or sparse (CSR),
 * labels as {@code rows × labelDim} floats (labelDim 0 for unsupervised data, 1 for a scalar label), weights and
 * optional query ids. This is the unit every reader produces and every trainer consumes, so hot loops run over
 * primitive arrays without per-row objects.
 *
 * <p>Immutable by contract: accessors that return arrays ({@link #denseValues()}, {@link #indices()}, ...) expose
 * the batch's own storage for speed; callers must not modify them. Thread-safe for reading.
 */
public final class RowBatch implements Batch {
  private final int rows;
  private final int featureDim;
  private final int labelDim;
  private final float[] dense;
  private final int[] rowPtr;
  private final int[] indices;
  private final float[] values;
  private final float[] labels;
  private final float[] weights;
  private final long[] qids;
  private final String origin;
  private final long firstRecord;

  private RowBatch(Builder b) {
    this.rows = b.rows;
    this.featureDim = b.featureDim;
    this.labelDim = b.labelDim;
    this.dense = b.sparse ? null : Arrays.copyOf(b.dense, b.rows * b.featureDim);
    this.rowPtr = b.sparse ? Arrays.copyOf(b.rowPtr, b.rows + 1) : null;
    this.indices = b.sparse ? Arrays.copyOf(b.indices, b.nnz) : null;
    this.values = b.sparse ? Arrays.copyOf(b.values, b.nnz) : null;
    this.labels = Arrays.copyOf(b.labels, b.rows * b.labelDim);
    this.weights = b.anyWeight ? Arrays.copyOf(b.weights, b.rows) : null;
    this.qids = b.anyQid ? Arrays.copyOf(b.qids, b.rows) : null;
    this.origin = b.origin;
    this.firstRecord = b.firstRecord;
  }

  /**
   * Starts a batch.
   *
   * @param featureDim the number of features per row
   * @param labelDim the number of label values per row (0 = unlabelled)
   * @param sparse whether features are stored sparse (CSR)
   * @return a builder
   */
  public static Builder builder(int featureDim, int labelDim, boolean sparse) {
    return new Builder(featureDim, labelDim, sparse);
  }

  /** @return the number of rows, as {@link #rows()} */
  @Override
  public int size() {
    return rows();
  }

  /** @return the number of rows */
  public int rows() {
    return rows;
  }

  /** @return the number of features per row */
  public int featureDim() {
    return featureDim;
  }

  /** @return the number of label values per row; 0 when unlabelled */
  public int labelDim() {
    return labelDim;
  }

  /** @return true if features are stored as CSR */
  public boolean isSparse() {
    return dense == null;
  }

  /** @return the dense row-major feature array ({@code rows × featureDim}); only for dense batches */
  public float[] denseValues() {
    if (dense == null) {
      throw new IllegalStateException("batch is sparse");
    }
    return dense;
  }

  /**
   * The row holding a stored entry of compressed sparse rows (for messages naming a bad value's record); rows
   * without entries are skipped.
   *
   * @param rowPointers CSR row pointers, {@code rows + 1} ascending values
   * @param entry an entry index, {@code 0 <= entry < rowPointers[rows]}
   * @return the row r with {@code rowPointers[r] <= entry < rowPointers[r + 1]}
   */
  public static int rowOfEntry(int[] rowPointers, int entry) {
    int r = java.util.Arrays.binarySearch(rowPointers, entry);
    if (r < 0) {
      return -r - 2;
    }
    while (r + 1 < rowPointers.length && rowPointers[r + 1] == entry) {
      r++;
    }
    return r;
  }

  /** @return the CSR row pointer array of length rows + 1; only for sparse batches */
  public int[] rowPointers() {
    if (rowPtr == null) {
      throw new IllegalStateException("batch is dense");
    }
    return rowPtr;
  }

  /** @return the CSR column indices; only for sparse batches */
  public int[] indices() {
    if (indices == null) {
      throw new IllegalStateException("batch is dense");
    }
    return indices;
  }

  /** @return the CSR values; only for sparse batches */
  public float[] sparseValues() {
    if (values == null) {
      throw new IllegalStateException("batch is dense");
    }
    return values;
  }

  /** @return the labels, {@code rows × labelDim}, row-major */
  public float[] labels() {
    return labels;
  }

  /**
   * The scalar label of a row.
   *
   * @param row the row
   * @return its first label value
   */
  public float label(int row) {
    if (labelDim == 0) {
      throw new IllegalStateException("batch has no labels");
    }
    return labels[row * labelDim];
  }

  /**
   * The weight of a row.
   *
   * @param row the row
   * @return its weight, 1 when the batch carries none
   */
  public float weight(int row) {
    return weights == null ? 1f : weights[row];
  }

  /** @return true if any row carries an explicit weight */
  public boolean hasWeights() {
    return weights != null;
  }

  /** @return the query ids (libsvm {@code qid:}), when present */
  public Optional<long[]> qids() {
    return Optional.ofNullable(qids);
  }

  /** @return the file or stream these rows came from, for error messages */
  @Override
  public String origin() {
    return origin;
  }

  /** @return the 1-based record (or line) number of the first row within {@link #origin()} */
  @Override
  public long firstRecord() {
    return firstRecord;
  }

  /**
   * Dot product of a row's features with a dense weight vector.
   *
   * @param row the row
   * @param w weights of length ≥ featureDim
   * @return the sum of x_j · w_j over the row's stored entries
   */
  public double dot(int row, float[] w) {
    double s = 0;
    if (dense != null) {
      int off = row * featureDim;
      for (int j = 0; j < featureDim; j++) {
        s += dense[off + j] * w[j];
      }
    } else {
      for (int k = rowPtr[row]; k < rowPtr[row + 1]; k++) {
        s += values[k] * w[indices[k]];
      }
    }
    return s;
  }

  /**
   * A copy of one row's features.
   *
   * @param row the row
   * @return the row as a vector
   */
  public FeatureVector row(int row) {
    Objects.checkIndex(row, rows);
    if (dense != null) {
      return FeatureVector.dense(Arrays.copyOfRange(dense, row * featureDim, (row + 1) * featureDim));
    }
    return FeatureVector.sparse(featureDim, Arrays.copyOfRange(indices, rowPtr[row], rowPtr[row + 1]),
        Arrays.copyOfRange(values, rowPtr[row], rowPtr[row + 1]));
  }

  /**
   * Rows {@code [from, to)} as a new batch (copied).
   *
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @return the slice
   */
  public RowBatch slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rows);
    Builder b = builder(featureDim, labelDim, isSparse()).origin(origin, firstRecord + from);
    for (int r = from; r < to; r++) {
      b.addRowOf(this, r);
    }
    return b.build();
  }

  /**
   * Concatenates batches of the same feature and label dimension. The result is sparse if any input is.
   *
   * @param batches the batches, in order
   * @return one batch holding all rows
   */
  public static RowBatch concat(List<RowBatch> batches) {
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    RowBatch first = batches.get(0);
    boolean sparse = batches.stream().anyMatch(RowBatch::isSparse);
    Builder b = builder(first.featureDim, first.labelDim, sparse).origin(first.origin, first.firstRecord);
    for (RowBatch batch : batches) {
      if (batch.featureDim != first.featureDim || batch.labelDim != first.labelDim) {
        throw new IllegalArgumentException("cannot concatenate a batch with " + batch.featureDim + " features and "
            + batch.labelDim + " labels (from " + batch.origin + ") to one with " + first.featureDim
            + " features and " + first.labelDim + " labels (from " + first.origin + ")");
      }
      for (int r = 0; r < batch.rows; r++) {
        b.addRowOf(batch, r);
      }
    }
    return b.build();
  }

  /**
   * Accumulates rows into a {@link RowBatch}. Arrays grow geometrically, so appending is amortised O(row size).
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final int featureDim;
    private final int labelDim;
    private final boolean sparse;
    private int rows;
    private float[] dense = new float[0];
    private int[] rowPtr = new int[]{0, 0};
    private int[] indices = new int[0];
    private float[] values = new float[0];
    private int nnz;
    private float[] labels = new float[0];
    private float[] weights = new float[0];
    private boolean anyWeight;
    private long[] qids = new long[0];
    private boolean anyQid;
    private String origin = "<memory>";
    private long firstRecord = 1;

    private Builder(int featureDim, int labelDim, boolean sparse) {
      if (featureDim < 0 || labelDim < 0) {
        throw new IllegalArgumentException("featureDim and labelDim must be >= 0, got " + featureDim + " and " + labelDim);
      }
      this.featureDim = featureDim;
      this.labelDim = labelDim;
      this.sparse = sparse;
    }

    /**
     * Records where the rows come from, for error messages downstream.
     *
     * @param origin file or stream name
     * @param firstRecord 1-based record number of the first row
     * @return this builder
     */
    public Builder origin(String origin, long firstRecord) {
      this.origin = Objects.requireNonNull(origin, "origin");
      this.firstRecord = firstRecord;
      return this;
    }

    /** @return the number of rows added so far */
    public int rows() {
      return rows;
    }

    /** @return the feature dimension of this batch */
    public int featureDim() {
      return featureDim;
    }

    private void growRow() {
      if (rows + 1 > weights.length) { // weights always has the row capacity
        int cap = Math.max(16, rows * 2);
        labels = Arrays.copyOf(labels, cap * labelDim);
        weights = Arrays.copyOf(weights, cap);
        qids = Arrays.copyOf(qids, cap);
        if (sparse) {
          rowPtr = Arrays.copyOf(rowPtr, cap + 1);
        } else {
          long values = (long) cap * featureDim;
          if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + cap + " dense rows of " + featureDim + " features "
                + "would hold " + values + " values, more than one array holds; read fewer rows at a time or "
                + "store the rows sparse");
          }
          dense = Arrays.copyOf(dense, (int) values);
        }
      }
    }

    private void putLabelAndWeight(float[] label, float weight) {
      if (labelDim > 0) {
        if (label == null || label.length < labelDim) {
          throw new IllegalArgumentException("row needs " + labelDim + " label values, got "
              + (label == null ? 0 : label.length));
        }
        System.arraycopy(label, 0, labels, rows * labelDim, labelDim);
      }
      weights[rows] = weight;
      if (weight != 1f) {
        anyWeight = true;
      }
    }

    /**
     * Appends a dense row. {@code NaN} marks a missing value.
     *
     * @param x array holding the features
     * @param offset where the row's {@code featureDim} values start in {@code x}
     * @param label the label values (length ≥ labelDim), or null when labelDim is 0
     * @param weight the row weight (1 for unweighted)
     * @return this builder
     */
    public Builder addDense(float[] x, int offset, float[] label, float weight) {
      growRow();
      putLabelAndWeight(label, weight);
      if (sparse) {
        for (int j = 0; j < featureDim; j++) {
          float v = x[offset + j];
          if (v != 0f) {
            pushNonZero(j, v);
          }
        }
        rowPtr[rows + 1] = nnz;
      } else {
        System.arraycopy(x, offset, dense, rows * featureDim, featureDim);
      }
      rows++;
      return this;
    }

    /**
     * Appends a sparse row.
     *
     * @param idx 0-based feature indices, strictly increasing, each in [0, featureDim)
     * @param val values at those indices
     * @param count how many entries of {@code idx}/{@code val} to take
     * @param label the label values, or null when labelDim is 0
     * @param weight the row weight
     * @return this builder
     */
    public Builder addSparse(int[] idx, float[] val, int count, float[] label, float weight) {
      growRow();
      putLabelAndWeight(label, weight);
      if (sparse) {
        for (int k = 0; k < count; k++) {
          pushNonZero(idx[k], val[k]);
        }
        rowPtr[rows + 1] = nnz;
      } else {
        int off = rows * featureDim;
        Arrays.fill(dense, off, off + featureDim, 0f);
        for (int k = 0; k < count; k++) {
          dense[off + idx[k]] = val[k];
        }
      }
      rows++;
      return this;
    }

    /**
     * Sets the query id (learning-to-rank group) of the row added last.
     *
     * @param qid the query id
     * @return this builder
     */
    public Builder qidOfLast(long qid) {
      if (rows == 0) {
        throw new IllegalStateException("no row added yet");
      }
      qids[rows - 1] = qid;
      anyQid = true;
      return this;
    }

    private void pushNonZero(int j, float v) {
      if (nnz == indices.length) {
        int cap = Math.max(64, nnz * 2);
        indices = Arrays.copyOf(indices, cap);
        values = Arrays.copyOf(values, cap);
      }
      indices[nnz] = j;
      values[nnz] = v;
      nnz++;
    }

    /**
     * Appends row {@code r} of another batch with the same dimensions.
     *
     * @param src the batch to copy from
     * @param r the row in {@code src}
     * @return this builder
     */
    public Builder addRowOf(RowBatch src, int r) {
      float[] label = src.labelDim == 0 ? null : Arrays.copyOfRange(src.labels, r * src.labelDim, (r + 1) * src.labelDim);
      if (src.dense != null) {
        addDense(src.dense, r * src.featureDim, label, src.weight(r));
      } else {
        int from = src.rowPtr[r];
        int to = src.rowPtr[r + 1];
        addSparse(Arrays.copyOfRange(src.indices, from, to), Arrays.copyOfRange(src.values, from, to),
            to - from, label, src.weight(r));
      }
      if (src.qids != null) {
        qidOfLast(src.qids[r]);
      }
      return this;
    }

    /**
     * Builds the batch; the builder may be reused afterwards only through {@link #clear(long)}.
     *
     * @return the batch
     */
    public RowBatch build() {
      return new RowBatch(this);
    }

    /**
     * Empties the builder for the next batch, keeping its grown arrays.
     *
     * @param nextFirstRecord the 1-based record number of the next batch's first row
     * @return this builder
     */
    public Builder clear(long nextFirstRecord) {
      rows = 0;
      nnz = 0;
      anyWeight = false;
      anyQid = false;
      firstRecord = nextFirstRecord;
      return this;
    }
  }
}

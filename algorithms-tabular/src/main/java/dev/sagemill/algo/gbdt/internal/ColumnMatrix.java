package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The training rows of a linear booster, by column (CSC): for feature {@code f}, entries
 * {@code colPtr[f] .. colPtr[f+1]} hold the rows ({@code rowIndex}, ascending) and values where the feature is
 * present and nonzero; the same entries by row (CSR: {@code rowPtr}, {@code rowFeature}, {@code rowValue}) give
 * margins row-parallel. Missing values (NaN or absent) and zeros are not stored: they add nothing to a linear
 * margin nor to a coordinate's gradient sums, as in XGBoost's column pages. Labels, instance weights and query
 * groups come with the rows.
 *
 * <p>Immutable after {@link #read}.
 */
final class ColumnMatrix {
  final Schema schema;
  final int rows;
  final int features;
  final int[] colPtr;
  final int[] rowIndex;
  final float[] values;
  final int[] rowPtr;
  final int[] rowFeature;
  final float[] rowValue;
  final float[] labels;
  final float[] weights;
  final int[] groupPtr;

  private ColumnMatrix(Schema schema, int rows, int[] colPtr, int[] rowIndex, float[] values, int[] rowPtr,
      int[] rowFeature, float[] rowValue, float[] labels, float[] weights, int[] groupPtr) {
    this.schema = schema;
    this.rows = rows;
    this.features = schema.featureDim();
    this.colPtr = colPtr;
    this.rowIndex = rowIndex;
    this.values = values;
    this.rowPtr = rowPtr;
    this.rowFeature = rowFeature;
    this.rowValue = rowValue;
    this.labels = labels;
    this.weights = weights;
    this.groupPtr = groupPtr;
  }

  /**
   * Streams a training channel once into columns.
   *
   * @param source the channel (labels required)
   * @param labelCheck validates each label
   * @return the columns
   * @throws IOException on a read failure
   * @throws InvalidDataException naming the record of a bad label, weight or infinite feature, or an empty channel
   */
  static ColumnMatrix read(DataSource source, BinnedData.LabelCheck labelCheck) throws IOException {
    Schema schema = source.schema();
    int d = schema.featureDim();
    // Row-major as read (one pass, unknown size), then transposed.
    int[] cols = new int[1 << 16];
    float[] vals = new float[1 << 16];
    int[] rowPtr = new int[1 << 12];
    float[] labels = new float[1 << 12];
    float[] weights = null;
    long[] qids = null;
    int n = 0;
    int nnz = 0;
    try (BatchStream s = source.open(8192)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch batch = ob.get();
        BinnedData.checkBatch(batch, d, source);
        BinnedData.checkLabelsAndWeights(batch, labelCheck);
        int m = batch.rows();
        if ((long) n + m > Integer.MAX_VALUE - 8) {
          throw new InvalidDataException("training data " + source.description() + " has more than 2^31 rows");
        }
        if (n + m + 1 > rowPtr.length) {
          int cap = Math.max(rowPtr.length * 2, n + m + 1);
          rowPtr = Arrays.copyOf(rowPtr, cap);
          labels = Arrays.copyOf(labels, cap);
          weights = weights == null ? null : Arrays.copyOf(weights, cap);
          qids = qids == null ? null : Arrays.copyOf(qids, cap);
        }
        if (batch.hasWeights() && weights == null) {
          weights = new float[rowPtr.length];
          Arrays.fill(weights, 0, n, 1f);
        }
        if (n > 0 && batch.qids().isPresent() != (qids != null)) {
          throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(),
              "some rows carry qid and others do not; give every row a qid or none");
        }
        if (batch.qids().isPresent()) {
          qids = qids == null ? new long[rowPtr.length] : qids;
          System.arraycopy(batch.qids().get(), 0, qids, n, m);
        }
        for (int r = 0; r < m; r++) {
          labels[n + r] = batch.label(r);
          if (weights != null) {
            weights[n + r] = batch.weight(r);
          }
          long need = (long) nnz + d;
          if (need > cols.length) {
            if (need > Integer.MAX_VALUE - 8) {
              throw new InvalidDataException("training data " + source.description()
                  + " has more than 2^31 nonzero values");
            }
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, cols.length * 2L));
            cols = Arrays.copyOf(cols, cap);
            vals = Arrays.copyOf(vals, cap);
          }
          if (batch.isSparse()) {
            int[] ptr = batch.rowPointers();
            int[] idx = batch.indices();
            float[] x = batch.sparseValues();
            for (int j = ptr[r]; j < ptr[r + 1]; j++) {
              nnz = keep(x[j], idx[j], cols, vals, nnz, batch, r);
            }
          } else {
            float[] x = batch.denseValues();
            for (int f = 0; f < d; f++) {
              nnz = keep(x[r * d + f], f, cols, vals, nnz, batch, r);
            }
          }
          rowPtr[n + r + 1] = nnz;
        }
        n += m;
      }
    }
    if (n == 0) {
      throw new InvalidDataException("training data " + source.description() + " has no rows");
    }
    // Transpose: count per column, then place entries in row order so each column's rows ascend.
    int[] colPtr = new int[d + 1];
    for (int j = 0; j < nnz; j++) {
      colPtr[cols[j] + 1]++;
    }
    for (int f = 0; f < d; f++) {
      colPtr[f + 1] += colPtr[f];
    }
    int[] next = Arrays.copyOf(colPtr, d);
    int[] rowIndex = new int[nnz];
    float[] values = new float[nnz];
    for (int r = 0; r < n; r++) {
      for (int j = rowPtr[r]; j < rowPtr[r + 1]; j++) {
        int at = next[cols[j]]++;
        rowIndex[at] = r;
        values[at] = vals[j];
      }
    }
    int[] groupPtr = qids == null ? null : BinnedData.groupPointers(Arrays.copyOf(qids, n), source);
    return new ColumnMatrix(schema, n, colPtr, rowIndex, values, Arrays.copyOf(rowPtr, n + 1),
        Arrays.copyOf(cols, nnz), Arrays.copyOf(vals, nnz), Arrays.copyOf(labels, n),
        weights == null ? null : Arrays.copyOf(weights, n), groupPtr);
  }

  private static int keep(float v, int f, int[] cols, float[] vals, int nnz, RowBatch batch, int r) {
    if (Float.isNaN(v) || v == 0f) {
      return nnz;
    }
    BinnedData.checkFinite(v, batch, r, f);
    cols[nnz] = f;
    vals[nnz] = v;
    return nnz + 1;
  }

  /** @return the sum of instance weights (the row count when unweighted) */
  double sumWeights() {
    if (weights == null) {
      return rows;
    }
    double s = 0;
    for (float w : weights) {
      s += w;
    }
    return s;
  }
}

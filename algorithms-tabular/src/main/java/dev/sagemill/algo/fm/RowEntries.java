package dev.sagemill.algo.fm;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;

/**
 * A batch's rows as compressed sparse rows: a sparse batch's own arrays, or a dense batch's non-zero cells (a zero
 * feature adds nothing to a factorization machine, so dense rows cost only their non-zeros). Missing values (NaN)
 * are refused with their record.
 */
final class RowEntries {
  final int[] ptr;
  final int[] idx;
  final float[] val;

  private RowEntries(int[] ptr, int[] idx, float[] val) {
    this.ptr = ptr;
    this.idx = idx;
    this.val = val;
  }

  /**
   * @param b the batch
   * @param algorithm the algorithm name for messages
   * @return its entries
   * @throws InvalidDataException naming the record of a NaN value
   */
  static RowEntries of(RowBatch b, String algorithm) {
    int rows = b.rows();
    if (b.isSparse()) {
      int[] p = b.rowPointers();
      float[] v = b.sparseValues();
      for (int r = 0; r < rows; r++) {
        for (int e = p[r]; e < p[r + 1]; e++) {
          if (Float.isNaN(v[e])) {
            throw missing(b, r, b.indices()[e], algorithm);
          }
        }
      }
      return new RowEntries(p, b.indices(), v);
    }
    int d = b.featureDim();
    float[] x = b.denseValues();
    int nnz = 0;
    for (int c = 0; c < rows * d; c++) {
      if (x[c] != 0) {
        nnz++;
      }
    }
    int[] ptr = new int[rows + 1];
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    int e = 0;
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < d; j++) {
        float v = x[r * d + j];
        if (Float.isNaN(v)) {
          throw missing(b, r, j, algorithm);
        }
        if (v != 0) {
          idx[e] = j;
          val[e++] = v;
        }
      }
      ptr[r + 1] = e;
    }
    return new RowEntries(ptr, idx, val);
  }

  private static InvalidDataException missing(RowBatch b, int r, int feature, String algorithm) {
    return new InvalidDataException(b.origin(), "record", b.firstRecord() + r, "feature " + feature
        + " is missing (NaN); " + algorithm + " needs every stored value");
  }
}

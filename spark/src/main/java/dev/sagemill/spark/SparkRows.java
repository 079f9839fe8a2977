package dev.sagemill.spark;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Turns Spark rows into sagemill row batches: the features column's {@code Vector} (dense or sparse, as float32,
 * sagemill's feature type), then the label and the weight when the stage reads them. A null vector, a vector of
 * another dimension, a null label or weight is an {@link InvalidDataException} naming the column, the partition and
 * the row's position in it. Immutable and serializable: executors get a copy.
 *
 * @param featuresCol the features column's name, for messages
 * @param featureDim the dimension every vector must have
 * @param labelCol the label column's name, or null when rows are unlabelled
 * @param weightCol the weight column's name, or null when every row weighs 1
 */
record SparkRows(String featuresCol, int featureDim, String labelCol, String weightCol) implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * Vectors of at most this many features are stored dense whatever their Spark type: VectorAssembler mixes dense
   * and sparse vectors by their zeros, and dense rows are what the engines (sharded boosting among them) want.
   */
  static final int DENSE_UP_TO = 1024;

  /** @return whether rows whose first vector is {@code first} are stored sparse */
  boolean storeSparse(Vector first) {
    return first instanceof SparseVector && featureDim > DENSE_UP_TO;
  }

  /** @return the columns to select, in the order {@link #add} reads them */
  String[] columns() {
    String[] cols = {featuresCol, labelCol, weightCol};
    return Arrays.stream(cols).filter(c -> c != null).toArray(String[]::new);
  }

  /** @return where a partition's rows come from, for messages */
  static String origin(int partition) {
    return "spark partition " + partition;
  }

  /**
   * Reads every row of one partition.
   *
   * @param rows the partition's rows, selected as {@link #columns()}
   * @param partition the partition index
   * @return the rows, dense unless the first vector is sparse
   */
  RowBatch readAll(Iterator<Row> rows, int partition) {
    RowBatch.Builder b = null;
    long position = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      position++;
      Vector v = vector(row.get(0), partition, position);
      if (b == null) {
        b = RowBatch.builder(featureDim, labelCol == null ? 0 : 1, storeSparse(v))
            .origin(origin(partition), 1);
      }
      add(b, row, v, partition, position);
    }
    return b == null ? RowBatch.builder(featureDim, labelCol == null ? 0 : 1, false)
        .origin(origin(partition), 1).build() : b.build();
  }

  /** Checks one row's features value. */
  Vector vector(Object value, int partition, long position) {
    if (value == null) {
      throw bad(partition, position, "its features column '" + featuresCol + "' is null");
    }
    Vector v = (Vector) value;
    if (v.size() != featureDim) {
      throw bad(partition, position, "its features column '" + featuresCol + "' holds a vector of size " + v.size()
          + ", expected " + featureDim);
    }
    return v;
  }

  /** Appends one row read by {@link #vector}. */
  void add(RowBatch.Builder b, Row row, Vector v, int partition, long position) {
    float[] label = null;
    int at = 1;
    if (labelCol != null) {
      if (row.isNullAt(at)) {
        throw bad(partition, position, "its label column '" + labelCol + "' is null");
      }
      label = new float[] {(float) ((Number) row.get(at)).doubleValue()};
      at++;
    }
    float weight = 1f;
    if (weightCol != null) {
      if (row.isNullAt(at)) {
        throw bad(partition, position, "its weight column '" + weightCol + "' is null");
      }
      weight = (float) ((Number) row.get(at)).doubleValue();
    }
    if (v instanceof SparseVector s) {
      int[] idx = s.indices();
      double[] val = s.values();
      float[] f = new float[val.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) val[i];
      }
      b.addSparse(idx, f, idx.length, label, weight);
    } else {
      double[] val = ((DenseVector) v).values();
      float[] f = new float[val.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) val[i];
      }
      b.addDense(f, 0, label, weight);
    }
  }

  private static InvalidDataException bad(int partition, long position, String reason) {
    return new InvalidDataException(origin(partition), "row", position, reason);
  }
}

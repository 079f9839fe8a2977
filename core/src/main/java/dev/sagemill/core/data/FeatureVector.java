package dev.sagemill.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of features, dense or sparse, of a fixed dimension. Used for single-row prediction.
 *
 * <p>Immutable and thread-safe: the arrays are copied on construction and never exposed.
 */
public final class FeatureVector {
  private final int dim;
  private final float[] dense;
  private final int[] indices;
  private final float[] values;

  private FeatureVector(int dim, float[] dense, int[] indices, float[] values) {
    this.dim = dim;
    this.dense = dense;
    this.indices = indices;
    this.values = values;
  }

  /**
   * A dense vector; {@code NaN} marks a missing value.
   *
   * @param values the feature values, length = dimension
   * @return the vector
   */
  public static FeatureVector dense(float... values) {
    return new FeatureVector(values.length, values.clone(), null, null);
  }

  /**
   * A dense vector from doubles, rounded to float32 as SageMaker's Float32 tensors are.
   *
   * @param values the feature values, length = dimension
   * @return the vector
   */
  public static FeatureVector dense(double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return new FeatureVector(f.length, f, null, null);
  }

  /**
   * A sparse vector. Absent indices are zero.
   *
   * @param dim the dimension
   * @param indices strictly increasing 0-based indices in [0, dim)
   * @param values the values at those indices
   * @return the vector
   * @throws IllegalArgumentException if the indices are out of range or not strictly increasing
   */
  public static FeatureVector sparse(int dim, int[] indices, float[] values) {
    Objects.requireNonNull(indices, "indices");
    Objects.requireNonNull(values, "values");
    if (indices.length != values.length) {
      throw new IllegalArgumentException("sparse vector: " + indices.length + " indices but " + values.length + " values");
    }
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= dim) {
        throw new IllegalArgumentException("sparse vector: index " + indices[i] + " outside [0, " + dim + ")");
      }
      if (i > 0 && indices[i] <= indices[i - 1]) {
        throw new IllegalArgumentException("sparse vector: indices must be strictly increasing, got "
            + indices[i - 1] + " then " + indices[i]);
      }
    }
    return new FeatureVector(dim, null, indices.clone(), values.clone());
  }

  /**
   * The dimension.
   *
   * @return the number of features
   */
  public int dim() {
    return dim;
  }

  /**
   * Whether this vector is stored sparse.
   *
   * @return true if sparse
   */
  public boolean isSparse() {
    return dense == null;
  }

  /**
   * The value of feature {@code i}.
   *
   * @param i a 0-based feature index
   * @return the value (0 for an absent sparse entry)
   */
  public float get(int i) {
    Objects.checkIndex(i, dim);
    if (dense != null) {
      return dense[i];
    }
    int k = Arrays.binarySearch(indices, i);
    return k >= 0 ? values[k] : 0f;
  }

  /**
   * The number of stored entries (dimension for dense vectors).
   *
   * @return the stored entry count
   */
  public int storedCount() {
    return dense != null ? dim : indices.length;
  }

  /**
   * The feature index of the {@code k}-th stored entry.
   *
   * @param k a stored-entry position in [0, storedCount())
   * @return the feature index
   */
  public int storedIndex(int k) {
    return dense != null ? k : indices[k];
  }

  /**
   * The value of the {@code k}-th stored entry.
   *
   * @param k a stored-entry position in [0, storedCount())
   * @return the value
   */
  public float storedValue(int k) {
    return dense != null ? dense[k] : values[k];
  }

  /**
   * A copy as a dense array.
   *
   * @return the dense values
   */
  public float[] toDense() {
    if (dense != null) {
      return dense.clone();
    }
    float[] out = new float[dim];
    for (int k = 0; k < indices.length; k++) {
      out[indices[k]] = values[k];
    }
    return out;
  }

  /**
   * A one-row batch holding this vector, with no label.
   *
   * @return the batch
   */
  public RowBatch toBatch() {
    RowBatch.Builder b = RowBatch.builder(dim, 0, isSparse());
    if (dense != null) {
      b.addDense(dense, 0, null, 1f);
    } else {
      b.addSparse(indices, values, indices.length, null, 1f);
    }
    return b.build();
  }
}

package dev.sagemill.core.estimator;

import dev.sagemill.core.data.RowBatch;
import java.util.List;

/**
 * A model that can place rows in a plane for a picture, so a front end (the CLI's {@code plot} and {@code report})
 * draws any such model without naming its algorithm: PCA places rows on its two largest components, k-means on the
 * plane of its centers' two main directions, with each row's cluster and the centers marked.
 *
 * <p>Implementations are thread-safe, as models are.
 */
public interface PlaneView {
  /** @return the names of the two axes, for the picture */
  List<String> axes();

  /**
   * The rows' coordinates in the plane.
   *
   * @param rows rows of the model's {@code feature_dim} features
   * @return {@code rows × 2}, row-major
   * @throws dev.sagemill.core.error.InvalidDataException if a row does not fit the model
   */
  double[] place(RowBatch rows);

  /**
   * The group of each row (k-means' nearest cluster).
   *
   * @param rows the rows
   * @return per row its group, or null when the model has no groups
   */
  default int[] groups(RowBatch rows) {
    return null;
  }

  /** @return the groups' centers in the plane, {@code groups × 2}; empty when the model has no groups */
  default double[][] centers() {
    return new double[0][];
  }
}

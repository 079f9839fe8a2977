package dev.sagemill.core.estimator;

import dev.sagemill.core.data.FeatureVector;

/**
 * A model whose answers split into per-feature contributions (SHAP values, Lundberg &amp; Lee 2017): for every
 * output group, one value per feature and the bias last, summing to the raw (margin) answer.
 *
 * <p>Thread-safe, as every {@link Model}.
 */
public interface Explainable {
  /**
   * Per-feature contributions to the raw answer.
   *
   * @param x the features; dimension {@code schema().featureDim()}
   * @return {@code groups × (featureDim + 1)} values, group-major, bias last in each group
   * @throws dev.sagemill.core.error.InvalidDataException if the dimension differs
   */
  double[] contributions(FeatureVector x);

  /**
   * Pairwise interaction contributions: for every group a {@code (featureDim + 1)²} matrix whose row sums are the
   * {@link #contributions(FeatureVector)}.
   *
   * @param x the features; dimension {@code schema().featureDim()}
   * @return {@code groups × (featureDim + 1)²} values, group-major, row-major within a group
   * @throws dev.sagemill.core.error.InvalidDataException if the dimension differs
   */
  double[] interactions(FeatureVector x);
}

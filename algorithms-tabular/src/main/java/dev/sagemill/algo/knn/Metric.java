package dev.sagemill.algo.knn;

import java.util.Locale;

/**
 * The search metrics of SageMaker's k-NN ({@code index_metric}). Every metric is reported as a distance, smaller
 * meaning nearer, so neighbors always come in ascending order: {@code L2} the squared Euclidean distance (as FAISS
 * reports it), {@code INNER_PRODUCT} the negated inner product, {@code COSINE} one minus the cosine similarity
 * (vectors are normalized to unit length when indexed and queried, then searched by inner product).
 */
public enum Metric {
  /** Squared Euclidean distance. */
  L2,
  /** Negated inner product. */
  INNER_PRODUCT,
  /** One minus cosine similarity. */
  COSINE;

  /**
   * @param name SageMaker's name
   * @return the metric
   */
  public static Metric of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** @return true when the kernel ranks by ‖x‖² − 2q·x rather than by −q·x */
  boolean euclidean() {
    return this == L2;
  }

}

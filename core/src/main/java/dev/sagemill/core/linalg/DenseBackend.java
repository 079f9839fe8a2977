package dev.sagemill.core.linalg;

/** One implementation of the dense kernels. Implementations are stateless and thread-safe. */
interface DenseBackend {
  /** @return a short name for logs ("java", "nd4j") */
  String name();

  /**
   * C = alpha · op(A) · op(B) + beta · C, all row-major; op(X) is X or Xᵀ.
   *
   * @param transA whether A is stored k × m (use Aᵀ)
   * @param transB whether B is stored n × k (use Bᵀ)
   * @param m rows of op(A) and C
   * @param n columns of op(B) and C
   * @param k inner dimension
   * @param alpha scale of the product
   * @param a A's values
   * @param b B's values
   * @param beta scale of C's previous values
   * @param c C's values, m × n, updated in place
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b, float beta,
      float[] c);
}

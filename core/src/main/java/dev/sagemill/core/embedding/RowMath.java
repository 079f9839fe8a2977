package dev.sagemill.core.embedding;

/**
 * Dot products and scaled additions between rows of flat row-major {@code float[]} matrices (row {@code r} of a
 * {@code dim}-wide matrix starts at {@code r * dim}), unrolled by four so the JIT keeps the running sums in
 * registers. These are the inner loops of the embedding learners; no allocation.
 *
 * <p>Thread-safe: stateless. Callers that share matrices across threads without locks (Hogwild) accept the races
 * on purpose.
 */
public final class RowMath {
  private RowMath() {}

  /**
   * @param a first array
   * @param aOff where its row starts
   * @param b second array
   * @param bOff where its row starts
   * @param n the row length
   * @return Σ a[aOff+i]·b[bOff+i], summed in four interleaved partial sums
   */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * y[yOff+i] += alpha · x[xOff+i] for i in [0, n).
   *
   * @param alpha the scale
   * @param x the added row's array
   * @param xOff where it starts
   * @param y the updated row's array
   * @param yOff where it starts
   * @param n the row length
   */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }
}

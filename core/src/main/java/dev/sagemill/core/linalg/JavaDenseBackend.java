package dev.sagemill.core.linalg;

/**
 * Plain-Java kernels: an i-k-j loop order so the innermost loop streams rows of B and C (the JIT vectorises it),
 * with transposed operands read through their strides. Fast enough for the small matrices it is chosen for.
 */
final class JavaDenseBackend implements DenseBackend {
  @Override
  public String name() {
    return "java";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
      float beta, float[] c) {
    if (beta != 1f) {
      for (int i = 0; i < m * n; i++) {
        c[i] = beta == 0f ? 0f : beta * c[i];
      }
    }
    float[] bt = b;
    if (transB) { // make B row-major k × n once so the inner loop is contiguous
      bt = new float[k * n];
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          bt[p * n + j] = b[j * k + p];
        }
      }
    }
    for (int i = 0; i < m; i++) {
      int ci = i * n;
      for (int p = 0; p < k; p++) {
        float aip = alpha * (transA ? a[p * m + i] : a[i * k + p]);
        if (aip == 0f) {
          continue;
        }
        int bp = p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += aip * bt[bp + j];
        }
      }
    }
  }
}

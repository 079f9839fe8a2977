package dev.sagemill.core.linalg;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Kernels on ND4J's native backend (OpenBLAS sgemm). Loaded only when ND4J is on the class path. */
final class Nd4jDenseBackend implements DenseBackend {
  Nd4jDenseBackend() {
    Nd4j.create(DataType.FLOAT, 1, 1); // load the native backend now, so a missing one fails at selection
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
      float beta, float[] c) {
    INDArray x = Nd4j.create(a, transA ? new long[] {k, m} : new long[] {m, k}, 'c');
    INDArray y = Nd4j.create(b, transB ? new long[] {n, k} : new long[] {k, n}, 'c');
    INDArray z = Nd4j.create(c, new long[] {m, n}, 'c');
    Nd4j.gemm(x, y, z, transA, transB, alpha, beta);
    float[] out = z.data().asFloat();
    System.arraycopy(out, 0, c, 0, m * n);
  }
}

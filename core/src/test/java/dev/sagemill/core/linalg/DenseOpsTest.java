package dev.sagemill.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sagemill.core.random.RandomStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DenseOpsTest {
  private static float[] random(int n, long seed) {
    RandomStream r = RandomStream.of(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  /** The textbook triple loop in double precision: the independent reference. */
  private static double[] reference(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, float[] b,
      float beta, float[] c) {
    double[] out = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += (double) (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        }
        out[i * n + j] = alpha * s + beta * c[i * n + j];
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"3,4,5,false,false", "7,2,9,true,false", "5,6,3,false,true", "4,4,4,true,true",
      "200,150,180,false,false", "160,170,190,true,true", "256,64,300,true,false"})
  void productsMatchTheTextbookLoopOnEveryBackend(int m, int n, int k, boolean ta, boolean tb) {
    float[] a = random(m * k, 1);
    float[] b = random(k * n, 2);
    float[] c0 = random(m * n, 3);
    double[] want = reference(ta, tb, m, n, k, 0.5f, a, b, 2f, c0);
    float[] c = c0.clone();
    DenseOps.gemm(ta, tb, m, n, k, 0.5f, a, b, 2f, c);
    float[] j = c0.clone();
    new JavaDenseBackend().gemm(ta, tb, m, n, k, 0.5f, a, b, 2f, j);
    for (int i = 0; i < m * n; i++) {
      double tol = 1e-4 * Math.sqrt(k) + 1e-5 * Math.abs(want[i]);
      assertEquals(want[i], c[i], tol, "routed backend, entry " + i);
      assertEquals(want[i], j[i], tol, "java backend, entry " + i);
    }
    if (2L * m * n * k >= DenseOps.NATIVE_MIN_FLOPS) {
      assertEquals("nd4j", DenseOps.nativeBackend(), "ND4J is on core's test class path");
      float[] nd = c0.clone();
      new Nd4jDenseBackend().gemm(ta, tb, m, n, k, 0.5f, a, b, 2f, nd);
      for (int i = 0; i < m * n; i++) {
        assertEquals(want[i], nd[i], 1e-4 * Math.sqrt(k) + 1e-5 * Math.abs(want[i]), "nd4j backend, entry " + i);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"50,4", "3000,40"})
  void gramIsXTransposeX(int rows, int cols) {
    float[] x = random(rows * cols, 4);
    float[] g = DenseOps.gram(x, rows, cols);
    double[] want = reference(true, false, cols, cols, rows, 1f, x, x, 0f, new float[cols * cols]);
    for (int i = 0; i < cols * cols; i++) {
      assertEquals(want[i], g[i], 1e-3 * Math.sqrt(rows));
    }
    assertEquals(g[1], g[cols], 1e-3f, "symmetric");
  }

  @ParameterizedTest
  @CsvSource({"3,3,3"})
  void shapesMustFitTheArrays(int m, int n, int k) {
    assertThrows(IllegalArgumentException.class,
        () -> DenseOps.gemm(false, false, m, n, k, 1f, new float[m * k - 1], new float[k * n], 0f, new float[m * n]));
  }
}

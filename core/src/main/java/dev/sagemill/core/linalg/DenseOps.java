package dev.sagemill.core.linalg;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dense kernels on row-major float matrices. Products of at least {@link #NATIVE_MIN_FLOPS} floating-point
 * operations go to ND4J (OpenBLAS, all cores) when ND4J's native backend is on the class path; smaller ones, and
 * all of them without ND4J, run in plain Java. The system property {@code sagemill.linalg} forces a backend
 * ({@code java} or {@code nd4j}).
 *
 * <p>Thread-safe: the kernels keep no state.
 */
public final class DenseOps {
  /** Below this many flops (2·m·n·k) copying into native memory costs more than Java's loop. */
  public static final long NATIVE_MIN_FLOPS = 1L << 22;

  private static final Logger LOG = LoggerFactory.getLogger(DenseOps.class);

  private DenseOps() {}

  private static final class Holder {
    static final DenseBackend JAVA = new JavaDenseBackend();
    static final DenseBackend NATIVE = loadNative();

    private static DenseBackend loadNative() {
      String forced = System.getProperty("sagemill.linalg", "").toLowerCase(Locale.ROOT);
      if (forced.equals("java")) {
        return null;
      }
      try {
        Class.forName("org.nd4j.linalg.factory.Nd4j", false, DenseOps.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        if (forced.equals("nd4j")) {
          throw new IllegalStateException("sagemill.linalg=nd4j, but ND4J is not on the class path");
        }
        return null;
      }
      try {
        return new Nd4jDenseBackend();
      } catch (Throwable t) { // a missing or broken native library must not take the JVM down
        if (forced.equals("nd4j")) {
          throw new IllegalStateException("sagemill.linalg=nd4j, but ND4J's native backend failed to load", t);
        }
        LOG.warn("ND4J is on the class path but its native backend failed to load ({}); using plain Java", t.toString());
        return null;
      }
    }
  }

  /** @return the name of the backend large products use: {@code nd4j} or {@code java} */
  public static String nativeBackend() {
    return Holder.NATIVE == null ? "java" : Holder.NATIVE.name();
  }

  private static DenseBackend backendFor(long flops) {
    String forced = System.getProperty("sagemill.linalg", "");
    if (Holder.NATIVE != null && (flops >= NATIVE_MIN_FLOPS || forced.equalsIgnoreCase("nd4j"))) {
      return Holder.NATIVE;
    }
    return Holder.JAVA;
  }

  /**
   * C = alpha · op(A) · op(B) + beta · C for row-major matrices; op(X) is X, or Xᵀ when the flag is set.
   *
   * @param transA use Aᵀ (A is stored k × m)
   * @param transB use Bᵀ (B is stored n × k)
   * @param m rows of op(A) and of C
   * @param n columns of op(B) and of C
   * @param k columns of op(A), rows of op(B)
   * @param alpha scale of the product
   * @param a A, m·k values
   * @param b B, k·n values
   * @param beta scale of C's previous values (0 overwrites C)
   * @param c C, m·n values, updated in place
   * @throws IllegalArgumentException if an array is shorter than its shape
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b,
      float beta, float[] c) {
    if (m < 0 || n < 0 || k < 0 || a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "gemm: shapes %d×%d · %d×%d → %d×%d do not fit"
          + " arrays of %d, %d and %d values", m, k, k, n, m, n, a.length, b.length, c.length));
    }
    if (m == 0 || n == 0) {
      return;
    }
    backendFor(2L * m * n * k).gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  }

  /**
   * The Gram matrix XᵀX of a row-major {@code rows × cols} matrix (the covariance kernel of PCA and least squares).
   *
   * @param x the matrix
   * @param rows its rows
   * @param cols its columns
   * @return XᵀX, {@code cols × cols} row-major
   */
  public static float[] gram(float[] x, int rows, int cols) {
    float[] g = new float[cols * cols];
    gemm(true, false, cols, cols, rows, 1f, x, x, 0f, g);
    return g;
  }
}

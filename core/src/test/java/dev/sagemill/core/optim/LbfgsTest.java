package dev.sagemill.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

class LbfgsTest {
  private final Lbfgs lbfgs = new Lbfgs(10, 500, 1e-8, 0);

  @Test
  void reachesTheClosedFormMinimumOfAQuadratic() {
    int n = 12;
    double[][] a = new double[n][n];
    double[] b = new double[n];
    java.util.Random rnd = new java.util.Random(3);
    double[][] m = new double[n][n];
    for (double[] row : m) {
      for (int j = 0; j < n; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) { // A = MᵀM + I: symmetric positive definite, condition number in the hundreds
      b[i] = rnd.nextGaussian();
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          a[i][j] += m[k][i] * m[k][j];
        }
      }
      a[i][i] += 1;
    }
    double[] expected = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver()
        .solve(new ArrayRealVector(b)).toArray();
    Lbfgs.Result r = lbfgs.minimize((x, g) -> {
      double f = 0;
      for (int i = 0; i < n; i++) {
        double ax = 0;
        for (int j = 0; j < n; j++) {
          ax += a[i][j] * x[j];
        }
        g[i] = ax - b[i];
        f += 0.5 * x[i] * ax - b[i] * x[i];
      }
      return f;
    }, new double[n]);
    assertTrue(r.converged(), r.toString());
    // A's eigenvalues are at least 1, so |x - x*| <= |∇f(x)| <= the gradient tolerance.
    assertArrayEquals(expected, r.x(), 1e-7);
  }

  @Test
  void findsRosenbrocksValley() {
    Lbfgs.Result r = lbfgs.minimize((x, g) -> {
      double u = 1 - x[0];
      double v = x[1] - x[0] * x[0];
      g[0] = -2 * u - 400 * x[0] * v;
      g[1] = 200 * v;
      return u * u + 100 * v * v;
    }, new double[] {-1.2, 1});
    assertTrue(r.converged(), r.toString());
    assertArrayEquals(new double[] {1, 1}, r.x(), 1e-6);
    assertTrue(r.iterations() < 100, "iterations " + r.iterations());
  }

  @Test
  void stopsOnRelativeDecreaseAndLeavesTheStartAlone() {
    double[] start = {5};
    Lbfgs.Result r = new Lbfgs(5, 100, 0, 1e-12).minimize((x, g) -> {
      g[0] = 2 * (x[0] - 2);
      return (x[0] - 2) * (x[0] - 2) + 7;
    }, start);
    assertEquals(2, r.x()[0], 1e-6);
    assertEquals(7, r.value(), 1e-10);
    assertEquals(5, start[0]);
  }

  @Test
  void refusesBadSettingsAndANonFiniteStart() {
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0, 10, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Lbfgs(3, 10, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> lbfgs.minimize((x, g) -> Double.NaN, new double[2]));
  }
}

package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** Each objective's gradient and hessian are the derivatives of its loss (checked by finite differences). */
class ObjectivesTest {
  private static final double H = 1e-4;

  /** Checks g = dL/dm and h = c · d²L/dm² at several (label, margin) points. */
  private static void check(String name, DoubleBinaryOperator loss, double[] labels, double[] margins,
      double hessFactor) {
    Objective o = Objectives.of(name, 0.7, 1.5, 1.0);
    for (double y : labels) {
      for (double m : margins) {
        float[][] gh = new float[1][2];
        o.gradients(new Objective.GradientContext(new float[] {(float) y}, null, null, 1), new double[] {m}, gh, 0, 1);
        double g = (loss.applyAsDouble(y, m + H) - loss.applyAsDouble(y, m - H)) / (2 * H);
        double h = (loss.applyAsDouble(y, m + H) - 2 * loss.applyAsDouble(y, m) + loss.applyAsDouble(y, m - H))
            / (H * H);
        String at = name + " at y=" + y + ", m=" + m;
        assertEquals(g, gh[0][0], 1e-3 * Math.max(1, Math.abs(g)), "gradient of " + at);
        assertEquals(h * hessFactor, gh[0][1], 2e-3 * Math.max(1, Math.abs(h * hessFactor)), "hessian of " + at);
      }
    }
  }

  @Test
  void gradientsAreDerivativesOfTheLoss() {
    double[] margins = {-1.5, -0.2, 0.3, 1.1};
    check("reg:squarederror", (y, m) -> 0.5 * (m - y) * (m - y), new double[] {-2, 0.5, 3}, margins, 1);
    DoubleBinaryOperator logloss = (y, m) -> {
      double p = 1 / (1 + Math.exp(-m));
      return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    };
    check("binary:logistic", logloss, new double[] {0, 1, 0.3}, margins, 1);
    check("reg:logistic", logloss, new double[] {0, 1}, margins, 1);
    check("reg:pseudohubererror", (y, m) -> Math.sqrt(1 + (m - y) * (m - y)) - 1, new double[] {-1, 0, 2}, margins,
        1);
    // XGBoost multiplies Poisson's hessian by exp(max_delta_step) = exp(0.7) as a safeguard.
    check("count:poisson", (y, m) -> Math.exp(m) - y * m, new double[] {0, 1, 4}, margins, Math.exp(0.7));
    check("reg:gamma", (y, m) -> y * Math.exp(-m) + m, new double[] {0.5, 2}, margins, 1);
    double rho = 1.5;
    check("reg:tweedie", (y, m) -> -y * Math.exp((1 - rho) * m) / (1 - rho) + Math.exp((2 - rho) * m) / (2 - rho),
        new double[] {0, 1, 3}, margins, 1);
    check("reg:squaredlogerror", (y, m) -> 0.5 * Math.pow(Math.log1p(m) - Math.log1p(y), 2),
        // where the hessian is positive (XGBoost floors it at 1e-6)
        new double[] {1, 5}, new double[] {0.2, 1.1, 3}, 1);
  }

  @Test
  void softmaxGradientIsProbabilityMinusIndicatorWithXGBoostsHessian() {
    Objective o = Objectives.of("multi:softprob", 0.7, 1.5, 1.0);
    double[] m = {0.5, -1, 2};
    float[][] gh = new float[3][2];
    o.gradients(new Objective.GradientContext(new float[] {2}, null, null, 3), m, gh, 0, 1);
    double z = Math.exp(0.5) + Math.exp(-1) + Math.exp(2);
    for (int k = 0; k < 3; k++) {
      double p = Math.exp(m[k]) / z;
      assertEquals(p - (k == 2 ? 1 : 0), gh[k][0], 1e-6);
      assertEquals(2 * p * (1 - p), gh[k][1], 1e-6);
    }
  }

  @Test
  void hingeIsActiveOnlyInsideTheMargin() {
    Objective o = Objectives.of("binary:hinge", 0.7, 1.5, 1.0);
    float[][] gh = new float[1][4];
    o.gradients(new Objective.GradientContext(new float[] {1, 0}, null, null, 1), new double[] {0.5, -2}, gh, 0, 2);
    assertEquals(-1, gh[0][0]);
    assertEquals(1, gh[0][1]);
    assertEquals(0, gh[0][2]);
  }

  @Test
  void gradientsWrittenThroughARowMapAreThoseOfTheirRows() {
    int n = 1500;
    Random rnd = new Random(3);
    float[] labels = new float[n];
    float[] weights = new float[n];
    double[] margins = new double[n];
    int[] rowAt = new int[n];
    for (int r = 0; r < n; r++) {
      labels[r] = rnd.nextInt(2);
      weights[r] = 0.5f + rnd.nextFloat();
      margins[r] = rnd.nextGaussian();
      rowAt[r] = r;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = rowAt[i];
      rowAt[i] = rowAt[j];
      rowAt[j] = t;
    }
    for (String name : Objectives.NAMES) {
      Objective o = Objectives.of(name, 0.7, 1.5, 1.0);
      if (name.startsWith("multi:") || name.startsWith("rank:")) {
        assertFalse(o.pointwise(), name);
        assertThrows(UnsupportedOperationException.class, () -> o.gradientsAt(null, margins, rowAt, null, 0, 1));
        continue;
      }
      assertTrue(o.pointwise(), name);
      for (float[] w : new float[][] {null, weights}) {
        Objective.GradientContext ctx = new Objective.GradientContext(labels, w, null, 1);
        float[][] byRow = new float[1][2 * n];
        o.gradients(ctx, margins, byRow, 0, n);
        float[] expected = new float[2 * n];
        for (int i = 0; i < n; i++) {
          expected[2 * i] = byRow[0][2 * rowAt[i]];
          expected[2 * i + 1] = byRow[0][2 * rowAt[i] + 1];
        }
        float[] mapped = new float[2 * n];
        // Two ranges, one not a multiple of the gather block, as threads call it.
        o.gradientsAt(ctx, margins, rowAt, mapped, 0, 700);
        o.gradientsAt(ctx, margins, rowAt, mapped, 700, n);
        assertArrayEquals(expected, mapped, name + (w == null ? "" : ", weighted"));
      }
    }
  }
}

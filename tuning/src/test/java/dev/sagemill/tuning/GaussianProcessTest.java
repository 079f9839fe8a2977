package dev.sagemill.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianProcessTest {
  /** A smooth surface on the unit square, minimum 0 at (0.3, 0.6). */
  private static double bowl(double[] p) {
    double a = p[0] - 0.3;
    double b = p[1] - 0.6;
    return a * a + 2 * b * b + 0.1 * Math.sin(5 * p[0]) * a;
  }

  private static GaussianProcess fitOnGrid(int side, double lo, double hi) {
    double[][] x = new double[side * side][];
    double[] y = new double[x.length];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        double[] p = {lo + (hi - lo) * i / (side - 1), lo + (hi - lo) * j / (side - 1)};
        x[i * side + j] = p;
        y[i * side + j] = bowl(p);
      }
    }
    return GaussianProcess.fit(x, y, null, 200);
  }

  @Test
  void interpolatesASmoothSurfaceBetweenItsPoints() {
    GaussianProcess gp = fitOnGrid(6, 0, 1);
    double worstError = 0;
    for (double u = 0.1; u < 1; u += 0.2) {
      for (double v = 0.1; v < 1; v += 0.2) {
        double[] p = {u, v};
        worstError = Math.max(worstError, Math.abs(gp.mean(p) - bowl(p)));
      }
    }
    // The surface spans about 0.9 on the square; the grid's midpoints are predicted to a few thousandths.
    assertTrue(worstError < 0.01, "worst error " + worstError);
  }

  @Test
  void farFromEveryPointThePredictionIsTheWorstLossSeen() {
    // A surface that changes within a few hundredths, sampled in one corner: the fitted length scales are short, so
    // the opposite corner is far from every point and its prediction is the prior mean, the largest loss seen (with
    // the average as prior mean it would be about 0).
    double[][] x = new double[36][];
    double[] y = new double[36];
    double worst = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 36; i++) {
      x[i] = new double[] {0.04 * (i / 6), 0.04 * (i % 6)};
      y[i] = Math.sin(40 * x[i][0]) * Math.cos(40 * x[i][1]);
      worst = Math.max(worst, y[i]);
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, null, 200);
    assertEquals(worst, gp.mean(new double[] {1, 1}), 0.01);
    assertEquals(y[7], gp.mean(x[7]), 0.05);
  }

  @Test
  void expectedImprovementIsLargestNearThePredictedMinimum() {
    GaussianProcess gp = fitOnGrid(5, 0, 1);
    double near = gp.expectedImprovement(new double[] {0.3, 0.6});
    double edge = gp.expectedImprovement(new double[] {1, 0});
    assertTrue(near > 0 && edge >= 0, near + " " + edge);
    assertTrue(near > 100 * edge, "near the minimum " + near + ", far corner " + edge);
  }
}

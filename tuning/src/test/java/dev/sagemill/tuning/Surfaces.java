package dev.sagemill.tuning;

import java.util.Map;

/** Test functions of global optimisation with known minima, as training functions reporting {@code loss}. */
final class Surfaces {
  /** Branin's global minimum, reached at (−π, 12.275), (π, 2.275) and (9.42478, 2.475). */
  static final double BRANIN_MIN = 0.397887;
  /** Hartmann-6's global minimum. */
  static final double HARTMANN6_MIN = -3.32237;

  private Surfaces() {}

  /** Branin on x1 ∈ [−5, 10], x2 ∈ [0, 15]. */
  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double u = x2 - b * x1 * x1 + c * x1 - 6;
    return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] P = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
      {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991}, {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
      {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

  /** Hartmann-6 on [0, 1]^6. */
  static double hartmann6(double[] x) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      double e = 0;
      for (int j = 0; j < 6; j++) {
        e += A[i][j] * (x[j] - P[i][j]) * (x[j] - P[i][j]);
      }
      s += ALPHA[i] * Math.exp(-e);
    }
    return -s;
  }

  /** Branin as a tuning target over ranges x1, x2. */
  static TrainingFunction braninFunction() {
    return (hps, ctx) -> outcome(branin(d(hps, "x1"), d(hps, "x2")), ctx);
  }

  /** Hartmann-6 as a tuning target over ranges x0..x5. */
  static TrainingFunction hartmannFunction() {
    return (hps, ctx) -> {
      double[] x = new double[6];
      for (int j = 0; j < 6; j++) {
        x[j] = d(hps, "x" + j);
      }
      return outcome(hartmann6(x), ctx);
    };
  }

  static TrialOutcome outcome(double loss, TrialContext ctx) {
    ctx.listener().onEpoch(1, 1, Map.of("loss", loss));
    return new TrialOutcome(Map.of("loss", loss), null);
  }

  static double d(Map<String, String> hps, String name) {
    return Double.parseDouble(hps.get(name));
  }
}

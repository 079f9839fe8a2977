package dev.sagemill.tuning;

import java.util.Map;

/**
 * The standard test functions of global optimisation, with known minima, as {@link TrainingFunction}s that report
 * their value as the metric {@value #METRIC} (to minimise). They let a search strategy be checked and compared at no
 * training cost: Branin (2-D, three global minima) and Hartmann-6 (6-D, one global minimum among several local ones).
 */
public final class TestSurfaces {
  /** The metric name the functions report. */
  public static final String METRIC = "loss";
  /** Branin's global minimum, reached at (−π, 12.275), (π, 2.275) and (9.42478, 2.475). */
  public static final double BRANIN_MIN = 0.397887;
  /** Hartmann-6's global minimum, reached near (0.2017, 0.1500, 0.4769, 0.2753, 0.3117, 0.6573). */
  public static final double HARTMANN6_MIN = -3.32237;

  private TestSurfaces() {}

  /**
   * @param x1 in [−5, 10]
   * @param x2 in [0, 15]
   * @return Branin's value at (x1, x2)
   */
  public static double branin(double x1, double x2) {
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

  /**
   * @param x a point of [0, 1]^6
   * @return Hartmann-6's value at x
   */
  public static double hartmann6(double[] x) {
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

  /** @return Branin as a tuning target over continuous ranges {@code x1 ∈ [−5, 10]}, {@code x2 ∈ [0, 15]} */
  public static TrainingFunction braninFunction() {
    return (hps, ctx) -> outcome(branin(d(hps, "x1"), d(hps, "x2")), ctx);
  }

  /** @return Hartmann-6 as a tuning target over continuous ranges {@code x0 … x5}, each in [0, 1] */
  public static TrainingFunction hartmannFunction() {
    return (hps, ctx) -> {
      double[] x = new double[6];
      for (int j = 0; j < 6; j++) {
        x[j] = d(hps, "x" + j);
      }
      return outcome(hartmann6(x), ctx);
    };
  }

  private static TrialOutcome outcome(double loss, TrialContext ctx) {
    ctx.listener().onEpoch(1, 1, Map.of(METRIC, loss));
    return new TrialOutcome(Map.of(METRIC, loss), null);
  }

  private static double d(Map<String, String> hps, String name) {
    return Double.parseDouble(hps.get(name));
  }
}

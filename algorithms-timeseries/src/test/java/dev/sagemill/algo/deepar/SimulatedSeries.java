package dev.sagemill.algo.deepar;

import dev.sagemill.core.data.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hourly series of a known process: a level per series, a daily sine of amplitude {@code level/2}, and AR(1)
 * Gaussian noise ({@code e_t = φ e_{t−1} + σ ε_t}), so the true one-step-ahead forecast distribution is known.
 */
final class SimulatedSeries {
  static final double PHI = 0.5;
  static final double SIGMA = 1.0;

  private SimulatedSeries() {}

  static List<TimeSeries> generate(int count, int length, long seed) {
    Random r = new Random(seed);
    List<TimeSeries> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double level = 10 + 10 * r.nextDouble();
      double[] y = new double[length];
      double e = 0;
      for (int t = 0; t < length; t++) {
        e = PHI * e + SIGMA * r.nextGaussian();
        y[t] = level + level / 2 * Math.sin(2 * Math.PI * t / 24) + e;
      }
      out.add(new TimeSeries("2024-01-01 00:00:00", y, new int[0], new double[0][]));
    }
    return out;
  }
}

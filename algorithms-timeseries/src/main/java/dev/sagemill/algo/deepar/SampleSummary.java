package dev.sagemill.algo.deepar;

import java.util.Arrays;

/**
 * The mean and quantiles of one series' sample paths, per forecast step. Quantiles interpolate linearly between
 * order statistics (NumPy's default, which GluonTS's sample forecasts use).
 *
 * <p>Immutable after construction.
 */
final class SampleSummary {
  private final double[][] sorted;
  private final double[] mean;

  /** @param paths {@code paths × horizon} draws */
  SampleSummary(double[][] paths) {
    int h = paths[0].length;
    sorted = new double[h][paths.length];
    mean = new double[h];
    for (int j = 0; j < h; j++) {
      double sum = 0;
      for (int p = 0; p < paths.length; p++) {
        sorted[j][p] = paths[p][j];
        sum += paths[p][j];
      }
      mean[j] = sum / paths.length;
      Arrays.sort(sorted[j]);
    }
  }

  /** @return the mean per step */
  double[] mean() {
    return mean.clone();
  }

  /**
   * @param q the level in [0, 1]
   * @return the quantile per step
   */
  double[] quantile(double q) {
    double[] out = new double[sorted.length];
    for (int j = 0; j < out.length; j++) {
      double[] s = sorted[j];
      double pos = q * (s.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(s.length - 1, lo + 1);
      out[j] = s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
    return out;
  }
}

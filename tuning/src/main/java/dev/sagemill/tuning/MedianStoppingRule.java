package dev.sagemill.tuning;

import java.util.Arrays;
import java.util.List;

/**
 * SageMaker's {@code TrainingJobEarlyStoppingType=Auto}: after iteration {@code e}, a job stops when its objective
 * is worse than the median, over the completed jobs that reached {@code e}, of their running averages of the
 * objective up to {@code e}. Losses are compared, so the rule serves both directions.
 */
final class MedianStoppingRule {
  /** Completed jobs needed before the rule stops anything. */
  static final int MIN_COMPLETED = 3;

  private MedianStoppingRule() {}

  /**
   * @param completed the completed jobs' loss curves
   * @param iteration the iteration just finished, from 1
   * @param loss the job's loss after it
   * @return true if the job should stop
   */
  static boolean shouldStop(List<double[]> completed, int iteration, double loss) {
    double[] averages = new double[completed.size()];
    int n = 0;
    for (double[] curve : completed) {
      if (curve.length >= iteration) {
        double s = 0;
        for (int i = 0; i < iteration; i++) {
          s += curve[i];
        }
        averages[n++] = s / iteration;
      }
    }
    if (n < MIN_COMPLETED) {
      return false;
    }
    double[] a = Arrays.copyOf(averages, n);
    Arrays.sort(a);
    double median = n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
    return loss > median;
  }
}

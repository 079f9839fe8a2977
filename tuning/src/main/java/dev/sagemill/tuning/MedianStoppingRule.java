package dev.sagemill.tuning;

import java.util.Arrays;
import java.util.List;

/**
 * SageMaker's {@code TrainingJobEarlyStoppingType=Auto}, the median stopping rule of Google Vizier (Golovin et al.,
 * KDD 2017): after iteration {@code e}, a job stops when its best objective so far is worse than the median, over
 * the completed jobs that reached {@code e}, of their running averages of the objective up to {@code e}. Losses are
 * compared, so the rule serves both directions. As Ray Tune's and Optuna's median rules do, it waits a grace period
 * (the first tenth of the planned iterations) so that slow starters such as small learning rates are not all cut
 * after their first iteration.
 */
final class MedianStoppingRule {
  /** Completed jobs needed before the rule stops anything. */
  static final int MIN_COMPLETED = 3;

  private MedianStoppingRule() {}

  /**
   * @param plannedIterations the iterations the job would run unstopped
   * @return the first iteration after which the rule may stop the job
   */
  static int gracePeriod(int plannedIterations) {
    return Math.max(1, (int) Math.ceil(plannedIterations / 10.0));
  }

  /**
   * @param completed the completed jobs' loss curves
   * @param iteration the iteration just finished, from 1
   * @param loss the job's best loss up to it
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

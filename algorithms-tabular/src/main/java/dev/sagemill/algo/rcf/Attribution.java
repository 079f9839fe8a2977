package dev.sagemill.algo.rcf;

/**
 * How much each feature contributes to a row's anomaly score, and in which direction, as AWS's Random Cut Forest
 * library reports it (its {@code DiVector}): {@code high[i]} is the share for the row lying above the data in feature
 * i (a spike), {@code low[i]} below it (a dip). The parts add up to the score.
 *
 * @param high per-feature contributions of values above the sample, {@code feature_dim} of them
 * @param low per-feature contributions of values below the sample
 */
public record Attribution(double[] high, double[] low) {
  /** @return Σ high + Σ low: the anomaly score */
  public double total() {
    double t = 0;
    for (int i = 0; i < high.length; i++) {
      t += high[i] + low[i];
    }
    return t;
  }

  /**
   * @param i a feature
   * @return its contribution in both directions
   */
  public double of(int i) {
    return high[i] + low[i];
  }
}

package dev.sagemill.core.optim;

/**
 * The rate multiplied by {@code factor} when the monitored metric has not improved by a relative {@code threshold}
 * for {@code patience} epochs, never below {@code minimum} (MXNet's and PyTorch's reduce-on-plateau, which
 * SageMaker's neural algorithms use with {@code lr_scheduler} settings).
 */
public final class PlateauDecay implements LearningRateSchedule {
  private final double factor;
  private final int patience;
  private final double threshold;
  private final double minimum;
  private double rate;
  private double best = Double.POSITIVE_INFINITY;
  private int bad;

  /**
   * @param rate the starting rate
   * @param factor the multiplier, in (0, 1)
   * @param patience epochs without improvement before a decay, at least 1
   * @param threshold the relative improvement that counts, at least 0
   * @param minimum the lowest rate
   */
  public PlateauDecay(double rate, double factor, int patience, double threshold, double minimum) {
    if (!(factor > 0 && factor < 1) || patience < 1 || !(threshold >= 0)) {
      throw new IllegalArgumentException("plateau decay needs factor in (0, 1), patience >= 1, threshold >= 0, got "
          + factor + ", " + patience + ", " + threshold);
    }
    this.rate = rate;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.minimum = minimum;
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public void afterEpoch(double metric) {
    if (best == Double.POSITIVE_INFINITY || best - metric > threshold * Math.abs(best)) {
      best = Math.min(best, metric);
      bad = 0;
    } else if (++bad >= patience) {
      rate = Math.max(minimum, rate * factor);
      bad = 0;
    }
  }

  @Override
  public double[] state() {
    return new double[] {rate, best, bad};
  }

  @Override
  public void restore(double[] state) {
    if (state.length != 3) {
      throw new IllegalArgumentException("plateau decay state has 3 values, got " + state.length);
    }
    rate = state[0];
    best = state[1];
    bad = (int) state[2];
  }
}

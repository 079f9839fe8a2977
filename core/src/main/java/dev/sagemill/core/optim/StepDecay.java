package dev.sagemill.core.optim;

/**
 * The rate multiplied by {@code factor} every {@code every} steps, never below {@code minimum}: Linear Learner's
 * {@code lr_scheduler_step}, {@code lr_scheduler_factor}, {@code lr_scheduler_minimum_lr}.
 */
public final class StepDecay implements LearningRateSchedule {
  private final long every;
  private final double factor;
  private final double minimum;
  private double rate;

  /**
   * @param rate the starting rate
   * @param every steps between decays, positive
   * @param factor the multiplier, in (0, 1]
   * @param minimum the lowest rate
   */
  public StepDecay(double rate, long every, double factor, double minimum) {
    if (every < 1 || !(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("step decay needs every >= 1 and factor in (0, 1], got " + every + ", "
          + factor);
    }
    this.rate = rate;
    this.every = every;
    this.factor = factor;
    this.minimum = minimum;
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public void afterStep(long step) {
    if (step % every == 0) {
      rate = Math.max(minimum, rate * factor);
    }
  }

  @Override
  public double[] state() {
    return new double[] {rate};
  }

  @Override
  public void restore(double[] state) {
    rate = LearningRateSchedule.singleRate(state, "step decay");
  }
}

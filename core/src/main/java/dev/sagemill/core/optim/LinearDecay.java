package dev.sagemill.core.optim;

/**
 * The rate falling linearly from its start to {@code start × floorFraction} over a planned number of steps, as
 * word2vec and fastText decay theirs ({@code α = α₀ · max(floor, 1 − progress)}).
 */
public final class LinearDecay implements LearningRateSchedule {
  private final double start;
  private final double totalSteps;
  private final double floorFraction;
  private double rate;

  /**
   * @param start the starting rate
   * @param totalSteps the steps over which the rate reaches its floor, positive
   * @param floorFraction the floor as a fraction of the start (word2vec: 1e-4), in [0, 1]
   */
  public LinearDecay(double start, long totalSteps, double floorFraction) {
    if (totalSteps < 1 || !(floorFraction >= 0 && floorFraction <= 1)) {
      throw new IllegalArgumentException("linear decay needs totalSteps >= 1 and floorFraction in [0, 1], got "
          + totalSteps + ", " + floorFraction);
    }
    this.start = start;
    this.totalSteps = totalSteps;
    this.floorFraction = floorFraction;
    this.rate = start;
  }

  @Override
  public double rate() {
    return rate;
  }

  @Override
  public void afterStep(long step) {
    rate = start * Math.max(floorFraction, 1 - step / totalSteps);
  }

  @Override
  public double[] state() {
    return new double[] {rate};
  }

  @Override
  public void restore(double[] state) {
    rate = LearningRateSchedule.singleRate(state, "linear decay");
  }
}

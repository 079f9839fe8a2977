package dev.sagemill.core.optim;

/**
 * The learning rate over training: {@link #rate()} now, moved on after every step and every epoch. Implementations
 * hold their state in {@link #state()} so a checkpoint resumes the same schedule.
 *
 * <p>Not thread-safe.
 */
public interface LearningRateSchedule {
  /** @return the learning rate for the next step */
  double rate();

  /**
   * A step was taken.
   *
   * @param step the 1-based number of steps taken so far
   */
  default void afterStep(long step) {}

  /**
   * An epoch ended.
   *
   * @param metric the epoch's monitored metric (lower is better; a plateau schedule watches it)
   */
  default void afterEpoch(double metric) {}

  /** @return the schedule's state, for a checkpoint */
  double[] state();

  /**
   * Restores a state from {@link #state()}.
   *
   * @param state the values
   * @throws IllegalArgumentException if the state has the wrong length
   */
  void restore(double[] state);

  /**
   * The one value of a schedule whose whole state is its current rate.
   *
   * @param state a state from {@link #state()}
   * @param schedule the schedule's name, for the message
   * @return the rate
   * @throws IllegalArgumentException if the state does not hold exactly one value
   */
  static double singleRate(double[] state, String schedule) {
    if (state.length != 1) {
      throw new IllegalArgumentException(schedule + " state has 1 value, got " + state.length);
    }
    return state[0];
  }

  /**
   * @param rate a learning rate
   * @return a constant schedule
   */
  static LearningRateSchedule constant(double rate) {
    return new StepDecay(rate, Long.MAX_VALUE, 1, 0);
  }
}

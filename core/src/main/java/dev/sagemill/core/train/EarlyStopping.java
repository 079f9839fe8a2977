package dev.sagemill.core.train;

/**
 * Early stopping on a monitored metric: the best iteration so far (a strictly better value), and a stop once the
 * metric has failed {@code patience} iterations in a row to improve on its reference by more than a relative
 * {@code tolerance} ({@code |ref − v| > tolerance·|ref|} in the better direction). With tolerance 0 that is
 * XGBoost's {@code early_stopping_rounds} rule; with a tolerance, Linear Learner's
 * {@code early_stopping_patience} / {@code early_stopping_tolerance}. The caller keeps a snapshot of its state when
 * {@link #offer} reports a new best, so the returned model is the best iteration's.
 *
 * <p>Not thread-safe. Its state is {@link #state()} for checkpoints.
 */
public final class EarlyStopping {
  private final boolean higherIsBetter;
  private final int patience;
  private final double tolerance;
  private double best = Double.POSITIVE_INFINITY;
  private int bestIteration = -1;
  private double reference = Double.POSITIVE_INFINITY;
  private int bad;
  private boolean stopped;

  /**
   * @param higherIsBetter whether larger values are better (AUC) or smaller ones (a loss)
   * @param patience iterations without improvement before stopping, at least 1
   * @param tolerance the relative improvement that counts, at least 0
   * @throws IllegalArgumentException if patience or tolerance is out of range
   */
  public EarlyStopping(boolean higherIsBetter, int patience, double tolerance) {
    if (patience < 1 || !(tolerance >= 0)) {
      throw new IllegalArgumentException("early stopping needs patience >= 1 and tolerance >= 0, got " + patience
          + ", " + tolerance);
    }
    this.higherIsBetter = higherIsBetter;
    this.patience = patience;
    this.tolerance = tolerance;
  }

  /**
   * Records an iteration's value.
   *
   * @param iteration the iteration
   * @param value the monitored metric; must be finite (a non-finite loss is divergence, the caller's to handle)
   * @return true if the value is the best so far (take a snapshot now)
   */
  public boolean offer(int iteration, double value) {
    double v = higherIsBetter ? -value : value; // minimise internally
    // A NaN best (a metric undefined so far, such as the AUC of one class) gives way to the next value, as XGBoost's.
    boolean improved = bestIteration < 0 || Double.isNaN(best) || v < best;
    if (improved) {
      best = v;
      bestIteration = iteration;
    }
    boolean noReference = reference == Double.POSITIVE_INFINITY || Double.isNaN(reference);
    if (noReference || (reference - v) > tolerance * Math.abs(reference)) {
      reference = noReference ? v : Math.min(reference, v);
      bad = 0;
    } else if (++bad >= patience) {
      stopped = true;
    }
    return improved;
  }

  /**
   * Resumes a rule without tolerance from its best iteration alone (what XGBoost's checkpoints keep): the
   * iterations since the best count against the patience.
   *
   * @param bestIteration the best iteration so far
   * @param bestValue its value
   * @param lastIteration the last iteration run
   * @throws IllegalStateException if the rule has a tolerance, whose reference the best does not determine
   */
  public void resume(int bestIteration, double bestValue, int lastIteration) {
    if (tolerance != 0) {
      throw new IllegalStateException("a rule with a tolerance resumes from its state(), not its best alone");
    }
    this.best = higherIsBetter ? -bestValue : bestValue;
    this.bestIteration = bestIteration;
    this.reference = best;
    this.bad = lastIteration - bestIteration;
    this.stopped = bad >= patience;
  }

  /** @return true once patience ran out */
  public boolean stopped() {
    return stopped;
  }

  /** @return the best iteration so far, or -1 before any */
  public int bestIteration() {
    return bestIteration;
  }

  /** @return the best value so far, or NaN before any */
  public double bestValue() {
    return bestIteration < 0 ? Double.NaN : higherIsBetter ? -best : best;
  }

  /** @return the state, for a checkpoint */
  public double[] state() {
    return new double[] {best, bestIteration, reference, bad, stopped ? 1 : 0};
  }

  /**
   * Restores a state from {@link #state()}.
   *
   * @param state the values
   * @throws IllegalArgumentException if it has the wrong length
   */
  public void restore(double[] state) {
    if (state.length != 5) {
      throw new IllegalArgumentException("early stopping state has 5 values, got " + state.length);
    }
    best = state[0];
    bestIteration = (int) state[1];
    reference = state[2];
    bad = (int) state[3];
    stopped = state[4] != 0;
  }
}

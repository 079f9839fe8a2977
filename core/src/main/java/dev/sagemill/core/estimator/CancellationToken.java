package dev.sagemill.core.estimator;

/**
 * Lets another thread ask a running fit to stop at the end of its current epoch; the fit then returns the model
 * as it stands, reporting {@code stoppedEarly}.
 *
 * <p>Thread-safe.
 */
public final class CancellationToken {
  private volatile boolean cancelled;

  /** Requests the fit to stop. */
  public void cancel() {
    cancelled = true;
  }

  /** @return true once {@link #cancel()} was called */
  public boolean isCancelled() {
    return cancelled;
  }
}

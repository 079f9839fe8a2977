package dev.sagemill.cli;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control for {@code /invocations}: at most {@code workers} requests predict at once and at most
 * {@code queue} more are admitted to wait (uploading their bodies or waiting for a worker). A request beyond that is
 * turned away at once, so the server answers 503 instead of letting a burst of clients pile up memory and latency
 * without bound.
 *
 * <p>Thread-safe. A request calls {@link #admit()} once; if admitted, it calls {@link #work(java.util.concurrent.Callable)}
 * for its prediction (which waits for a worker) and {@link #leave()} exactly once when done, whatever happened.
 */
final class RequestGate {
  private final int workers;
  private final int queue;
  private final Semaphore working;
  private final AtomicInteger admitted = new AtomicInteger();

  /**
   * @param workers requests that predict at the same time, at least 1
   * @param queue admitted requests beyond the working ones, at least 0
   */
  RequestGate(int workers, int queue) {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
    if (queue < 0) {
      throw new IllegalArgumentException("--max-queue must be at least 0, got " + queue);
    }
    this.workers = workers;
    this.queue = queue;
    this.working = new Semaphore(workers, true);
  }

  /** @return true if the request may go on (it must then call {@link #leave()}), false if the server is full */
  boolean admit() {
    while (true) {
      int now = admitted.get();
      if (now >= workers + queue) {
        return false;
      }
      if (admitted.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /**
   * Runs an admitted request's prediction on one of the workers, waiting (first come, first served) for one.
   *
   * @param job the prediction
   * @param <T> its result
   * @return the job's result
   * @throws Exception what the job throws, or InterruptedException while waiting
   */
  <T> T work(java.util.concurrent.Callable<T> job) throws Exception {
    working.acquire();
    try {
      return job.call();
    } finally {
      working.release();
    }
  }

  /** Ends an admitted request. */
  void leave() {
    admitted.decrementAndGet();
  }

  /** @return requests admitted now (predicting, waiting or uploading) */
  int admitted() {
    return admitted.get();
  }

  /** @return the most requests admitted at once */
  int capacity() {
    return workers + queue;
  }
}

package dev.sagemill.algo.gbdt.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs numbered tasks on a pool, or on the calling thread when there is only one. */
final class PoolTasks {
  private PoolTasks() {}

  /**
   * Runs {@code task} for 0 to {@code tasks - 1}. One task runs on this thread: a round trip through the pool costs
   * tens of microseconds, which best-first tree growth would pay several times for every small node it splits.
   *
   * @param pool the threads (may be null when {@code tasks} ≤ 1)
   * @param tasks how many
   * @param task the work of one task
   */
  static void run(ForkJoinPool pool, int tasks, IntConsumer task) {
    if (tasks == 1) {
      task.accept(0);
    } else if (tasks > 1) {
      pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(task)).join();
    }
  }

  /**
   * @param n items
   * @param c a chunk number in {@code [0, chunks]}
   * @param chunks how many contiguous chunks
   * @return the first of the {@code n} items in chunk {@code c} ({@code n} for {@code c = chunks})
   */
  static int chunkStart(int n, int c, int chunks) {
    return (int) ((long) n * c / chunks);
  }
}

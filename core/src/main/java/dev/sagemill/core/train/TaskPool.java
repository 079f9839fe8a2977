package dev.sagemill.core.train;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads of one training job: {@link #runAll} runs a step's tasks (row chunks, models, feature ranges)
 * and returns when all are done, rethrowing the first failure as it was thrown. With one thread the tasks run on the
 * caller, in order, and no thread is started. Threads are daemons named {@code <name>-N}. Close it when the job ends.
 *
 * <p>One job's pool is used from one thread at a time.
 */
public final class TaskPool implements AutoCloseable {
  private final ExecutorService pool;

  /**
   * @param threads worker threads; 1 or fewer runs every task on the caller
   * @param name the threads' name prefix
   */
  public TaskPool(int threads, String name) {
    if (threads > 1) {
      AtomicInteger n = new AtomicInteger();
      pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, name + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } else {
      pool = null;
    }
  }

  /**
   * Runs the tasks and waits for all of them.
   *
   * @param tasks the tasks
   * @throws IOException a task's I/O failure, or interruption
   * @throws RuntimeException a task's runtime failure, as thrown
   */
  public void runAll(List<? extends Callable<Void>> tasks) throws IOException {
    if (pool == null || tasks.size() == 1) {
      for (Callable<Void> t : tasks) {
        try {
          t.call();
        } catch (RuntimeException | IOException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return;
    }
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}

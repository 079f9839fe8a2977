package dev.sagemill.core.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a {@link RecordStream} ahead on a background thread, so parsing the next mini-batch overlaps work on the
 * current one. The batches and their order are exactly those of the wrapped stream; a failure while reading is
 * rethrown by {@link #next()} at the position where it happened. Closing stops the reader thread and closes the
 * wrapped stream.
 *
 * <p>Not thread-safe: one consumer.
 *
 * @param <B> the batch type
 */
public class PrefetchingRecordStream<B extends Batch> implements RecordStream<B> {
  private static final Object END = new Object();

  private final RecordStream<B> source;
  private final BlockingQueue<Object> queue;
  private final Thread reader;
  private volatile boolean closed;
  private boolean ended;

  /**
   * Starts reading ahead.
   *
   * @param source the stream to read (closed by {@link #close()})
   * @param depth how many batches may wait, at least 1
   * @param name the reader thread's name
   */
  public PrefetchingRecordStream(RecordStream<B> source, int depth, String name) {
    this.source = Objects.requireNonNull(source, "source");
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1, got " + depth);
    }
    this.queue = new ArrayBlockingQueue<>(depth);
    this.reader = new Thread(this::readAhead, name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    try {
      while (!closed) {
        Optional<B> b = source.next();
        queue.put(b.isPresent() ? b.get() : END);
        if (b.isEmpty()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed by the consumer
    } catch (IOException | RuntimeException | Error e) {
      try {
        queue.put(e);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked") // only batches of the source and the markers above are queued
  public Optional<B> next() throws IOException {
    if (ended) {
      return Optional.empty();
    }
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the next batch");
    }
    if (o == END) {
      ended = true;
      return Optional.empty();
    }
    if (o instanceof IOException e) {
      ended = true;
      throw e;
    }
    if (o instanceof RuntimeException e) {
      ended = true;
      throw e;
    }
    if (o instanceof Error e) {
      ended = true;
      throw e;
    }
    return Optional.of((B) o);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    reader.interrupt();
    queue.clear(); // unblocks a reader waiting to put
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the reader thread");
    } finally {
      source.close();
    }
  }
}

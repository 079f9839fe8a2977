package dev.sagemill.core.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records held in memory as a {@link RecordSource}: lines of text ({@link #text}) or time series ({@link #series}),
 * so an algorithm trains from a Java list as it does from a channel. Record numbers in messages start at 1.
 *
 * <p>Immutable and thread-safe: each {@link #open} is an independent pass.
 *
 * @param <R> the record type
 * @param <B> the batch type
 */
public final class InMemoryRecords<R, B extends Batch> implements RecordSource<B> {
  /** Makes a batch of records. @param <R> the record @param <B> the batch */
  @FunctionalInterface
  interface BatchMaker<R, B> {
    B make(List<R> records, String name, long firstRecord);
  }

  private final List<R> records;
  private final String name;
  private final String unit;
  private final Class<B> type;
  private final BatchMaker<R, B> maker;

  private InMemoryRecords(List<R> records, String name, String unit, Class<B> type, BatchMaker<R, B> maker) {
    this.records = List.copyOf(records);
    this.name = Objects.requireNonNull(name, "name");
    this.unit = unit;
    this.type = type;
    this.maker = maker;
  }

  /**
   * @param lines the lines, without line breaks
   * @param name what messages call the source
   * @return the source
   */
  public static InMemoryRecords<String, TextBatch> text(List<String> lines, String name) {
    return new InMemoryRecords<>(lines, name, "lines", TextBatch.class, TextBatch::new);
  }

  /**
   * @param series the series
   * @param name what messages call the source
   * @return the source
   */
  public static InMemoryRecords<TimeSeries, SeriesBatch> series(List<TimeSeries> series, String name) {
    return new InMemoryRecords<>(series, name, "series", SeriesBatch.class, SeriesBatch::new);
  }

  /**
   * @param series the series
   * @return the source, called {@code in-memory series}
   */
  public static InMemoryRecords<TimeSeries, SeriesBatch> series(List<TimeSeries> series) {
    return series(series, "in-memory series");
  }

  @Override
  public Class<B> batchType() {
    return type;
  }

  @Override
  public RecordStream<B> open(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
    }
    return new RecordStream<>() {
      private int next;

      @Override
      public Optional<B> next() {
        if (next >= records.size()) {
          return Optional.empty();
        }
        int end = Math.min(records.size(), next + batchSize);
        B b = maker.make(records.subList(next, end), name, next + 1);
        next = end;
        return Optional.of(b);
      }

      @Override
      public void close() {
        next = records.size();
      }
    };
  }

  @Override
  public String description() {
    return name + " (" + records.size() + " " + unit + ")";
  }
}

package dev.sagemill.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Time series, one record per series (DeepAR's JSON Lines).
 *
 * <p>Immutable and thread-safe.
 *
 * @param series the series, in order
 * @param origin the file of the first series
 * @param firstRecord the 1-based line number of the first series
 */
public record SeriesBatch(List<TimeSeries> series, String origin, long firstRecord) implements Batch {
  /**
   * Copies the list.
   *
   * @param series the series, in order
   * @param origin the file of the first series
   * @param firstRecord the 1-based line number of the first series
   */
  public SeriesBatch {
    series = List.copyOf(series);
    Objects.requireNonNull(origin, "origin");
  }

  @Override
  public int size() {
    return series.size();
  }
}

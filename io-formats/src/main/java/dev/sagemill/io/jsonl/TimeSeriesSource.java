package dev.sagemill.io.jsonl;

import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileRecordSource;
import dev.sagemill.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A channel of time series, as {@link SeriesBatch}es: DeepAR's JSON Lines ({@link DeepArJsonLinesReader}), one series
 * per line, or Parquet ({@link dev.sagemill.io.parquet.ParquetSeriesReader}), one series per row.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class TimeSeriesSource extends FileRecordSource<TimeSeries, SeriesBatch> {
  private final boolean parquet;

  private TimeSeriesSource(Channel channel, String contentType) {
    super(channel, contentType, SeriesBatch.class);
    this.parquet = contentType.equals(ContentType.PARQUET);
  }

  /**
   * @param channel the files, JSON Lines
   * @return the source
   */
  public static TimeSeriesSource of(Channel channel) {
    return new TimeSeriesSource(channel, ContentType.JSONLINES);
  }

  /**
   * @param channel the files
   * @param contentType {@code application/jsonlines} or {@code application/x-parquet}
   * @return the source
   * @throws IllegalArgumentException for another content type
   */
  public static TimeSeriesSource of(Channel channel, String contentType) {
    if (!contentType.equals(ContentType.JSONLINES) && !contentType.equals(ContentType.PARQUET)) {
      throw new IllegalArgumentException("time series are read from " + ContentType.JSONLINES + " or "
          + ContentType.PARQUET + ", not " + contentType);
    }
    return new TimeSeriesSource(channel, contentType);
  }

  @Override
  protected RecordReader<TimeSeries> reader(Path file) throws IOException {
    return parquet ? new dev.sagemill.io.parquet.ParquetSeriesReader(file) : new DeepArJsonLinesReader(file);
  }

  @Override
  protected SeriesBatch batch(List<TimeSeries> records, String origin, long firstRecord) {
    return new SeriesBatch(records, origin, firstRecord);
  }
}

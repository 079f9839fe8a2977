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
 * A channel of time series in DeepAR's JSON Lines ({@link DeepArJsonLinesReader}), one series per line, as
 * {@link SeriesBatch}es.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class TimeSeriesSource extends FileRecordSource<TimeSeries, SeriesBatch> {
  private TimeSeriesSource(Channel channel) {
    super(channel, ContentType.JSONLINES, SeriesBatch.class);
  }

  /**
   * @param channel the files
   * @return the source
   */
  public static TimeSeriesSource of(Channel channel) {
    return new TimeSeriesSource(channel);
  }

  @Override
  protected RecordReader<TimeSeries> reader(Path file) throws IOException {
    return new DeepArJsonLinesReader(file);
  }

  @Override
  protected SeriesBatch batch(List<TimeSeries> records, String origin, long firstRecord) {
    return new SeriesBatch(records, origin, firstRecord);
  }
}

package dev.sagemill.io;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.SequencePairBatch;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.io.jsonl.SequencePairSource;
import dev.sagemill.io.jsonl.TimeSeriesSource;
import dev.sagemill.io.text.ManifestTextSource;
import dev.sagemill.io.text.TextLineSource;
import java.util.List;
import java.util.Map;

/**
 * Opens a channel as the records an algorithm reads it as: rows ({@link DataSources}), lines of text
 * ({@code text/plain}, {@link TextLineSource}; or an augmented manifest's {@code application/jsonlines},
 * {@link ManifestTextSource}), time series (DeepAR's {@code application/jsonlines} or Parquet,
 * {@link TimeSeriesSource}) or sequence pairs (Object2Vec's {@code application/jsonlines},
 * {@link SequencePairSource}).
 * Labelled images come from two channels, the images and their list, and are opened with
 * {@link dev.sagemill.io.image.ImageListSource}.
 *
 * <p>Thread-safe: stateless.
 */
public final class Sources {
  /** The media types each batch type is read from. */
  public static final Map<Class<? extends Batch>, List<String>> TYPES = Map.of(
      RowBatch.class, DataSources.SUPPORTED,
      TextBatch.class, List.of(ContentType.TEXT, ContentType.JSONLINES),
      SeriesBatch.class, List.of(ContentType.JSONLINES, ContentType.PARQUET),
      SequencePairBatch.class, List.of(ContentType.JSONLINES));

  private Sources() {}

  /**
   * Opens a channel.
   *
   * @param channel the files
   * @param type the content type
   * @param batchType the records the algorithm reads the channel as
   * @param csvWeights for CSV rows: whether the column after the label is a weight
   * @param <B> the batch type
   * @return the source
   * @throws IllegalArgumentException if the content type is not one the batch type is read from, naming those
   */
  @SuppressWarnings("unchecked") // each branch returns a source of the batch type it checks
  public static <B extends Batch> RecordSource<B> open(Channel channel, ContentType type, Class<B> batchType,
      boolean csvWeights) {
    List<String> accepted = TYPES.get(batchType);
    if (accepted == null) {
      throw new IllegalArgumentException("no reader for " + batchType.getSimpleName() + " records; readers exist for "
          + TYPES.keySet().stream().map(Class::getSimpleName).sorted().toList());
    }
    if (!accepted.contains(type.mediaType())) {
      throw new IllegalArgumentException("channel " + channel.name() + ": content type " + type.mediaType()
          + " cannot be read as " + batchType.getSimpleName() + " records; use " + String.join(", ", accepted));
    }
    if (batchType == RowBatch.class) {
      return (RecordSource<B>) DataSources.open(channel, type, csvWeights);
    }
    if (batchType == TextBatch.class) {
      return (RecordSource<B>) (type.mediaType().equals(ContentType.JSONLINES) ? ManifestTextSource.of(channel, type)
          : TextLineSource.of(channel));
    }
    if (batchType == SequencePairBatch.class) {
      return (RecordSource<B>) SequencePairSource.of(channel);
    }
    return (RecordSource<B>) TimeSeriesSource.of(channel, type.mediaType());
  }
}

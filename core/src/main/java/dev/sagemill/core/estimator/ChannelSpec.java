package dev.sagemill.core.estimator;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TextBatch;
import java.util.List;
import java.util.Objects;

/**
 * A data channel an algorithm takes, as SageMaker names them in {@code inputdataconfig.json} and
 * {@code /opt/ml/input/data/<channel>}: {@code train}, {@code validation}, {@code test}, and algorithm-specific ones
 * ({@code auxiliary}, {@code vocab}, {@code train_lst}, {@code model}, ...).
 *
 * @param name the channel name
 * @param required whether training fails without it
 * @param contentTypes the media types accepted, the first being the default when none is declared
 * @param description what the algorithm uses it for, for help texts and error messages
 * @param batchType the records the algorithm reads the channel as: {@link RowBatch} for rows, {@link TextBatch},
 *     {@link SeriesBatch}, ...
 */
public record ChannelSpec(String name, boolean required, List<String> contentTypes, String description,
    Class<? extends Batch> batchType) {
  /** The media types of SageMaker's tabular built-ins: CSV, libsvm, RecordIO-protobuf, Parquet, JSON Lines. */
  public static final List<String> ROW_TYPES = List.of("text/csv", "text/libsvm", "application/x-recordio-protobuf",
      "application/x-parquet", "application/jsonlines");

  /** The channels of a supervised tabular algorithm: {@code train} required, {@code validation} and {@code test}. */
  public static final List<ChannelSpec> SUPERVISED = List.of(
      new ChannelSpec("train", true, ROW_TYPES, "the training rows"),
      new ChannelSpec("validation", false, ROW_TYPES, "rows for early stopping, model selection and validation:* "
          + "metrics"),
      new ChannelSpec("test", false, ROW_TYPES, "rows scored once after training into test:* metrics"));

  /** The channels of SageMaker's k-means, PCA and k-NN: {@code train} required and {@code test}. */
  public static final List<ChannelSpec> TRAIN_AND_TEST = List.of(SUPERVISED.get(0), SUPERVISED.get(2));

  /**
   * Validates and copies.
   *
   * @param name the channel name
   * @param required whether training fails without it
   * @param contentTypes the media types accepted
   * @param description what it is for
   * @param batchType the records the algorithm reads it as
   */
  public ChannelSpec {
    Objects.requireNonNull(name, "name");
    contentTypes = List.copyOf(contentTypes);
    if (contentTypes.isEmpty()) {
      throw new IllegalArgumentException("channel " + name + " accepts no content type");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(batchType, "batchType");
  }

  /**
   * A channel of feature rows.
   *
   * @param name the channel name
   * @param required whether training fails without it
   * @param contentTypes the media types accepted
   * @param description what it is for
   */
  public ChannelSpec(String name, boolean required, List<String> contentTypes, String description) {
    this(name, required, contentTypes, description, RowBatch.class);
  }
}

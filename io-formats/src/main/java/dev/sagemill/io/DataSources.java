package dev.sagemill.io;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.io.csv.CsvDataSource;
import dev.sagemill.io.jsonl.JsonLinesDataSource;
import dev.sagemill.io.libsvm.IndexBase;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import dev.sagemill.io.parquet.ParquetDataSource;
import dev.sagemill.io.recordio.RecordIoProtobufDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a channel as a streaming {@link DataSource} from its content type, as SageMaker's
 * {@code inputdataconfig.json} gives it, or from the files' extension. Supported: {@code text/csv} (parameter
 * {@code label_size}), {@code text/libsvm}, {@code application/x-recordio-protobuf}, {@code application/x-parquet}
 * (parameter {@code label_column}), {@code application/jsonlines} and UCI's bag-of-words docword files
 * ({@code text/x-uci-docword}, for topic models).
 *
 * <p>Thread-safe: stateless.
 */
public final class DataSources {
  /** Supported media types. */
  public static final List<String> SUPPORTED = List.of(ContentType.CSV, ContentType.LIBSVM,
      ContentType.RECORDIO_PROTOBUF, ContentType.PARQUET, ContentType.JSONLINES,
      dev.sagemill.io.docword.DocwordDataSource.CONTENT_TYPE);

  private DataSources() {}

  /**
   * Opens a channel with an explicit content type.
   *
   * @param channel the files
   * @param type the content type
   * @param csvWeights for CSV: whether the column after the label is a weight ({@code csv_weights=1})
   * @return the source
   * @throws IllegalArgumentException if the content type is not supported
   */
  public static DataSource open(Channel channel, ContentType type, boolean csvWeights) {
    return switch (type.mediaType()) {
      case ContentType.CSV -> CsvDataSource.of(channel, type, csvWeights);
      case ContentType.LIBSVM -> LibSvmDataSource.of(channel, IndexBase.AUTO);
      case ContentType.RECORDIO_PROTOBUF -> RecordIoProtobufDataSource.of(channel);
      case ContentType.PARQUET -> parquet(channel, type);
      case ContentType.JSONLINES -> JsonLinesDataSource.of(channel);
      case dev.sagemill.io.docword.DocwordDataSource.CONTENT_TYPE -> dev.sagemill.io.docword.DocwordDataSource.of(
          channel);
      default -> throw new IllegalArgumentException("content type " + type + " is not supported for " + channel.name()
          + "; supported: " + SUPPORTED);
    };
  }

  /** Parquet support is optional: a clear error names what to add when its libraries are absent. */
  private static DataSource parquet(Channel channel, ContentType type) {
    try {
      Class.forName("org.apache.parquet.hadoop.ParquetFileReader", false, DataSources.class.getClassLoader());
      Class.forName("org.apache.hadoop.conf.Configuration", false, DataSources.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("channel " + channel.name() + " is application/x-parquet, but Parquet support "
          + "is not on the class path: add org.apache.parquet:parquet-hadoop and org.apache.hadoop:hadoop-common (see "
          + "the README's Parquet section)", e);
    }
    return type.intParameter("label_size", 1) == 0 ? ParquetDataSource.unlabelled(channel)
        : type.parameters().containsKey("label_column")
            ? ParquetDataSource.of(channel, type.parameters().get("label_column"))
            : ParquetDataSource.of(channel);
  }

  /**
   * Opens a file or folder, inferring the content type from the first file's extension.
   *
   * @param path a file or folder
   * @return the source
   * @throws IOException if the path cannot be listed
   * @throws IllegalArgumentException if the extension is not recognised
   */
  public static DataSource open(Path path) throws IOException {
    Channel channel = Channel.of(path);
    if (channel.files().isEmpty()) {
      throw new IllegalArgumentException(path + " holds no data files");
    }
    String first = channel.files().get(0).getFileName().toString();
    ContentType type = ContentType.fromFileName(first).orElseThrow(() -> new IllegalArgumentException(
        "cannot tell the content type of " + first + " from its extension; give it explicitly (one of "
            + SUPPORTED + ")"));
    return open(channel, type, false);
  }

  /**
   * Opens a file or folder with an explicit content type.
   *
   * @param path a file or folder
   * @param contentType e.g. {@code text/csv;label_size=0}
   * @return the source
   * @throws IOException if the path cannot be listed
   */
  public static DataSource open(Path path, String contentType) throws IOException {
    return open(Channel.of(path), ContentType.parse(contentType), false);
  }
}

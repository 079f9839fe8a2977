package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.DataSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens training channels the way SageMaker describes them in {@code inputdataconfig.json}. Stateless. */
final class Channels {
  private Channels() {}

  /**
   * Opens a channel.
   *
   * @param path the channel's file or folder
   * @param config the channel's entry of {@code inputdataconfig.json} (ContentType, S3DistributionType), or null
   * @param contentTypeOverride a content type given on the command line, or null
   * @param csvWeights whether CSV rows carry a weight after the label
   * @param worker this host's index (0 for a single host)
   * @param workers the number of hosts
   * @return the source
   * @throws IOException if the path cannot be listed
   */
  static DataSource open(Path path, JsonNode config, String contentTypeOverride, boolean csvWeights, int worker,
      int workers) throws IOException {
    Channel channel = Channel.of(path);
    if (config != null && "ShardedByS3Key".equals(config.path("S3DistributionType").asText())) {
      channel = channel.shard(worker, workers);
    }
    String declared = contentTypeOverride != null ? contentTypeOverride
        : config != null && config.hasNonNull("ContentType") ? config.get("ContentType").asText() : null;
    ContentType type;
    if (declared != null) {
      type = ContentType.parse(declared);
    } else {
      Optional<ContentType> inferred = channel.files().isEmpty() ? Optional.empty()
          : ContentType.fromFileName(channel.files().get(0).getFileName().toString());
      // SageMaker's default training content type for the tabular built-ins is text/csv.
      type = inferred.orElse(ContentType.parse(ContentType.CSV));
    }
    return DataSources.open(channel, type, csvWeights);
  }
}

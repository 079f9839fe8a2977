package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.DataSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Opens training channels the way SageMaker describes them in {@code inputdataconfig.json}, and checks a job's
 * channels against those its algorithm declares. Stateless.
 */
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

  /**
   * Checks a job's channels against the algorithm's {@link AlgorithmProvider#channels()}.
   *
   * @param provider the algorithm
   * @param channels the job's channels by name
   * @param root the container layout's data folder, for messages, or null
   * @return the channels, unchanged
   * @throws IllegalArgumentException naming an unknown or missing required channel and the accepted ones
   */
  static Map<String, DataSource> checked(AlgorithmProvider provider, Map<String, DataSource> channels, Path root) {
    Map<String, ChannelSpec> specs = new LinkedHashMap<>();
    provider.channels().forEach(c -> specs.put(c.name(), c));
    String accepted = specs.values().stream().map(c -> c.name() + (c.required() ? " (required)" : ""))
        .collect(Collectors.joining(", "));
    for (String name : channels.keySet()) {
      if (!specs.containsKey(name)) {
        throw new IllegalArgumentException(provider.algorithmName() + " takes no channel \"" + name + "\""
            + (root == null ? "" : " (" + root.resolve(name) + ")") + "; it takes " + accepted);
      }
    }
    for (ChannelSpec c : specs.values()) {
      if (c.required() && !channels.containsKey(c.name())) {
        throw new IllegalArgumentException(provider.algorithmName() + " needs channel " + c.name() + " ("
            + c.description() + ")" + (root == null ? ", given with --" + c.name() + " or --channel " + c.name()
            + "=PATH" : ": " + root.resolve(c.name()) + " does not exist") + "; it takes " + accepted);
      }
    }
    return channels;
  }
}

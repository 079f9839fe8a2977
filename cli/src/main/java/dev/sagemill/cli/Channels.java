package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.text.ManifestTextSource;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Opens a training job's channels the way SageMaker describes them in {@code inputdataconfig.json}, as the records
 * the algorithm declares for each ({@link AlgorithmProvider#channels()}), after checking the job's channels
 * against that declaration. Stateless.
 */
final class Channels {
  private Channels() {}

  /** Where a job's channels come from and how they are read. */
  record Job(String contentTypeOverride, boolean csvWeights, int worker, int workers, Path root) {}

  /**
   * Opens every channel of a job.
   *
   * @param provider the algorithm
   * @param paths each channel's file or folder, by name
   * @param configs each channel's entry of {@code inputdataconfig.json} (ContentType, S3DistributionType), if any
   * @param job the content-type override, CSV weights, this host's index and the number of hosts, and the
   *     container layout's data folder for messages (null in flag mode)
   * @return the sources by channel name, in the order given
   * @throws IllegalArgumentException naming an unknown or missing required channel and the accepted ones, or a
   *     content type the channel cannot be read as
   * @throws IOException if a path cannot be listed
   */
  static Map<String, RecordSource<?>> open(AlgorithmProvider provider, Map<String, Path> paths,
      Map<String, JsonNode> configs, Job job) throws IOException {
    Map<String, ChannelSpec> specs = checked(provider, paths.keySet(), job.root());
    // --content-type names the type of the data channels; a channel of another kind (a vocabulary of text lines
    // beside word-count rows) keeps its own. When no channel takes it, every channel gets it and is refused by name.
    String override = job.contentTypeOverride();
    boolean anyTakes = override != null && specs.values().stream().anyMatch(spec -> takes(spec, override));
    Map<String, RecordSource<?>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Path> c : paths.entrySet()) {
      ChannelSpec spec = specs.get(c.getKey());
      String type = anyTakes && !takes(spec, override) ? null : override;
      out.put(c.getKey(), open(c.getValue(), configs.get(c.getKey()), spec, type, job));
    }
    return out;
  }

  private static boolean takes(ChannelSpec spec, String contentType) {
    return spec.contentTypes().contains(ContentType.parse(contentType).mediaType());
  }

  private static RecordSource<?> open(Path path, JsonNode config, ChannelSpec spec, String override, Job job)
      throws IOException {
    Channel channel = Channel.of(path);
    if (config != null && "ShardedByS3Key".equals(config.path("S3DistributionType").asText())) {
      channel = channel.shard(job.worker(), job.workers());
    }
    String declared = override != null ? override
        : config != null && config.hasNonNull("ContentType") ? config.get("ContentType").asText() : null;
    ContentType type;
    if (declared != null) {
      type = ContentType.parse(declared);
    } else {
      Optional<ContentType> inferred = channel.files().isEmpty() ? Optional.empty()
          : ContentType.fromFileName(channel.files().get(0).getFileName().toString());
      // An unknown extension means the channel's default type (text/csv for SageMaker's tabular built-ins); a known
      // one that the channel does not take is refused by Sources, naming the types it does.
      type = inferred.orElse(ContentType.parse(spec.contentTypes().get(0)));
    }
    if (config != null && config.path("AttributeNames").isArray()
        && !type.parameters().containsKey(ManifestTextSource.ATTRIBUTE_NAMES)) {
      // An augmented manifest channel: SageMaker's AttributeNames say which attributes hold the data and labels.
      List<String> names = new java.util.ArrayList<>();
      config.get("AttributeNames").forEach(n -> names.add(n.asText()));
      Map<String, String> p = new java.util.TreeMap<>(type.parameters());
      p.put(ManifestTextSource.ATTRIBUTE_NAMES, String.join(",", names));
      type = new ContentType(type.mediaType(), p);
    }
    return Sources.open(channel, type, spec.batchType(), job.csvWeights());
  }

  /** The algorithm's channel declarations, after checking the job's channel names against them. */
  private static Map<String, ChannelSpec> checked(AlgorithmProvider provider, java.util.Set<String> names,
      Path root) {
    Map<String, ChannelSpec> specs = new LinkedHashMap<>();
    provider.channels().forEach(c -> specs.put(c.name(), c));
    String accepted = specs.values().stream().map(c -> c.name() + (c.required() ? " (required)" : ""))
        .collect(Collectors.joining(", "));
    for (String name : names) {
      if (!specs.containsKey(name)) {
        throw new IllegalArgumentException(provider.algorithmName() + " takes no channel \"" + name + "\""
            + (root == null ? "" : " (" + root.resolve(name) + ")") + "; it takes " + accepted);
      }
    }
    for (ChannelSpec c : specs.values()) {
      if (c.required() && !names.contains(c.name())) {
        throw new IllegalArgumentException(provider.algorithmName() + " needs channel " + c.name() + " ("
            + c.description() + ")" + (root == null ? ", given with --" + c.name() + " or --channel " + c.name()
            + "=PATH" : ": " + root.resolve(c.name()) + " does not exist") + "; it takes " + accepted);
      }
    }
    return specs;
  }
}

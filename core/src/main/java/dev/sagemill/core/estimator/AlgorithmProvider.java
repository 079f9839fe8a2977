package dev.sagemill.core.estimator;

import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.ArtifactWriter;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.listen.SageMakerMetricLog;
import dev.sagemill.core.param.ParamSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Service-provider interface that makes an algorithm known by its SageMaker name, and supplies everything a generic
 * front end (the CLI, the tuner, a server) needs to run it without naming it: hyperparameters, channels, the log
 * format, the answer format, readers of foreign artifacts, and capabilities. Implementations are listed in
 * {@code META-INF/services/dev.sagemill.core.estimator.AlgorithmProvider} and found by {@link Algorithms}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface AlgorithmProvider {
  /** The hyperparameter SageMaker's tuner adds to every job: the objective metric, e.g. {@code validation:auc}. */
  String TUNING_OBJECTIVE_METRIC = "_tuning_objective_metric";

  /** @return the SageMaker algorithm name, lowercase with hyphens, e.g. {@code linear-learner} */
  String algorithmName();

  /**
   * Other names the algorithm is found by ({@code deepar} for {@code forecasting-deepar}, as SageMaker's image
   * names it); models and logs always use {@link #algorithmName()}.
   *
   * @return the aliases; none by default
   */
  default Set<String> aliases() {
    return Set.of();
  }

  /** @return the hyperparameter specification */
  ParamSpec spec();

  /**
   * Creates an estimator from SageMaker-style string hyperparameters.
   *
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the estimator
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  RecordEstimator<?, ?> create(Map<String, String> hyperparameters);

  /**
   * The metrics a tuner may optimise for this algorithm, under SageMaker's names ({@code validation:auc},
   * {@code test:msd}). A name written with an argument ({@code validation:ndcg@5}) matches the part before the
   * {@code @}. A tuner passes its objective to every job as SageMaker's {@link #TUNING_OBJECTIVE_METRIC}
   * hyperparameter, which algorithms with selectable metrics (XGBoost's {@code eval_metric}) honour.
   *
   * @return the tuning metrics; empty when the algorithm has none (SageMaker's PCA)
   */
  default Set<String> tuningMetrics() {
    return Set.of();
  }

  /**
   * The hyperparameter that counts training iterations (XGBoost's {@code num_round}, Linear Learner's
   * {@code epochs}): the resource Hyperband allots.
   *
   * @return its name, or empty when the algorithm does not train in iterations
   */
  default Optional<String> resourceHyperparameter() {
    return Optional.empty();
  }

  /**
   * The channels training takes. A training job given a channel not listed here, or lacking a required one, fails
   * with a message naming it and the accepted ones.
   *
   * @return the channels; by default {@link ChannelSpec#SUPERVISED}
   */
  default List<ChannelSpec> channels() {
    return ChannelSpec.SUPERVISED;
  }

  /** @return what the algorithm can do beyond fit and predict; empty by default */
  default Set<Capability> capabilities() {
    return EnumSet.noneOf(Capability.class);
  }

  /**
   * A new log of one training job's metric lines, in the format of the algorithm's SageMaker container.
   *
   * @return the log; by default SageMaker's {@code #quality_metric} lines
   */
  default MetricLog metricLog() {
    return new SageMakerMetricLog();
  }

  /**
   * How answers are written per content type.
   *
   * @return the format, or empty for the common shape of SageMaker's first-party algorithms
   *     ({@code dev.sagemill.io.answer.StandardAnswers})
   */
  default Optional<AnswerFormat> answerFormat() {
    return Optional.empty();
  }

  /**
   * The algorithm's own request shapes, beside the content types its records are read from.
   *
   * @return the format, or empty when requests are read as the channels are
   */
  default Optional<RequestFormat> requestFormat() {
    return Optional.empty();
  }

  /**
   * The field that holds the answers in the {@code application/json} document of the common answer format
   * ({@code {"predictions": [...]}} for most of SageMaker's first-party algorithms).
   *
   * @return the field name; {@code predictions} by default ({@code scores} for Random Cut Forest)
   */
  default String jsonAnswerField() {
    return "predictions";
  }

  /** @return readers of artifacts that other systems write for this algorithm; none by default */
  default List<ArtifactReader> artifactReaders() {
    return List.of();
  }

  /**
   * The hyperparameters of the algorithm's {@link StreamingModel}, when it has one ({@link Capability#STREAMING}):
   * SageMaker's names where they mean the same as in batch training, sagemill's for what only a stream has.
   *
   * @return the specification; empty by default
   */
  default Optional<ParamSpec> streamSpec() {
    return Optional.empty();
  }

  /**
   * A new model learning from a stream.
   *
   * @param hyperparameters values for {@link #streamSpec()}, SageMaker-style strings
   * @return the model, empty by default (no {@link Capability#STREAMING})
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every invalid value
   */
  default Optional<StreamingModel> stream(Map<String, String> hyperparameters) {
    return Optional.empty();
  }

  /**
   * @return the files a training job writes beside the model file in the formats other tools read (BlazingText's
   *     {@code vectors.txt}, fastText's {@code model.bin}); none by default
   */
  default List<ArtifactWriter> artifactWriters() {
    return List.of();
  }

  /**
   * A model that answers what a request asks beyond the default answer. The default accepts only the default
   * answer; algorithms with {@link Capability#SELECTABLE_OUTPUTS} or {@link Capability#VERBOSE_ANSWERS} override
   * it.
   *
   * @param model a model of this algorithm
   * @param request the selected outputs and Accept parameters
   * @return the model to answer with (the model itself for the default answer)
   * @throws IllegalArgumentException if the request asks for something this algorithm does not answer, naming the
   *     algorithms that do
   */
  default Model answering(Model model, AnswerRequest request) {
    if (!request.outputs().isEmpty()) {
      throw new IllegalArgumentException("selectable outputs " + request.outputs() + " apply to "
          + holders(Capability.SELECTABLE_OUTPUTS) + "; this is a " + algorithmName() + " model");
    }
    if (request.verbose()) {
      throw new IllegalArgumentException("Accept parameter verbose=true applies to "
          + holders(Capability.VERBOSE_ANSWERS) + "; this is a " + algorithmName() + " model");
    }
    return model;
  }

  private static String holders(Capability capability) {
    java.util.List<String> names = Algorithms.withCapability(capability);
    return names.isEmpty() ? "no installed algorithm's models" : String.join(", ", names) + " models";
  }
}

package dev.sagemill.core.estimator;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a request asks of the answers beyond the model's default: SageMaker's selectable inference outputs (XGBoost
 * reads them from {@code SAGEMAKER_INFERENCE_OUTPUT}) and the Accept type's parameters (k-NN answers its neighbours
 * with {@code verbose=true}). Applied by {@link AlgorithmProvider#answering(Model, AnswerRequest)}.
 *
 * @param outputs the output names asked for, in order; empty for the model's default answer
 * @param acceptParameters the Accept type's parameters, lower-case names
 * @param configuration what the request body asks ({@link RequestFormat.Part#configuration()}: BlazingText's
 *     {@code k}); empty for requests without one
 */
public record AnswerRequest(List<String> outputs, Map<String, String> acceptParameters,
    Map<String, String> configuration) {
  /** The default answer: no selected outputs, no parameters. */
  public static final AnswerRequest DEFAULT = new AnswerRequest(List.of(), Map.of());

  /**
   * Copies the lists.
   *
   * @param outputs the output names asked for
   * @param acceptParameters the Accept type's parameters
   * @param configuration the request body's configuration
   */
  public AnswerRequest {
    outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
    acceptParameters = Map.copyOf(Objects.requireNonNull(acceptParameters, "acceptParameters"));
    configuration = Map.copyOf(Objects.requireNonNull(configuration, "configuration"));
  }

  /**
   * A request without body configuration.
   *
   * @param outputs the output names asked for
   * @param acceptParameters the Accept type's parameters
   */
  public AnswerRequest(List<String> outputs, Map<String, String> acceptParameters) {
    this(outputs, acceptParameters, Map.of());
  }

  /**
   * @param body a request part's configuration
   * @return this request with it
   */
  public AnswerRequest withConfiguration(Map<String, String> body) {
    return new AnswerRequest(outputs, acceptParameters, body);
  }

  /**
   * @return whether {@code verbose=true} was asked for
   * @throws IllegalArgumentException if {@code verbose} is neither true nor false
   */
  public boolean verbose() {
    String v = acceptParameters.get("verbose");
    if (v == null || v.equalsIgnoreCase("false")) {
      return false;
    }
    if (!v.equalsIgnoreCase("true")) {
      throw new IllegalArgumentException("Accept parameter verbose must be true or false, got \"" + v + "\"");
    }
    return true;
  }
}

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
 */
public record AnswerRequest(List<String> outputs, Map<String, String> acceptParameters) {
  /** The default answer: no selected outputs, no parameters. */
  public static final AnswerRequest DEFAULT = new AnswerRequest(List.of(), Map.of());

  /**
   * Copies the lists.
   *
   * @param outputs the output names asked for
   * @param acceptParameters the Accept type's parameters
   */
  public AnswerRequest {
    outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
    acceptParameters = Map.copyOf(Objects.requireNonNull(acceptParameters, "acceptParameters"));
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

package dev.sagemill.core.estimator;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a model is: algorithm, hyperparameters in SageMaker's names, the metrics measured when it was trained,
 * and the sagemill version that trained it. Saved in the model file's manifest.
 *
 * @param algorithm the SageMaker algorithm name
 * @param hyperparameters the resolved hyperparameters as strings, sorted
 * @param metrics metric values by SageMaker name ({@code validation:roc_auc_score}), sorted
 * @param libraryVersion the sagemill version that trained the model
 */
public record ModelCard(String algorithm, Map<String, String> hyperparameters, Map<String, Double> metrics,
    String libraryVersion) {
  /**
   * Validates and copies the maps into sorted unmodifiable maps.
   *
   * @param algorithm the SageMaker algorithm name
   * @param hyperparameters the resolved hyperparameters as strings
   * @param metrics metric values by SageMaker name
   * @param libraryVersion the sagemill version that trained the model
   */
  public ModelCard {
    Objects.requireNonNull(algorithm, "algorithm");
    hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
    Objects.requireNonNull(libraryVersion, "libraryVersion");
  }
}

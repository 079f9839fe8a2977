package dev.sagemill.tuning;

import dev.sagemill.core.estimator.Model;
import java.util.Map;

/**
 * What one training job produced.
 *
 * @param metrics its final metrics by SageMaker name ({@code validation:auc})
 * @param model the trained model; null for functions that train none
 */
public record TrialOutcome(Map<String, Double> metrics, Model model) {}

package dev.sagemill.core.listen;

import java.util.Map;

/**
 * Receives training progress. Metric names follow SageMaker ({@code train:objective_loss},
 * {@code validation:roc_auc_score}, ...). Called on the training thread, in order: one {@link #onStart}, one
 * {@link #onEpoch} per completed epoch (or boosting round), one {@link #onEnd}. Algorithms that train in
 * mini-batches (the neural ones) also call {@link #onBatch} after each gradient step.
 *
 * <p>Implementations must be fast; a slow listener slows training.
 */
public interface TrainingListener {
  /**
   * Training is about to start.
   *
   * @param algorithm the algorithm name
   * @param plannedEpochs the number of epochs that will run unless stopped early
   */
  default void onStart(String algorithm, int plannedEpochs) {}

  /**
   * An epoch finished.
   *
   * @param epoch the 1-based epoch number
   * @param plannedEpochs the planned number of epochs
   * @param metrics metric values by SageMaker name, in a stable order
   */
  default void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {}

  /**
   * A mini-batch's gradient step finished.
   *
   * @param epoch the 1-based epoch the batch belongs to
   * @param batch the 1-based batch number within the epoch
   * @param loss the batch's training loss (the algorithm's objective, per target value)
   */
  default void onBatch(int epoch, int batch, double loss) {}

  /**
   * Training finished.
   *
   * @param epochsRun how many epochs ran
   * @param stoppedEarly whether early stopping or cancellation ended training before the planned epochs
   * @param finalMetrics the metrics of the returned model (validation and test channels included)
   */
  default void onEnd(int epochsRun, boolean stoppedEarly, Map<String, Double> finalMetrics) {}
}

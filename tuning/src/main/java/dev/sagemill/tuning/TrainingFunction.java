package dev.sagemill.tuning;

import java.util.Map;

/**
 * What a tuning job trains: given one point's hyperparameters, train and report. {@link AlgorithmTraining} trains a
 * registered algorithm on data channels; a function of the hyperparameters alone (a benchmark surface) also fits.
 *
 * <p>Called from several threads at once when jobs run in parallel.
 */
@FunctionalInterface
public interface TrainingFunction {
  /**
   * Trains one job.
   *
   * @param hyperparameters the searched values merged over the static ones
   * @param context threads, cancellation, the per-iteration listener, and the model to continue (Hyperband)
   * @return the final metrics and the model
   * @throws Exception any failure, recorded as the trial's failure reason
   */
  TrialOutcome train(Map<String, String> hyperparameters, TrialContext context) throws Exception;
}

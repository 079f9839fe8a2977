package dev.sagemill.core.estimator;

import dev.sagemill.core.data.DataSource;
import java.io.IOException;

/**
 * An estimator that can continue training a model it produced: XGBoost's {@code xgb_model} argument, or a
 * Hyperband rung promoting a job to more rounds without retraining the rounds it already has.
 *
 * @param <M> the model type
 */
public interface ContinuableEstimator<M extends Model> extends Estimator<M> {
  /**
   * Trains this estimator's iterations on top of a model (XGBoost: {@code num_round} more trees).
   *
   * @param train the training channel
   * @param options validation/test channels, listeners, threads; listeners count iterations from 1 again
   * @param initial the model to continue, or null to start afresh
   * @return the continued model
   * @throws IOException if reading a channel fails
   */
  M fit(DataSource train, FitOptions options, M initial) throws IOException;

  /** @return the model class {@link #fit(DataSource, FitOptions, Model)} continues */
  Class<M> modelType();
}

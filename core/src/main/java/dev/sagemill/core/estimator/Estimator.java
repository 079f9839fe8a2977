package dev.sagemill.core.estimator;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;

/**
 * Fits models from data. An estimator is immutable configuration: fitting never changes it, so one estimator can
 * fit many times, from several threads, and the same hyperparameters (seed included), data and thread count give
 * the same model.
 *
 * @param <M> the model type
 */
public interface Estimator<M extends Model> {
  /** @return the SageMaker algorithm name */
  String algorithm();

  /** @return the validated hyperparameters */
  Hyperparameters hyperparameters();

  /**
   * Trains a model.
   *
   * @param train the training channel
   * @param options validation/test channels, listeners, threads, cancellation
   * @return the trained model
   * @throws IOException if reading a channel fails
   * @throws dev.sagemill.core.error.InvalidDataException if the data is unusable (wrong labels, empty, ...)
   */
  M fit(DataSource train, FitOptions options) throws IOException;

  /**
   * Trains with default options.
   *
   * @param train the training channel
   * @return the trained model
   * @throws IOException if reading fails
   */
  default M fit(DataSource train) throws IOException {
    return fit(train, FitOptions.defaults());
  }

  /**
   * Trains with a validation channel and otherwise default options.
   *
   * @param train the training channel
   * @param validation the validation channel (early stopping, model selection)
   * @return the trained model
   * @throws IOException if reading fails
   */
  default M fit(DataSource train, DataSource validation) throws IOException {
    return fit(train, FitOptions.builder().validation(validation).build());
  }
}

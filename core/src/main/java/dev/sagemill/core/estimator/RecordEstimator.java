package dev.sagemill.core.estimator;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;

/**
 * Fits models from records of one shape: rows ({@link Estimator}), lines of text, time series, .... An estimator is
 * immutable configuration: fitting never changes it, so one estimator can fit many times, from several threads, and
 * the same hyperparameters (seed included), data and thread count give the same model.
 *
 * @param <B> the batch type of the {@code train} channel
 * @param <M> the model type
 */
public interface RecordEstimator<B extends Batch, M extends Model> {
  /** @return the SageMaker algorithm name */
  String algorithm();

  /** @return the validated hyperparameters */
  Hyperparameters hyperparameters();

  /** @return the batch type of the {@code train} channel */
  Class<B> batchType();

  /**
   * Trains a model.
   *
   * @param train the training channel
   * @param options the other channels, listeners, threads, cancellation
   * @return the trained model
   * @throws IOException if reading a channel fails
   * @throws dev.sagemill.core.error.InvalidDataException if the data is unusable (wrong labels, empty, ...)
   */
  M fit(RecordSource<B> train, FitOptions options) throws IOException;

  /**
   * Trains an estimator whose batch type a generic caller (a CLI, a tuner) does not know statically.
   *
   * @param estimator the estimator
   * @param train the training channel
   * @param options the other channels and settings
   * @param <M> the model type
   * @return the trained model
   * @throws IOException if reading a channel fails
   * @throws IllegalArgumentException if the channel holds records of another shape than the estimator takes
   */
  @SuppressWarnings("unchecked") // the batch types are compared first
  static <M extends Model> M fitAny(RecordEstimator<?, M> estimator, RecordSource<?> train, FitOptions options)
      throws IOException {
    if (!estimator.batchType().equals(train.batchType())) {
      throw new IllegalArgumentException(estimator.algorithm() + " trains on " + estimator.batchType().getSimpleName()
          + " records; the train channel " + train.description() + " holds " + train.batchType().getSimpleName());
    }
    return ((RecordEstimator<Batch, M>) estimator).fit((RecordSource<Batch>) train, options);
  }
}

package dev.sagemill.core.estimator;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RowBatch;
import java.io.IOException;

/**
 * Fits models from feature rows: the {@link RecordEstimator} of the tabular algorithms, whose {@code train} channel
 * is a {@link DataSource} (a schema and batches of rows).
 *
 * @param <M> the model type
 */
public interface Estimator<M extends Model> extends RecordEstimator<RowBatch, M> {
  @Override
  default Class<RowBatch> batchType() {
    return RowBatch.class;
  }

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
   * Trains from rows given as a record source, which must be a {@link DataSource} (rows have a schema).
   *
   * @param train the training channel
   * @param options validation/test channels, listeners, threads, cancellation
   * @return the trained model
   * @throws IOException if reading a channel fails
   * @throws IllegalArgumentException if the source is not a {@link DataSource}
   */
  @Override
  default M fit(RecordSource<RowBatch> train, FitOptions options) throws IOException {
    if (!(train instanceof DataSource rows)) {
      throw new IllegalArgumentException(algorithm() + " needs a DataSource of rows with a schema, got "
          + train.description());
    }
    return fit(rows, options);
  }

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

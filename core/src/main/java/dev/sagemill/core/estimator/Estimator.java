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

  /**
   * Trains on rows already in memory: no checked exception (a checkpoint folder's or another channel's failure is
   * unchecked).
   *
   * @param train the training rows
   * @param options the other channels, listeners, threads, cancellation
   * @return the trained model
   * @throws java.io.UncheckedIOException if writing a checkpoint or reading another channel fails
   */
  default M fit(dev.sagemill.core.data.InMemoryDataset train, FitOptions options) {
    try {
      return fit((DataSource) train, options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Trains on plain arrays (in memory, so no checked exception; a checkpoint folder's failure is unchecked).
   *
   * @param x {@code rows × features}
   * @param y one label per row
   * @param options listeners, threads, other channels
   * @return the trained model
   * @throws IllegalArgumentException if the arrays are empty, ragged or of different lengths
   * @throws java.io.UncheckedIOException if writing a checkpoint or reading another channel fails
   */
  default M fit(float[][] x, double[] y, FitOptions options) {
    try {
      return fit((DataSource) dev.sagemill.core.data.InMemoryDataset.of(x, y), options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Trains on plain arrays with default options.
   *
   * @param x {@code rows × features}
   * @param y one label per row
   * @return the trained model
   * @throws IllegalArgumentException if the arrays are empty, ragged or of different lengths
   */
  default M fit(float[][] x, double[] y) {
    return fit(x, y, FitOptions.defaults());
  }
}

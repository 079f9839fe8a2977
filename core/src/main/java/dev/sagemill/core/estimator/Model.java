package dev.sagemill.core.estimator;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained model. Immutable and thread-safe: any number of threads may call {@code predict} at once.
 * Persisted through {@link dev.sagemill.core.io.ModelIO}.
 */
public interface Model {
  /** @return the SageMaker algorithm name */
  String algorithm();

  /** @return the schema of the rows the model was trained on */
  Schema schema();

  /** @return the model card: hyperparameters, metrics, version */
  ModelCard card();

  /**
   * Predicts one row.
   *
   * @param x the features; its dimension must equal {@code schema().featureDim()}
   * @return the answer
   * @throws dev.sagemill.core.error.InvalidDataException if the dimension differs
   */
  Prediction predict(FeatureVector x);

  /**
   * Predicts every row of a batch, in order. The default calls {@link #predict(FeatureVector)} per row;
   * algorithms override it with a vectorised path.
   *
   * @param batch the rows; labels, if any, are ignored
   * @return one answer per row
   * @throws dev.sagemill.core.error.InvalidDataException if the feature dimension differs, naming the batch origin
   */
  default List<Prediction> predict(RowBatch batch) {
    List<Prediction> out = new ArrayList<>(batch.rows());
    for (int r = 0; r < batch.rows(); r++) {
      out.add(predict(batch.row(r)));
    }
    return out;
  }
}

package dev.sagemill.core.estimator;

import dev.sagemill.core.data.Batch;
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
   * The shape of the records this model answers: {@link RowBatch} for the tabular algorithms (the default), or the
   * batch type of a text or time-series algorithm, which {@link #predictBatch(Batch)} then takes.
   *
   * @return the input batch type
   */
  default Class<? extends Batch> inputType() {
    return RowBatch.class;
  }

  /**
   * Predicts one row. Row models implement it; models of other records ({@link #inputType()}) answer through
   * {@link #predictBatch(Batch)} and refuse rows.
   *
   * @param x the features; its dimension must equal {@code schema().featureDim()}
   * @return the answer
   * @throws dev.sagemill.core.error.InvalidDataException if the dimension differs
   * @throws UnsupportedOperationException if the model does not answer rows
   */
  default Prediction predict(FeatureVector x) {
    throw new UnsupportedOperationException(algorithm() + " models answer " + inputType().getSimpleName()
        + " records, not feature rows");
  }

  /**
   * Predicts every record of a batch of the model's {@link #inputType()}, in order. The default answers rows
   * through {@link #predict(RowBatch)}.
   *
   * @param batch the records
   * @return one answer per record
   * @throws IllegalArgumentException if the batch is of another type than {@link #inputType()}
   * @throws dev.sagemill.core.error.InvalidDataException on a record the model cannot answer, naming its origin
   */
  default List<Prediction> predictBatch(Batch batch) {
    if (!inputType().isInstance(batch)) {
      throw new IllegalArgumentException(algorithm() + " models answer " + inputType().getSimpleName()
          + " records, got " + batch.getClass().getSimpleName() + " from " + batch.origin());
    }
    if (!(batch instanceof RowBatch rows)) {
      throw new UnsupportedOperationException(getClass().getName() + " declares " + inputType().getSimpleName()
          + " input but does not implement predictBatch for it");
    }
    return predict(rows);
  }

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

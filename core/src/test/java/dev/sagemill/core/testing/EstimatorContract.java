package dev.sagemill.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordEstimatorContract} for row algorithms, plus their own checks: every row answers as its batch does,
 * 16 threads predicting row by row get the batch answers, rows of the wrong dimension and empty training data are
 * refused. The golden files' answers are for the first five rows of {@link #tinyTrainData()}.
 *
 * @param <M> the model type
 */
public abstract class EstimatorContract<M extends Model> extends RecordEstimatorContract<RowBatch, M> {
  private static final int GOLDEN_ROWS = 5;

  @Override
  protected abstract Estimator<M> newEstimator(long seed);

  /**
   * A small training set (at most a few thousand rows) with a known answer.
   *
   * @return the data
   */
  protected abstract InMemoryDataset tinyTrainData();

  /**
   * A validation channel for algorithms that report metrics only on one (CatBoost).
   *
   * @return the validation rows; empty by default
   */
  protected Optional<InMemoryDataset> tinyValidationData() {
    return Optional.empty();
  }

  @Override
  protected final RecordSource<RowBatch> trainRecords() {
    return tinyTrainData();
  }

  @Override
  protected final RowBatch probe() {
    return tinyTrainData().data();
  }

  @Override
  protected final RowBatch goldenProbe() {
    RowBatch all = tinyTrainData().data();
    return all.slice(0, Math.min(GOLDEN_ROWS, all.rows()));
  }

  @Override
  protected void addChannels(FitOptions.Builder options) {
    tinyValidationData().ifPresent(options::validation);
  }

  @Test
  void fitsAndPredictsEveryRow() throws IOException {
    M m = fit(1, null);
    RowBatch rows = tinyTrainData().data();
    List<Prediction> all = m.predict(rows);
    assertEquals(rows.rows(), all.size());
    for (int r = 0; r < Math.min(rows.rows(), 20); r++) {
      assertEquals(all.get(r), m.predict(rows.row(r)), "row " + r);
    }
  }

  @Test
  void predictionIsThreadSafe() throws Exception {
    M m = fit(5, null);
    RowBatch rows = tinyTrainData().data();
    String expected = m.predict(rows).toString();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        answers.add(pool.submit(() -> {
          List<Prediction> out = new ArrayList<>();
          for (int r = 0; r < rows.rows(); r++) {
            out.add(m.predict(rows.row(r)));
          }
          return out.toString();
        }));
      }
      for (Future<String> a : answers) {
        assertEquals(expected, a.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rowsOfTheWrongDimensionAreRefused() throws IOException {
    M m = fit(0, null);
    int d = m.schema().featureDim();
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> m.predict(FeatureVector.dense(new float[d + 1])));
    assertTrue(e.getMessage().contains(String.valueOf(d)), e.getMessage());
  }

  /**
   * Issue 29 item 11: a model trained on a libsvm file keeps the file's feature numbering (0- or 1-based), saved
   * and loaded, so prediction reads sparse text rows the same way instead of guessing per file.
   */
  @Test
  void theModelKeepsTheTrainingDataFeatureNumbering() throws IOException {
    InMemoryDataset tiny = tinyTrainData();
    for (int base : new int[] {0, 1}) {
      InMemoryDataset numbered = InMemoryDataset.of(tiny.data(), tiny.schema().withIndexBase(base));
      FitOptions.Builder options = options();
      M m = newEstimator(3).fit(numbered, options.build());
      assertEquals(java.util.OptionalInt.of(base), m.schema().indexBase(), "trained on " + base + "-based rows");
      Model back = ModelIO.fromBytes(ModelIO.toBytes(m), "numbered.model");
      assertEquals(java.util.OptionalInt.of(base), back.schema().indexBase(), "after save and load");
    }
    assertEquals(java.util.OptionalInt.empty(), fit(3, null).schema().indexBase(), "rows without numbering");
  }

  @Test
  void emptyTrainingDataIsRefused() {
    InMemoryDataset tiny = tinyTrainData();
    InMemoryDataset empty = InMemoryDataset.of(RowBatch.builder(tiny.schema().featureDim(), tiny.schema().labelDim(),
        false).origin("empty.csv", 1).build());
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> newEstimator(0).fit(empty));
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
  }
}

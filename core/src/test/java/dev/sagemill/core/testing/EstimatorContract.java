package dev.sagemill.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every algorithm must pass (STYLE.md B9): fit and predict on tiny data, same seed gives a byte-identical
 * model file, save/load gives identical predictions, hyperparameters round-trip and bad ones are all reported,
 * listener events come in order, prediction is thread-safe, and rows of the wrong dimension are refused.
 *
 * @param <M> the model type
 */
public abstract class EstimatorContract<M extends Model> {
  /** A folder for saved models. */
  @TempDir
  protected Path dir;

  /**
   * A new estimator with the given seed and settings fit for tiny data.
   *
   * @param seed the seed
   * @return the estimator
   */
  protected abstract Estimator<M> newEstimator(long seed);

  /**
   * A small training set (at most a few thousand rows) with a known answer.
   *
   * @return the data
   */
  protected abstract InMemoryDataset tinyTrainData();

  /**
   * Hyperparameters with at least two distinct problems.
   *
   * @return the bad values
   */
  protected abstract Map<String, String> twoInvalidHyperparameters();

  private M fit(long seed, TrainingListener listener) throws IOException {
    FitOptions.Builder o = FitOptions.builder().threads(2);
    if (listener != null) {
      o.listener(listener);
    }
    return newEstimator(seed).fit(tinyTrainData(), o.build());
  }

  @Test
  void fitsAndPredictsEveryRow() throws IOException {
    M m = fit(1, null);
    RowBatch rows = tinyTrainData().data();
    List<Prediction> all = m.predict(rows);
    assertEquals(rows.rows(), all.size());
    for (int r = 0; r < Math.min(rows.rows(), 20); r++) {
      assertEquals(all.get(r).asMap().toString(), m.predict(rows.row(r)).asMap().toString(), "row " + r);
    }
  }

  @Test
  void sameSeedGivesAByteIdenticalModel() throws IOException {
    assertArrayEquals(ModelIO.toBytes(fit(7, null)), ModelIO.toBytes(fit(7, null)));
  }

  @Test
  void savedModelLoadsWithIdenticalPredictions() throws IOException {
    M m = fit(3, null);
    Path f = dir.resolve("model.sagemill");
    ModelIO.save(m, f);
    Model back = ModelIO.load(f);
    assertEquals(m.card(), back.card());
    assertEquals(m.schema(), back.schema());
    RowBatch rows = tinyTrainData().data();
    assertEquals(m.predict(rows).toString(), back.predict(rows).toString());
    assertArrayEquals(ModelIO.toBytes(m), ModelIO.toBytes(back));
  }

  @Test
  void hyperparametersRoundTripAndInvalidOnesAreAllReported() {
    Estimator<M> e = newEstimator(0);
    AlgorithmProvider p = Algorithms.get(e.algorithm());
    assertEquals(e.hyperparameters(), p.spec().parse(e.hyperparameters().toSageMaker()));
    InvalidHyperparametersException ex = assertThrows(InvalidHyperparametersException.class,
        () -> p.create(twoInvalidHyperparameters()));
    assertTrue(ex.problems().size() >= 2, ex.getMessage());
  }

  @Test
  void listenerSeesStartEpochsInOrderAndEnd() throws IOException {
    List<String> events = new ArrayList<>();
    fit(0, new TrainingListener() {
      @Override
      public void onStart(String algorithm, int plannedEpochs) {
        events.add("start");
      }

      @Override
      public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
        assertFalse(metrics.isEmpty());
        events.add("epoch" + epoch);
      }

      @Override
      public void onEnd(int epochsRun, boolean stoppedEarly, Map<String, Double> finalMetrics) {
        events.add("end" + epochsRun);
      }
    });
    assertEquals("start", events.get(0));
    assertEquals("epoch1", events.get(1));
    int last = events.size() - 1;
    assertEquals("end" + (last - 1), events.get(last));
    for (int i = 1; i < last; i++) {
      assertEquals("epoch" + i, events.get(i));
    }
  }

  @Test
  void predictionIsThreadSafe() throws Exception {
    M m = fit(5, null);
    RowBatch rows = tinyTrainData().data();
    String expected = m.predict(rows).toString();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
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

  @Test
  void emptyTrainingDataIsRefused() {
    InMemoryDataset tiny = tinyTrainData();
    InMemoryDataset empty = InMemoryDataset.of(RowBatch.builder(tiny.schema().featureDim(), tiny.schema().labelDim(),
        false).origin("empty.csv", 1).build());
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> newEstimator(0).fit(empty));
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
  }

  @Test
  void cardDescribesTheModel() throws IOException {
    M m = fit(0, null);
    assertEquals(m.algorithm(), m.card().algorithm());
    assertFalse(m.card().hyperparameters().isEmpty());
    assertFalse(m.card().metrics().isEmpty());
  }
}

package dev.sagemill.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every algorithm must pass (STYLE.md B9): fit and predict on tiny data, same seed gives a byte-identical
 * model file, save/load gives identical predictions, hyperparameters round-trip and bad ones are all reported,
 * listener events come in order, 16 threads predicting at once get the sequential answers, rows of the wrong
 * dimension are refused, a killed (cancelled) job resumes from its checkpoint to the byte-identical model, and the
 * golden model file of every format version still loads and answers as when it was written.
 *
 * <p>Golden files live beside the test class as {@code golden/<algorithm>-v<N>.model} with
 * {@code golden/<algorithm>-v<N>.expected.txt} (the answers to the first rows of {@link #tinyTrainData()}). Run the
 * algorithm's contract test with {@code -Dsagemill.golden.write=src/test/resources} to write the current version's
 * pair when a format version is added; older pairs are never rewritten.
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

  /**
   * Whether the algorithm trains in iterations that it checkpoints (then a cancelled job must resume to the same
   * model). Algorithms that train in one pass override it with false.
   *
   * @return true by default
   */
  protected boolean resumes() {
    return true;
  }

  /**
   * The format versions whose golden files the test resources hold, oldest first.
   *
   * @return the versions; the current one must be among them
   */
  protected abstract int[] goldenVersions();

  private static final int GOLDEN_ROWS = 5;

  /**
   * A validation channel for algorithms that report metrics only on one (CatBoost).
   *
   * @return the validation rows; empty by default
   */
  protected Optional<InMemoryDataset> tinyValidationData() {
    return Optional.empty();
  }

  /**
   * Whether a model trained without validation or test channels has metrics in its card (k-NN's have none).
   *
   * @return true by default
   */
  protected boolean reportsTrainingMetrics() {
    return true;
  }

  private FitOptions.Builder options() {
    FitOptions.Builder o = FitOptions.builder().threads(2);
    tinyValidationData().ifPresent(o::validation);
    return o;
  }

  private M fit(long seed, TrainingListener listener) throws IOException {
    FitOptions.Builder o = options();
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
      assertEquals(all.get(r), m.predict(rows.row(r)), "row " + r);
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
    assertEquals(reportsTrainingMetrics(), !m.card().metrics().isEmpty(), m.card().metrics().toString());
  }

  @Test
  void aKilledJobResumesFromItsCheckpointToTheSameModel() throws IOException {
    Assumptions.assumeTrue(resumes(), "trains in one pass: nothing to resume");
    byte[] whole = ModelIO.toBytes(fit(11, null));
    Path ck = dir.resolve("checkpoint");
    CancellationToken cancel = new CancellationToken();
    int[] seen = {0};
    newEstimator(11).fit(tinyTrainData(), options().checkpointDir(ck).cancellation(cancel)
        .listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
            seen[0] = epoch;
            if (epoch == 2) {
              cancel.cancel();
            }
          }
        }).build());
    Assumptions.assumeTrue(seen[0] >= 2, "the tiny job ends before a second iteration");
    List<Integer> secondRun = new ArrayList<>();
    M resumed = newEstimator(11).fit(tinyTrainData(), options().checkpointDir(ck).listener(new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
        secondRun.add(epoch);
      }
    }).build());
    assertArrayEquals(whole, ModelIO.toBytes(resumed), "resumed after 2 iterations = uninterrupted");
    assertTrue(secondRun.isEmpty() || secondRun.get(0) == 3, "the resumed run starts after the checkpointed "
        + "iteration: " + secondRun);
    assertArrayEquals(whole, ModelIO.toBytes(newEstimator(11).fit(tinyTrainData(), options().checkpointDir(ck)
        .build())), "resuming a finished job's checkpoint returns the same model");
  }

  @Test
  void goldenFilesOfEveryFormatVersionStillLoadAndAnswerAsWritten() throws IOException {
    M m = fit(0, null);
    int current = ModelIO.formatVersion(m);
    String base = "golden/" + m.algorithm() + "-v";
    String write = System.getProperty("sagemill.golden.write");
    RowBatch probe = tinyTrainData().data().slice(0, GOLDEN_ROWS);
    if (write != null) {
      Path folder = Path.of(write, getClass().getPackageName().replace('.', '/'), "golden");
      Files.createDirectories(folder);
      ModelIO.save(m, folder.resolve(m.algorithm() + "-v" + current + ".model"));
      Files.writeString(folder.resolve(m.algorithm() + "-v" + current + ".expected.txt"), answers(m, probe));
    }
    assertTrue(java.util.Arrays.stream(goldenVersions()).anyMatch(v -> v == current), "no golden file of the "
        + "current format version " + current + "; write it with -Dsagemill.golden.write=src/test/resources");
    for (int v : goldenVersions()) {
      byte[] model;
      String expected;
      try (InputStream mi = getClass().getResourceAsStream(base + v + ".model");
          InputStream ei = getClass().getResourceAsStream(base + v + ".expected.txt")) {
        assertNotNull(mi, base + v + ".model is missing from the test resources");
        assertNotNull(ei, base + v + ".expected.txt is missing from the test resources");
        model = mi.readAllBytes();
        expected = new String(ei.readAllBytes(), StandardCharsets.UTF_8);
      }
      Model back = ModelIO.fromBytes(model, base + v + ".model");
      assertEquals(m.algorithm(), back.algorithm());
      assertEquals(expected, answers(back, probe), "format version " + v + " answers as when it was written");
    }
  }

  /** One line per probe row: the answer as {@link Prediction#toString()}. */
  private static String answers(Model m, RowBatch rows) {
    StringBuilder sb = new StringBuilder();
    for (Prediction p : m.predict(rows)) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }
}

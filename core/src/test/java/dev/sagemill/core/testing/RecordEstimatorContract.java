package dev.sagemill.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.RecordEstimator;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every algorithm must pass (STYLE.md B9), whatever records it trains on: same seed gives a byte-identical
 * model file, save/load gives identical answers, hyperparameters round-trip and bad ones are all reported, listener
 * events come in order, 16 threads answering at once get the sequential answers, a killed (cancelled) job resumes
 * from its checkpoint to the byte-identical model, and the golden model file of every format version still loads
 * and answers as when it was written. {@link EstimatorContract} adds the checks of row algorithms.
 *
 * <p>Golden files live beside the test class as {@code golden/<algorithm>-v<N>.model} with
 * {@code golden/<algorithm>-v<N>.expected.txt} (the answers to {@link #goldenProbe()}). Run the algorithm's contract
 * test with {@code -Dsagemill.golden.write=src/test/resources} to write the current version's pair when a format
 * version is added; older pairs are never rewritten.
 *
 * @param <B> the records trained on and answered
 * @param <M> the model type
 */
public abstract class RecordEstimatorContract<B extends Batch, M extends Model> {
  /** A folder for saved models. */
  @TempDir
  protected Path dir;

  /**
   * A new estimator with the given seed and settings fit for tiny data.
   *
   * @param seed the seed
   * @return the estimator
   */
  protected abstract RecordEstimator<B, M> newEstimator(long seed);

  /**
   * A small training channel (at most a few thousand records) with a known answer.
   *
   * @return the records
   */
  protected abstract RecordSource<B> trainRecords();

  /**
   * Records to answer.
   *
   * @return a batch of them
   */
  protected abstract B probe();

  /**
   * The records the golden files' answers are for.
   *
   * @return by default {@link #probe()}
   */
  protected B goldenProbe() {
    return probe();
  }

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

  /**
   * The threads the contract trains with. Lock-free (Hogwild) learners are deterministic with one thread only.
   *
   * @return 2 by default
   */
  protected int threads() {
    return 2;
  }

  /**
   * Adds the channels besides train that the algorithm needs for its metrics (CatBoost's validation).
   *
   * @param options the options being built
   */
  protected void addChannels(FitOptions.Builder options) {}

  /**
   * Whether a model trained without validation or test channels has metrics in its card (k-NN's have none).
   *
   * @return true by default
   */
  protected boolean reportsTrainingMetrics() {
    return true;
  }

  /** @return options with the contract's threads and channels */
  protected FitOptions.Builder options() {
    FitOptions.Builder o = FitOptions.builder().threads(threads());
    addChannels(o);
    return o;
  }

  /**
   * Fits with the contract's options.
   *
   * @param seed the seed
   * @param listener a listener, or null
   * @return the model
   * @throws IOException if reading fails
   */
  protected M fit(long seed, TrainingListener listener) throws IOException {
    FitOptions.Builder o = options();
    if (listener != null) {
      o.listener(listener);
    }
    return newEstimator(seed).fit(trainRecords(), o.build());
  }

  @Test
  void sameSeedGivesAByteIdenticalModel() throws IOException {
    assertArrayEquals(ModelIO.toBytes(fit(7, null)), ModelIO.toBytes(fit(7, null)));
  }

  @Test
  void savedModelLoadsWithIdenticalAnswers() throws IOException {
    M m = fit(3, null);
    Path f = dir.resolve("model.sagemill");
    ModelIO.save(m, f);
    Model back = ModelIO.load(f);
    assertEquals(m.card(), back.card());
    assertEquals(m.schema(), back.schema());
    assertEquals(answers(m, probe()), answers(back, probe()));
    assertArrayEquals(ModelIO.toBytes(m), ModelIO.toBytes(back));
  }

  @Test
  void answersEveryProbeRecord() throws IOException {
    B probe = probe();
    assertEquals(probe.size(), fit(1, null).predictBatch(probe).size());
  }
  @Test
  void hyperparametersRoundTripAndInvalidOnesAreAllReported() {
    RecordEstimator<B, M> e = newEstimator(0);
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
    newEstimator(11).fit(trainRecords(), options().checkpointDir(ck).cancellation(cancel)
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
    M resumed = newEstimator(11).fit(trainRecords(), options().checkpointDir(ck).listener(new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
        secondRun.add(epoch);
      }
    }).build());
    assertArrayEquals(whole, ModelIO.toBytes(resumed), "resumed after 2 iterations = uninterrupted");
    assertTrue(secondRun.isEmpty() || secondRun.get(0) == 3, "the resumed run starts after the checkpointed "
        + "iteration: " + secondRun);
    assertArrayEquals(whole, ModelIO.toBytes(newEstimator(11).fit(trainRecords(), options().checkpointDir(ck)
        .build())), "resuming a finished job's checkpoint returns the same model");
  }

  @Test
  void goldenFilesOfEveryFormatVersionStillLoadAndAnswerAsWritten() throws IOException {
    M m = fit(0, null);
    int current = ModelIO.formatVersion(m);
    String base = "golden/" + m.algorithm() + "-v";
    String write = System.getProperty("sagemill.golden.write");
    B probe = goldenProbe();
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
      assertGoldenAnswers(expected, answers(back, probe), "format version " + v + " answers as when it was written");
    }
  }

  /**
   * Compares a golden file's answers with today's. Exact by default: sagemill's own arithmetic is Java's, the same on
   * every machine. Algorithms whose arithmetic runs in native kernels chosen by the CPU (PyTorch's) override it with
   * a tolerance.
   *
   * @param expected the answers written with the golden file
   * @param actual today's answers
   * @param message what is compared
   */
  protected void assertGoldenAnswers(String expected, String actual, String message) {
    assertEquals(expected, actual, message);
  }

  @Test
  void answeringIsThreadSafe() throws Exception {
    M m = fit(5, null);
    B probe = probe();
    String expected = answers(m, probe);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> all = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        all.add(pool.submit(() -> answers(m, probe)));
      }
      for (Future<String> a : all) {
        assertEquals(expected, a.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * One line per record: the answer as {@link Prediction#toString()}.
   *
   * @param m the model
   * @param records the records
   * @return the answers
   */
  protected static String answers(Model m, Batch records) {
    StringBuilder sb = new StringBuilder();
    for (Prediction p : m.predictBatch(records)) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }
}

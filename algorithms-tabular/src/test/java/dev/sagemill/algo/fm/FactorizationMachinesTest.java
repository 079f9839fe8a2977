package dev.sagemill.algo.fm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.CorruptModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Factorization Machines against the naive pairwise sum, planted models, bad input and SageMaker's artifact. */
class FactorizationMachinesTest {
  private static final FitOptions TWO_THREADS = FitOptions.builder().threads(2).build();

  @TempDir
  Path dir;

  private static FactorizationMachinesModel randomModel(int d, int k, PredictorType type, long seed) {
    Random r = new Random(seed);
    float[] w = new float[d];
    float[] v = new float[d * k];
    for (int i = 0; i < d; i++) {
      w[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return new FactorizationMachinesModel(type, 0.7f, w, v, dev.sagemill.core.data.Schema.of(d, 1),
        new dev.sagemill.core.estimator.ModelCard(FactorizationMachinesParams.ALGORITHM, Map.of(), Map.of(), "t"));
  }

  @Test
  void rendlesIdentityEqualsTheNaivePairwiseSum() {
    int d = 30;
    int k = 5;
    FactorizationMachinesModel m = randomModel(d, k, PredictorType.REGRESSOR, 1);
    float[] w = m.linear();
    float[] v = m.factors();
    Random r = new Random(2);
    for (int row = 0; row < 50; row++) {
      float[] x = new float[d];
      for (int i = 0; i < d; i++) {
        x[i] = r.nextDouble() < 0.3 ? (float) r.nextGaussian() : 0;
      }
      double naive = m.bias();
      for (int i = 0; i < d; i++) {
        naive += w[i] * x[i];
        for (int j = i + 1; j < d; j++) {
          double dot = 0;
          for (int f = 0; f < k; f++) {
            dot += (double) v[i * k + f] * v[j * k + f];
          }
          naive += dot * x[i] * x[j];
        }
      }
      assertEquals(naive, m.predict(FeatureVector.dense(x)).get("score"), 1e-5 * Math.max(1, Math.abs(naive)));
      assertEquals(naive, m.predict(FeatureVector.dense(x).toBatch()).get(0).get("score"),
          1e-5 * Math.max(1, Math.abs(naive)), "the batch path agrees");
    }
  }

  private static FactorizationMachinesParams.Builder tuned(PredictorType type, PlantedFm fm) {
    // The rates a user should try (see the class doc of FactorizationMachinesParams): SageMaker's defaults
    // (factors_lr 1e-4, factors_init_sigma 1e-3) barely move the factors.
    return FactorizationMachinesParams.builder(type, fm.featureDim(), fm.k).biasLr(0.3).linearLr(0.3)
        .factorsLr(0.3).biasWd(0).linearWd(0).factorsWd(0).miniBatchSize(100).epochs(30);
  }

  @Test
  void aPlantedFactorizationMachineIsRecoveredToTheNoiseLevel() throws IOException {
    PlantedFm fm = new PlantedFm(40, 60, 4, 0.3, 1);
    InMemoryDataset test = fm.rows(5000, 3, false);
    FactorizationMachinesModel m = new FactorizationMachinesEstimator(tuned(PredictorType.REGRESSOR, fm).build())
        .fit(fm.rows(30000, 2, false), FitOptions.builder().threads(2).test(test).build());
    double rmse = m.card().metrics().get("test:rmse");
    assertTrue(rmse < 1.1 * fm.noise, "test RMSE " + rmse + " against noise " + fm.noise);
    // Without the pairwise term (factors frozen at their small start) the same data is fitted far worse.
    FactorizationMachinesModel linear = new FactorizationMachinesEstimator(tuned(PredictorType.REGRESSOR, fm)
        .factorsLr(0).build()).fit(fm.rows(30000, 2, false), FitOptions.builder().threads(2).test(test).build());
    assertTrue(linear.card().metrics().get("test:rmse") > 1.5 * rmse, "linear only: "
        + linear.card().metrics().get("test:rmse"));
  }

  @Test
  void binaryClassifierAnswersScoresAndLabels() throws IOException {
    PlantedFm fm = new PlantedFm(40, 60, 4, 0.3, 4);
    InMemoryDataset test = fm.rows(3000, 6, true);
    FactorizationMachinesModel m = new FactorizationMachinesEstimator(tuned(PredictorType.BINARY_CLASSIFIER, fm)
        .build()).fit(fm.rows(30000, 5, true), FitOptions.builder().threads(2).test(test).build());
    Map<String, Double> metrics = m.card().metrics();
    assertTrue(metrics.get("test:binary_classification_accuracy") > 0.85, metrics.toString());
    assertTrue(metrics.get("test:binary_f_beta") > 0.8, metrics.toString());
    assertTrue(metrics.get("test:binary_classification_cross_entropy") < 0.35, metrics.toString());
    Prediction p = m.predict(FeatureVector.sparse(fm.featureDim(), new int[] {3, 45}, new float[] {1, 1}));
    double score = p.get("score");
    assertTrue(score > 0 && score < 1);
    assertEquals(score > 0.5 ? 1 : 0, p.getLong("predicted_label"));
  }

  @Test
  void sageMakersDefaultsAreSlowToLearnInteractions() throws IOException {
    // Documented behaviour: at SageMaker's default rates one epoch leaves the planted interaction unlearned.
    PlantedFm fm = new PlantedFm(40, 60, 4, 0.3, 1);
    InMemoryDataset test = fm.rows(5000, 3, false);
    FactorizationMachinesModel m = new FactorizationMachinesEstimator(FactorizationMachinesParams.builder(
        PredictorType.REGRESSOR, fm.featureDim(), fm.k).build()).fit(fm.rows(30000, 2, false),
        FitOptions.builder().threads(2).test(test).build());
    assertTrue(m.card().metrics().get("test:rmse") > 1, m.card().metrics().toString());
  }

  @Test
  void badInputNamesTheRecordAndTheValue() {
    FactorizationMachinesEstimator binary = new FactorizationMachinesEstimator(FactorizationMachinesParams.builder(
        PredictorType.BINARY_CLASSIFIER, 10, 2).build());
    RowBatch.Builder labels = RowBatch.builder(10, 1, true).origin("train.libsvm", 1);
    labels.addSparse(new int[] {1}, new float[] {1}, 1, new float[] {1}, 1f);
    labels.addSparse(new int[] {2}, new float[] {1}, 1, new float[] {2}, 1f);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> binary.fit(InMemoryDataset.of(labels.build()), TWO_THREADS));
    assertTrue(e.getMessage().contains("train.libsvm") && e.getMessage().contains("2")
        && e.getMessage().contains("labels 0 or 1"), e.getMessage());

    RowBatch.Builder nan = RowBatch.builder(10, 1, true).origin("train.libsvm", 1);
    nan.addSparse(new int[] {4}, new float[] {Float.NaN}, 1, new float[] {1}, 1f);
    e = assertThrows(InvalidDataException.class, () -> binary.fit(InMemoryDataset.of(nan.build()), TWO_THREADS));
    assertTrue(e.getMessage().contains("feature 4 is missing"), e.getMessage());

    RowBatch.Builder wide = RowBatch.builder(12, 1, false).origin("train.csv", 1);
    wide.addDense(new float[12], 0, new float[] {1}, 1f);
    e = assertThrows(InvalidDataException.class, () -> binary.fit(InMemoryDataset.of(wide.build()), TWO_THREADS));
    assertTrue(e.getMessage().contains("feature_dim is 10") && e.getMessage().contains("12 features"),
        e.getMessage());

    FactorizationMachinesEstimator regressor = new FactorizationMachinesEstimator(FactorizationMachinesParams
        .builder(PredictorType.REGRESSOR, 10, 2).build());
    RowBatch.Builder y = RowBatch.builder(10, 1, true).origin("train.libsvm", 1);
    y.addSparse(new int[] {1}, new float[] {1}, 1, new float[] {Float.NaN}, 1f);
    e = assertThrows(InvalidDataException.class, () -> regressor.fit(InMemoryDataset.of(y.build()), TWO_THREADS));
    assertTrue(e.getMessage().contains("a finite label"), e.getMessage());
  }

  @Test
  void sageMakersArtifactRoundTripsAndDamagedOnesAreRefused() throws IOException {
    FactorizationMachinesModel m = randomModel(20, 3, PredictorType.BINARY_CLASSIFIER, 7);
    Path file = dir.resolve("model_algo-1");
    Files.write(file, SageMakerFmArtifact.write(m));
    SageMakerFmArtifact.Reader reader = new SageMakerFmArtifact.Reader();
    assertTrue(reader.accepts(file, Files.readAllBytes(file)));
    FactorizationMachinesModel back = (FactorizationMachinesModel) reader.read(file);
    assertEquals(PredictorType.BINARY_CLASSIFIER, back.predictorType());
    assertArrayEquals(m.factors(), back.factors());
    assertArrayEquals(m.linear(), back.linear());
    assertEquals(m.bias(), back.bias());
    FeatureVector x = FeatureVector.sparse(20, new int[] {1, 7, 19}, new float[] {1, 0.5f, -2});
    assertEquals(m.predict(x).get("score"), back.predict(x).get("score"));

    // A params file whose v has a row count other than w1_weight's.
    Map<String, dev.sagemill.core.io.MxNdArrays.NdArray> bad = new java.util.LinkedHashMap<>();
    bad.put("arg:w0_weight", new dev.sagemill.core.io.MxNdArrays.NdArray(new long[] {1}, new double[] {0}));
    bad.put("arg:w1_weight", new dev.sagemill.core.io.MxNdArrays.NdArray(new long[] {4, 1}, new double[4]));
    bad.put("arg:v", new dev.sagemill.core.io.MxNdArrays.NdArray(new long[] {5, 2}, new double[10]));
    Path damaged = dir.resolve("damaged");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(damaged))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("symbol.json"));
      zip.write("{\"op\": \"LinearRegressionOutput\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.putNextEntry(new java.util.zip.ZipEntry("params"));
      zip.write(dev.sagemill.core.io.MxNdArrays.write(bad));
    }
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> SageMakerFmArtifact.read(damaged));
    assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains("w1_weight"), e.getMessage());
    bad.remove("arg:v");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(damaged))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("params"));
      zip.write(dev.sagemill.core.io.MxNdArrays.write(bad));
    }
    e = assertThrows(CorruptModelException.class, () -> SageMakerFmArtifact.read(damaged));
    assertTrue(e.getMessage().contains("holds no v"), e.getMessage());
  }

  @Test
  void sparseRowsTrainWithoutDensifyingAndDenseRowsGiveTheSameModel() throws IOException {
    PlantedFm fm = new PlantedFm(10, 10, 2, 0.1, 9);
    InMemoryDataset sparse = fm.rows(2000, 10, false);
    RowBatch s = sparse.data();
    RowBatch.Builder dense = RowBatch.builder(fm.featureDim(), 1, false);
    for (int r = 0; r < s.rows(); r++) {
      float[] x = new float[fm.featureDim()];
      for (int e = s.rowPointers()[r]; e < s.rowPointers()[r + 1]; e++) {
        x[s.indices()[e]] = s.sparseValues()[e];
      }
      dense.addDense(x, 0, new float[] {s.label(r)}, 1f);
    }
    FactorizationMachinesParams p = tuned(PredictorType.REGRESSOR, fm).epochs(3).build();
    FactorizationMachinesModel a = new FactorizationMachinesEstimator(p).fit(sparse, TWO_THREADS);
    FactorizationMachinesModel b = new FactorizationMachinesEstimator(p).fit(InMemoryDataset.of(dense.build()),
        TWO_THREADS);
    assertArrayEquals(a.factors(), b.factors());
    List<Prediction> pa = a.predict(s);
    assertEquals(pa.get(0).get("score"), b.predict(s).get(0).get("score"));
  }

  @Test
  void recordIoProtobufSparseRowsStreamedFromAFileGiveTheInMemoryModel() throws IOException {
    // SageMaker's only training format for FM: Float32 sparse records, as the SDK's write_spmatrix_to_sparse_tensor
    // writes them.
    PlantedFm fm = new PlantedFm(30, 40, 3, 0.2, 12);
    InMemoryDataset rows = fm.rows(3000, 13, false);
    Path file = dir.resolve("train.pbr");
    try (var out = Files.newOutputStream(file)) {
      new dev.sagemill.io.recordio.RecordIoProtobufWriter(out).write(rows.data());
    }
    FactorizationMachinesParams p = tuned(PredictorType.REGRESSOR, fm).epochs(2).miniBatchSize(64).build();
    FactorizationMachinesModel fromFile = new FactorizationMachinesEstimator(p).fit(
        dev.sagemill.io.DataSources.open(file, "application/x-recordio-protobuf"), TWO_THREADS);
    FactorizationMachinesModel inMemory = new FactorizationMachinesEstimator(p).fit(rows, TWO_THREADS);
    assertArrayEquals(inMemory.factors(), fromFile.factors());
    assertEquals(inMemory.bias(), fromFile.bias());
  }

  @Test
  void aLibsvmIndexBeyondFeatureDimIsRefusedWithTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("wide.libsvm"), "1 1:1 3:1\n0 2:1 13:0.5\n");
    FactorizationMachinesEstimator e = new FactorizationMachinesEstimator(FactorizationMachinesParams.builder(
        PredictorType.BINARY_CLASSIFIER, 10, 2).build());
    InvalidDataException ex = assertThrows(InvalidDataException.class,
        () -> e.fit(dev.sagemill.io.DataSources.open(file, "text/libsvm"), TWO_THREADS));
    assertTrue(ex.getMessage().contains("feature_dim is 10") && ex.getMessage().contains("wide.libsvm")
        && ex.getMessage().contains("13"), ex.getMessage());
  }
}

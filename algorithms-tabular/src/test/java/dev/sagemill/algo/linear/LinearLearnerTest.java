package dev.sagemill.algo.linear;

import dev.sagemill.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.io.Channel;
import dev.sagemill.io.csv.CsvDataSource;
import dev.sagemill.io.libsvm.IndexBase;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of Linear Learner beyond the contract: losses, predictor types, streaming, sparse data, bad input. */
class LinearLearnerTest {
  @TempDir
  Path dir;

  private static final FitOptions TWO_THREADS = FitOptions.builder().threads(2).build();

  /** y = 3 + 2·x0 − x1 + noise, with noise whose distribution the test chooses. */
  private static InMemoryDataset regression(long seed, int rows, java.util.function.DoubleSupplier noise) {
    RandomStream r = RandomStream.of(seed);
    RowBatch.Builder b = RowBatch.builder(2, 1, false);
    for (int i = 0; i < rows; i++) {
      float x0 = (float) r.nextGaussian();
      float x1 = (float) r.nextGaussian();
      b.addDense(new float[] {x0, x1}, 0, new float[] {(float) (3 + 2 * x0 - x1 + noise.getAsDouble())}, 1f);
    }
    return InMemoryDataset.of(b.build());
  }

  private static LinearLearnerParams.Builder regressor() {
    return LinearLearnerParams.builder(PredictorType.REGRESSOR).miniBatchSize(100).epochs(30).numModels(1)
        .learningRate(0.05);
  }

  @Test
  void squaredLossRecoversTheTrueCoefficientsInRawUnits() throws IOException {
    RandomStream noise = RandomStream.of(1);
    LinearLearnerModel m = new LinearLearnerEstimator(regressor().build())
        .fit(regression(2, 4000, () -> 0.1 * noise.nextGaussian()), TWO_THREADS);
    assertArrayEquals(new double[] {2, -1}, m.weights(), 0.02);
    assertEquals(3, m.bias()[0], 0.02);
    assertEquals(3 + 2 * 0.5 - 1 * 0.25, m.predict(FeatureVector.dense(0.5f, 0.25f)).get("score"), 0.03);
  }

  @Test
  void quantileLossFitsTheRequestedQuantile() throws IOException {
    RandomStream noise = RandomStream.of(3);
    InMemoryDataset data = regression(4, 6000, () -> noise.nextGaussian());
    LinearLearnerModel m = new LinearLearnerEstimator(regressor().loss("quantile_loss").set("quantile", "0.9")
        .build()).fit(data, TWO_THREADS);
    List<Prediction> p = m.predict(data.data());
    int below = 0;
    for (int i = 0; i < p.size(); i++) {
      below += data.data().label(i) <= p.get(i).get("score") ? 1 : 0;
    }
    assertEquals(0.9, below / (double) p.size(), 0.02, "share of labels under the 0.9-quantile fit");
    assertEquals(3 + 1.2816, m.bias()[0], 0.1, "intercept = 3 + z_0.9 for unit Gaussian noise");
  }

  @Test
  void robustLossesIgnoreOutliersThatPullSquaredLoss() throws IOException {
    RandomStream noise = RandomStream.of(5);
    InMemoryDataset data = regression(6, 4000, () -> noise.nextDouble() < 0.05 ? 50 : 0.1 * noise.nextGaussian());
    for (String loss : new String[] {"absolute_loss", "huber_loss", "eps_insensitive_absolute_loss"}) {
      LinearLearnerModel m = new LinearLearnerEstimator(regressor().loss(loss).epochs(40).build()).fit(data, TWO_THREADS);
      assertEquals(3, m.bias()[0], 0.15, loss + " intercept");
      assertArrayEquals(new double[] {2, -1}, m.weights(), 0.15, loss + " weights");
    }
    LinearLearnerModel sq = new LinearLearnerEstimator(regressor().build()).fit(data, TWO_THREADS);
    assertTrue(sq.bias()[0] > 4.5, "squared loss is pulled by +50 outliers: " + sq.bias()[0]);
  }

  @Test
  void hingeLossClassifiesWithMarginScores() throws IOException {
    InMemoryDataset data = LinearLearnerContractTest.logisticData(8, 3000);
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .loss("hinge_loss").miniBatchSize(200).build()).fit(data, TWO_THREADS);
    Map<String, Double> train = LinearEvaluation.evaluate(m, LinearLearnerParams.builder(
        PredictorType.BINARY_CLASSIFIER).build(), data, "train", 500);
    assertTrue(train.get("train:binary_classification_accuracy") > 0.8, train.toString());
    assertTrue(m.predict(data.data().row(0)).get("score") > 1 || m.predict(data.data().row(0)).get("score") < 1,
        "hinge scores are margins, not probabilities");
  }

  @Test
  void multiclassSoftmaxReachesTheBayesRateOnSeparatedBlobs() throws IOException {
    RandomStream r = RandomStream.of(9);
    double[][] centers = {{0, 0}, {4, 0}, {0, 4}, {4, 4}};
    RowBatch.Builder b = RowBatch.builder(2, 1, false);
    for (int i = 0; i < 4000; i++) {
      int c = i % 4;
      b.addDense(new float[] {(float) (centers[c][0] + r.nextGaussian()), (float) (centers[c][1] + r.nextGaussian())},
          0, new float[] {c}, 1f);
    }
    InMemoryDataset data = InMemoryDataset.of(b.build());
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.MULTICLASS_CLASSIFIER)
        .numClasses(4).miniBatchSize(200).build()).fit(data, FitOptions.builder().threads(2).validation(data).build());
    // Optimal accuracy: each coordinate is classified right with probability Φ(2) = 0.9772, so 0.9772² = 0.955.
    assertEquals(0.955, m.card().metrics().get("validation:multiclass_accuracy"), 0.015);
    Prediction p = m.predict(FeatureVector.dense(4f, 4f));
    assertEquals(3, p.get("predicted_label"));
    assertEquals(1.0, java.util.Arrays.stream(p.getVector("score")).sum(), 1e-9);
    assertEquals(1.0, m.card().metrics().get("validation:multiclass_top_k_accuracy"), 0.01);
  }

  @Test
  void thresholdMeetsTheRecallTarget() throws IOException {
    InMemoryDataset data = LinearLearnerContractTest.logisticData(10, 3000);
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .modelSelectionCriteria("precision_at_target_recall").set("target_recall", "0.95").build())
        .fit(data, FitOptions.builder().threads(2).validation(data).build());
    assertTrue(m.card().metrics().get("validation:recall") >= 0.95, m.card().metrics().toString());
    assertTrue(m.threshold() < 0.5, "a high recall target lowers the threshold: " + m.threshold());
  }

  @Test
  void streamingFromAFileGivesTheSameModelAsFileMode() throws IOException {
    InMemoryDataset data = LinearLearnerContractTest.logisticData(12, 1500);
    Path csv = dir.resolve("train.csv");
    try (Writer w = Files.newBufferedWriter(csv)) {
      RowBatch b = data.data();
      for (int r = 0; r < b.rows(); r++) {
        w.write(Float.toString(b.label(r)));
        for (float v : b.row(r).toDense()) {
          w.write("," + v);
        }
        w.write("\n");
      }
    }
    LinearLearnerEstimator e = new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.BINARY_CLASSIFIER).miniBatchSize(250).build());
    byte[] fromMemory = ModelIO.toBytes(e.fit(data, TWO_THREADS));
    byte[] fromFile = ModelIO.toBytes(e.fit(CsvDataSource.of(Channel.of(csv), 1, false), TWO_THREADS));
    assertArrayEquals(fromMemory, fromFile);
  }

  @Test
  void sparseAgaricusIsLearnedWithoutDensifying() throws IOException {
    Path dirData = SharedData.dataset("xgboost_agaricus");
    LibSvmDataSource train = LibSvmDataSource.of(Channel.of(dirData.resolve("agaricus.txt.train")), IndexBase.ONE, 126);
    LibSvmDataSource test = LibSvmDataSource.of(Channel.of(dirData.resolve("agaricus.txt.test")), IndexBase.ONE, 126);
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .build()).fit(InMemoryDataset.collect(train).shuffled(1), FitOptions.builder().threads(2).test(test).build());
    // The mushroom classes are linearly separable up to a few rows; XGBoost's 2-round demo reaches 2.2% test error.
    assertTrue(m.card().metrics().get("test:binary_classification_accuracy") > 0.99, m.card().metrics().toString());
  }

  @Test
  void badLabelsAndDimensionsAreReportedWithTheirRecord() throws IOException {
    RowBatch.Builder b = RowBatch.builder(2, 1, false).origin("train.csv", 1);
    b.addDense(new float[] {1, 2}, 0, new float[] {1}, 1f);
    b.addDense(new float[] {1, 2}, 0, new float[] {2}, 1f);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> new LinearLearnerEstimator(
        LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER).build()).fit(InMemoryDataset.of(b.build())));
    assertTrue(e.getMessage().contains("record 2: linear-learner binary_classifier needs labels in {0, ..., 1}, got 2.0"),
        e.getMessage());

    RowBatch.Builder nan = RowBatch.builder(2, 1, false).origin("train.csv", 1);
    nan.addDense(new float[] {1, Float.NaN}, 0, new float[] {0}, 1f);
    e = assertThrows(InvalidDataException.class, () -> new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.REGRESSOR).build()).fit(InMemoryDataset.of(nan.build())));
    assertTrue(e.getMessage().contains("train.csv, record 1: feature 1 is missing (NaN)"), e.getMessage());

    e = assertThrows(InvalidDataException.class, () -> new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.REGRESSOR).set("feature_dim", "3").build()).fit(regression(1, 10, () -> 0)));
    assertTrue(e.getMessage().contains("feature_dim is 3 but the training channel"), e.getMessage());
  }

  @Test
  void hyperparameterCombinationsAreChecked() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class,
        () -> LinearLearnerParams.parse(Map.of("predictor_type", "multiclass_classifier", "loss", "logistic")));
    assertTrue(e.getMessage().contains("num_classes is required when predictor_type is multiclass_classifier"));
    assertTrue(e.getMessage().contains("loss logistic does not fit predictor_type multiclass_classifier"));
    e = assertThrows(InvalidHyperparametersException.class, () -> LinearLearnerParams.parse(Map.of(
        "predictor_type", "binary_classifier", "positive_example_weight_mult", "heavy")));
    assertTrue(e.getMessage().contains("positive_example_weight_mult must be a number > 0, balanced or auto"));
    LinearLearnerParams ok = LinearLearnerParams.parse(Map.of("predictor_type", "binary_classifier",
        "use_bias", "True", "normalize_data", "false", "num_models", "auto", "positive_example_weight_mult", "balanced"));
    assertEquals(8, ok.numModels());
    assertEquals(LinearLoss.LOGISTIC, ok.loss());
  }
}

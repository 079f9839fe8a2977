package dev.sagemill.examples;

import dev.sagemill.algo.linear.LinearLearnerEstimator;
import dev.sagemill.algo.linear.LinearLearnerModel;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.linear.PredictorType;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.io.DataSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Trains a binary Linear Learner on the embedded Higgs sample, prints per-epoch and final metrics, saves the model,
 * loads it back and scores one row. Run with the sample's folder as the argument (default
 * {@code examples/data/higgs-sample}).
 */
public final class LinearLearnerExample {
  private LinearLearnerExample() {}

  /**
   * @param args optional: the folder holding train.csv.gz and validation.csv.gz
   * @throws IOException if the data cannot be read or the model written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "examples/data/higgs-sample");
    DataSource train = DataSources.open(dir.resolve("train.csv.gz"));
    DataSource validation = DataSources.open(dir.resolve("validation.csv.gz"));

    LinearLearnerParams params = LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .epochs(10)
        .modelSelectionCriteria("f_beta")
        .seed(7)
        .build();
    LinearLearnerModel model = new LinearLearnerEstimator(params).fit(train, FitOptions.builder()
        .validation(validation)
        .listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            System.out.printf(java.util.Locale.ROOT, "epoch %d/%d %s%n", epoch, planned, metrics);
          }
        })
        .build());
    model.card().metrics().forEach((k, v) -> System.out.printf(java.util.Locale.ROOT, "%s = %.4f%n", k, v));

    Path file = Files.createTempDirectory("sagemill-example").resolve("model.sagemill");
    ModelIO.save(model, file);
    Model loaded = ModelIO.load(file);
    float[] row = new float[loaded.schema().featureDim()];
    System.out.println("score of an all-zero row: " + loaded.predict(FeatureVector.dense(row)));
  }
}

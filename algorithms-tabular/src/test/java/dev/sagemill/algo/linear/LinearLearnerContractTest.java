package dev.sagemill.algo.linear;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.testing.EstimatorContract;
import java.util.Map;

/** The estimator contract on a small synthetic logistic problem. */
class LinearLearnerContractTest extends EstimatorContract<LinearLearnerModel> {
  /** 400 rows, 5 features, labels drawn from a known logistic model. */
  static InMemoryDataset logisticData(long seed, int rows) {
    RandomStream r = RandomStream.of(seed);
    double[] w = {1.5, -2, 0.5, 0, 1};
    RowBatch.Builder b = RowBatch.builder(5, 1, false);
    float[] x = new float[5];
    for (int i = 0; i < rows; i++) {
      double z = -0.3;
      for (int j = 0; j < 5; j++) {
        x[j] = (float) r.nextGaussian();
        z += w[j] * x[j];
      }
      float y = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      b.addDense(x, 0, new float[] {y}, 1f);
    }
    return InMemoryDataset.of(b.build());
  }

  @Override
  protected Estimator<LinearLearnerModel> newEstimator(long seed) {
    return new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER).seed(seed)
        .miniBatchSize(100).epochs(5).numModels(3).build());
  }

  @Override
  protected InMemoryDataset tinyTrainData() {
    return logisticData(42, 400);
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("predictor_type", "binary_classifier", "epochs", "0", "loss", "softmax_loss", "wd", "-1");
  }

  @Override
  protected int[] goldenVersions() {
    return new int[] {LinearLearnerCodec.VERSION};
  }
}

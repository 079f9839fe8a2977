package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.data.InMemoryText;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.testing.RecordEstimatorContract;
import java.util.Map;

/** The core contracts for the classifier, trained on one thread (Hogwild is deterministic only there). */
class BlazingTextContractTest extends RecordEstimatorContract<TextBatch, BlazingTextModel> {
  @Override
  protected RecordEstimator<TextBatch, BlazingTextModel> newEstimator(long seed) {
    return new BlazingTextEstimator(BlazingTextParams.builder(BlazingTextParams.Mode.SUPERVISED).epochs(4)
        .vectorDim(8).buckets(1000).minCount(1).learningRate(0.5).seed(seed).build());
  }

  @Override
  protected RecordSource<TextBatch> trainRecords() {
    return InMemoryText.of(Synthetic.labelled(300, 1), "synthetic.txt");
  }

  @Override
  protected TextBatch probe() {
    return new TextBatch(Synthetic.labelled(20, 2), "probe.txt", 1);
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("mode", "supervised", "vector_dim", "0", "epochs", "0");
  }

  @Override
  protected int[] goldenVersions() {
    return new int[] {1};
  }

  @Override
  protected int threads() {
    return 1;
  }
}

package dev.sagemill.algo.lda;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.testing.EstimatorContract;
import java.util.Map;
import java.util.Random;

/** The estimator contract for {@code lda}: 3 topics over 30 words, 600 documents; trains in passes, no resume. */
class LdaContractTest extends EstimatorContract<LdaModel> {
  @Override
  protected Estimator<LdaModel> newEstimator(long seed) {
    return new LdaEstimator(LdaParams.builder(3, 30, 100).seed(seed).build());
  }

  /** Documents of 20 words, each word drawn from one of 3 topics that own 10 words each (plus a little noise). */
  @Override
  protected InMemoryDataset tinyTrainData() {
    Random r = new Random(4);
    RowBatch.Builder b = RowBatch.builder(30, 0, true);
    for (int d = 0; d < 600; d++) {
      double a = r.nextDouble();
      double c = r.nextDouble() * (1 - a);
      float[] counts = new float[30];
      for (int w = 0; w < 20; w++) {
        double u = r.nextDouble();
        int topic = u < a ? 0 : u < a + c ? 1 : 2;
        int word = r.nextDouble() < 0.9 ? topic * 10 + r.nextInt(10) : r.nextInt(30);
        counts[word]++;
      }
      int[] idx = new int[30];
      float[] val = new float[30];
      int n = 0;
      for (int i = 0; i < 30; i++) {
        if (counts[i] > 0) {
          idx[n] = i;
          val[n++] = counts[i];
        }
      }
      b.addSparse(idx, val, n, null, 1f);
    }
    return InMemoryDataset.of(b.build());
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("num_topics", "0", "feature_dim", "30", "mini_batch_size", "100", "alpha0", "-1");
  }

  @Override
  protected boolean resumes() {
    return false;
  }

  @Override
  protected int[] goldenVersions() {
    return new int[] {1, 2};
  }
}

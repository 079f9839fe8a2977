package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a user does with the published jars: fit, predict, save, load. */
class ConsumerTest {
  @Test
  void fitPredictSaveLoad() throws Exception {
    Random r = new Random(1);
    RowBatch.Builder b = RowBatch.builder(2, 1, false);
    for (int i = 0; i < 400; i++) {
      float x = (float) r.nextGaussian();
      float z = (float) r.nextGaussian();
      b.addDense(new float[] {x, z}, 0, new float[] {x + z > 0 ? 1 : 0}, 1f);
    }
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(20).set("objective", "binary:logistic").build())
        .fit(InMemoryDataset.of(b.build()), FitOptions.builder().build());
    double high = m.predict(FeatureVector.dense(new float[] {2, 2})).get("score");
    double low = m.predict(FeatureVector.dense(new float[] {-2, -2})).get("score");
    assertTrue(high > 0.8 && low < 0.2, high + " " + low);
    byte[] bytes = ModelIO.toBytes(m);
    assertArrayEquals(bytes, ModelIO.toBytes(ModelIO.fromBytes(bytes, "consumer.model")));
    assertEquals("xgboost", ModelIO.fromBytes(bytes, "consumer.model").algorithm());
  }
}

package dev.sagemill.algo.xgboost;

import dev.sagemill.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.io.Channel;
import dev.sagemill.io.libsvm.IndexBase;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XGBoost's getting-started example on the mushroom data, whose printed errors are well known. */
class XGBoostAgaricusTest {
  static DataSource agaricus(String file) throws IOException {
    // XGBoost reads libsvm indices as 0-based columns; the files use 1..126, so there are 127 columns.
    return LibSvmDataSource.of(Channel.of(SharedData.dataset("xgboost_agaricus").resolve(file)), IndexBase.ZERO, 127);
  }

  @Test
  void twoRoundsOfDepthTwoReproduceXGBoostsPrintedErrors() throws IOException {
    XGBoostParams p = XGBoostParams.builder(2).objective("binary:logistic").eta(1).maxDepth(2)
        .set("base_score", "0.5").evalMetric("error").build();
    List<Map<String, Double>> rounds = new ArrayList<>();
    FitOptions options = FitOptions.builder().validation(agaricus("agaricus.txt.test")).threads(2)
        .listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            rounds.add(metrics);
          }
        }).build();
    new XGBoostEstimator(p).fit(agaricus("agaricus.txt.train"), options);
    // XGBoost: [0] eval-error:0.042831 train-error:0.046522, [1] eval-error:0.021726 train-error:0.022263
    assertEquals(0.046522, rounds.get(0).get("train:error"), 1e-6);
    assertEquals(0.042831, rounds.get(0).get("validation:error"), 1e-6);
    assertEquals(0.022263, rounds.get(1).get("train:error"), 1e-6);
    assertEquals(0.021726, rounds.get(1).get("validation:error"), 1e-6);
  }
}

package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Test-set quality against native XGBoost at the same parameters (depth 6, eta 0.1, hist, 256 bins). The
 * references are xgboost4j 3.0.4's figures from {@code benchmarks/run.sh GbdtQualityVsXGBoost} on the same splits;
 * the bar is "within 0.5%".
 */
class XGBoostQualityTest {
  private static XGBoostModel fit(RowBatch train, String objective, int numClass, int rounds) throws IOException {
    XGBoostParams.Builder b = XGBoostParams.builder(rounds).objective(objective).eta(0.1).maxDepth(6);
    if (numClass > 0) {
      b.numClass(numClass);
    }
    return new XGBoostEstimator(b.build()).fit(InMemoryDataset.of(train), FitOptions.builder().threads(2).build());
  }

  @Test
  void higgsAucWithinHalfAPercentOfXGBoost() throws IOException {
    TabularTestData.Split s = TabularTestData.higgs();
    double auc = Metrics.auc(TabularTestData.labels(s.test()), fit(s.train(), "binary:logistic", 0, 100)
        .predictValues(s.test()), null);
    assertTrue(auc >= 0.82355 * 0.995, "AUC " + auc + " vs xgboost4j 0.82355");
  }

  @Test
  void spambaseAucWithinHalfAPercentOfXGBoost() throws IOException {
    TabularTestData.Split s = TabularTestData.spambase();
    double auc = Metrics.auc(TabularTestData.labels(s.test()), fit(s.train(), "binary:logistic", 0, 100)
        .predictValues(s.test()), null);
    assertTrue(auc >= 0.98739 * 0.995, "AUC " + auc + " vs xgboost4j 0.98739");
  }

  @Test
  void californiaRmseWithinHalfAPercentOfXGBoost() throws IOException {
    RowBatch all = TabularTestData.delimited(TabularTestData.DATA.resolve("california_housing/california_housing.csv"),
        ",", -1, true);
    RowBatch.Builder tr = RowBatch.builder(all.featureDim(), 1, false);
    RowBatch.Builder te = RowBatch.builder(all.featureDim(), 1, false);
    for (int r = 0; r < all.rows(); r++) {
      (r % 5 == 0 ? te : tr).addRowOf(all, r);
    }
    RowBatch test = te.build();
    double rmse = Metrics.rmse(TabularTestData.labels(test), fit(tr.build(), "reg:squarederror", 0, 200)
        .predictValues(test), null);
    assertTrue(rmse <= 0.44606 * 1.005, "RMSE " + rmse + " vs xgboost4j 0.44606");
  }

  @Test
  void multiclassLoglossWithinHalfAPercentOfXGBoost() throws IOException {
    Path dir = TabularTestData.DATA.resolve("lightgbm_examples");
    RowBatch train = TabularTestData.delimited(dir.resolve("multiclass.train"), "\t", 0, false);
    RowBatch test = TabularTestData.delimited(dir.resolve("multiclass.test"), "\t", 0, false);
    XGBoostModel m = fit(train, "multi:softprob", 5, 100);
    double loss = Metrics.mlogloss(TabularTestData.labels(test), m.predictValues(test), 5, null);
    assertTrue(loss <= 1.37208 * 1.005, "mlogloss " + loss + " vs xgboost4j 1.37208");
  }
}

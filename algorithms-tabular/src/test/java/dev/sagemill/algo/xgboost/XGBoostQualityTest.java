package dev.sagemill.algo.xgboost;

import dev.sagemill.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.gbdt.internal.EvalData;
import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.libsvm.IndexBase;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
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
    RowBatch all = TabularTestData.delimited(SharedData.file("california_housing/california_housing.csv"),
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

  /** LightGBM's ranking example with its query files written as libsvm qids, as a SageMaker job receives them. */
  @Test
  void rankingNdcgWithinHalfAPercentOfXGBoost(@TempDir Path tmp) throws IOException {
    Path dir = SharedData.dataset("lightgbm_examples");
    Path train = withQids(dir.resolve("rank.train"), dir.resolve("rank.train.query"), tmp.resolve("train.libsvm"));
    Path test = withQids(dir.resolve("rank.test"), dir.resolve("rank.test.query"), tmp.resolve("test.libsvm"));
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(100).objective("rank:ndcg").eta(0.1).maxDepth(6)
        .build()).fit(LibSvmDataSource.of(Channel.of(train), IndexBase.ZERO, 301), FitOptions.builder().threads(2)
            .build());
    RowBatch rows = InMemoryDataset.collect(LibSvmDataSource.of(Channel.of(test), IndexBase.ZERO, 301)).data();
    long[] qid = rows.qids().orElseThrow();
    int[] ptr = new int[rows.rows() + 1];
    int groups = 0;
    for (int r = 0; r < qid.length; r++) {
      if (r == 0 || qid[r] != qid[r - 1]) {
        ptr[groups++] = r;
      }
    }
    ptr[groups] = rows.rows();
    double ndcg = EvalMetric.of("ndcg@10").evaluate(new EvalData(EvalData.labelsOf(rows), null,
        java.util.Arrays.copyOf(ptr, groups + 1), m.ensemble().margins(rows, null), 1,
        Objectives.of("rank:ndcg", 0.7, 1.5, 1)));
    assertTrue(ndcg >= 0.72409 * 0.995, "NDCG@10 " + ndcg + " vs xgboost4j 0.72409");
  }

  private static Path withQids(Path file, Path query, Path out) throws IOException {
    List<String> lines = Files.readAllLines(file);
    StringBuilder sb = new StringBuilder();
    int row = 0;
    int g = 0;
    for (String size : Files.readAllLines(query)) {
      if (size.isBlank()) {
        continue;
      }
      for (int i = 0; i < Integer.parseInt(size.trim()); i++, row++) {
        String line = lines.get(row);
        int space = line.indexOf(' ');
        sb.append(line, 0, space).append(" qid:").append(g).append(line.substring(space)).append('\n');
      }
      g++;
    }
    return Files.writeString(out, sb.toString());
  }

  @Test
  void multiclassLoglossWithinHalfAPercentOfXGBoost() throws IOException {
    Path dir = SharedData.dataset("lightgbm_examples");
    RowBatch train = TabularTestData.delimited(dir.resolve("multiclass.train"), "\t", 0, false);
    RowBatch test = TabularTestData.delimited(dir.resolve("multiclass.test"), "\t", 0, false);
    XGBoostModel m = fit(train, "multi:softprob", 5, 100);
    double loss = Metrics.mlogloss(TabularTestData.labels(test), m.predictValues(test), 5, null);
    assertTrue(loss <= 1.37208 * 1.005, "mlogloss " + loss + " vs xgboost4j 1.37208");
  }
}

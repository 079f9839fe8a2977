package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.distributed.LocalShards;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.testing.RowShards;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XGBoost grown in lockstep on shards: the trees of one machine. */
class XGBoostShardedTest {
  /** The model's trees and base margin alone, as bytes (the card, with its metrics, set aside). */
  private static byte[] trees(XGBoostModel m) throws IOException {
    return ModelIO.toBytes(new XGBoostModel(m.ensemble(), m.objective(), m.numClass(), m.schema(),
        new ModelCard("xgboost", Map.of(), Map.of(), SagemillVersion.get())));
  }

  /** Rows with some missing values, so default directions are learned too. */
  private static RowBatch withMissing(RowBatch rows) {
    RowBatch.Builder b = RowBatch.builder(rows.featureDim(), 1, false);
    for (int r = 0; r < rows.rows(); r++) {
      float[] x = rows.row(r).toDense();
      if (r % 7 == 3) {
        x[r % x.length] = Float.NaN;
      }
      b.addDense(x, 0, new float[] {rows.label(r)}, 1f);
    }
    return b.build();
  }

  @Test
  void fourShardsGrowTheSingleMachineTrees() throws IOException {
    RowBatch rows = withMissing(TabularTestData.nonlinearBinary(3000, 7));
    for (Map<String, String> hp : List.of(
        Map.of("objective", "binary:logistic", "num_round", "8", "max_depth", "5", "base_score", "0.5"),
        Map.of("objective", "binary:logistic", "num_round", "6", "grow_policy", "lossguide", "max_leaves", "12",
            "max_depth", "0", "base_score", "0.3", "colsample_bytree", "0.7", "colsample_bynode", "0.8"),
        Map.of("objective", "reg:squarederror", "num_round", "5", "max_depth", "4", "base_score", "0.4",
            "min_child_weight", "3", "lambda", "2"))) {
      XGBoostEstimator e = new XGBoostEstimator(XGBoostParams.parse(hp));
      assertTrue(e.supportsSharding(), hp.toString());
      FitOptions options = FitOptions.builder().threads(2).build();
      XGBoostModel single = e.fit(InMemoryDataset.of(rows), options);
      XGBoostModel sharded = LocalShards.fit(e, RowShards.contiguous(rows, 4), options);
      assertArrayEquals(trees(single), trees(sharded), hp.toString());
      assertArrayEquals(single.predictValues(rows), sharded.predictValues(rows), hp.toString());
    }
  }

  /**
   * A shard whose worker is replaced by a fresh one in the middle of a tree (an executor lost, its task retried
   * elsewhere) makes the driver start again on every shard, and the model is unchanged.
   */
  @Test
  void aShardThatLosesItsStateRestartsTheRunToTheSameModel() throws IOException {
    RowBatch rows = TabularTestData.nonlinearBinary(2000, 9);
    Map<String, String> hp = Map.of("objective", "binary:logistic", "num_round", "4", "max_depth", "4",
        "base_score", "0.5");
    XGBoostEstimator e = new XGBoostEstimator(XGBoostParams.parse(hp));
    List<InMemoryDataset> parts = RowShards.contiguous(rows, 3);
    XGBoostModel clean = LocalShards.fit(e, parts, FitOptions.builder().threads(1).build());
    List<ShardWorker> workers = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      workers.add(e.shardWorker(parts.get(i), i, parts.size(), 1));
    }
    int[] asked = {0};
    Shards flaky = new Shards() {
      @Override
      public int count() {
        return workers.size();
      }

      @Override
      public Schema schema() {
        return parts.get(0).schema();
      }

      @Override
      public List<byte[]> ask(byte[] message) throws IOException {
        if (++asked[0] == 12) { // mid-way through the first tree
          workers.set(1, e.shardWorker(parts.get(1), 1, parts.size(), 1));
        }
        List<byte[]> out = new ArrayList<>();
        for (ShardWorker w : workers) {
          out.add(w.answer(message));
        }
        return out;
      }
    };
    XGBoostModel restarted = e.fitSharded(flaky, FitOptions.builder().threads(1).build());
    assertTrue(asked[0] > 20, "the run went on after the restart");
    assertArrayEquals(trees(clean), trees(restarted));
  }

  @Test
  void anEstimatedBaseScoreIsTheMeanOfEveryShardsLabels() throws IOException {
    RowBatch rows = TabularTestData.nonlinearBinary(2000, 8);
    XGBoostEstimator e = new XGBoostEstimator(XGBoostParams.parse(Map.of("objective", "binary:logistic",
        "num_round", "5", "max_depth", "3")));
    FitOptions options = FitOptions.builder().threads(1).build();
    XGBoostModel single = e.fit(InMemoryDataset.of(rows), options);
    XGBoostModel sharded = LocalShards.fit(e, RowShards.contiguous(rows, 3), options);
    assertArrayEquals(single.ensemble().baseMargin(), sharded.ensemble().baseMargin(), 1e-12);
    assertArrayEquals(single.predictValues(rows), sharded.predictValues(rows), 1e-6);
  }

  @Test
  void rowSubsamplingAndDartHaveNoShardedScheme() {
    assertFalse(new XGBoostEstimator(XGBoostParams.parse(Map.of("num_round", "3", "subsample", "0.5")))
        .supportsSharding());
    assertFalse(new XGBoostEstimator(XGBoostParams.parse(Map.of("num_round", "3", "booster", "dart")))
        .supportsSharding());
    assertFalse(new XGBoostEstimator(XGBoostParams.parse(Map.of("num_round", "3", "objective",
        "reg:absoluteerror"))).supportsSharding());
    assertEquals(true, new XGBoostEstimator(XGBoostParams.parse(Map.of("num_round", "3"))).supportsSharding());
  }
}

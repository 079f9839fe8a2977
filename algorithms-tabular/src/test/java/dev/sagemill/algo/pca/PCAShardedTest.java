package dev.sagemill.algo.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.LocalShards;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.testing.RowShards;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PCA's scatter sums added across shards, run in one process. */
class PCAShardedTest {
  private static PCAParams params(String mode) {
    return PCAParams.builder(20, 300, 4).set("algorithm_mode", mode).set("seed", "3").subspaceIterations(1).build();
  }

  @Test
  void oneShardGivesTheSingleMachineModelBitForBit() throws IOException {
    RowBatch rows = PCATest.lowRank(2000, 20, 10, 1);
    for (String mode : new String[] {"regular", "randomized"}) {
      PCAEstimator e = new PCAEstimator(params(mode));
      FitOptions options = FitOptions.builder().threads(2).build();
      assertArrayEquals(ModelIO.toBytes(e.fit(InMemoryDataset.of(rows), options)),
          ModelIO.toBytes(LocalShards.fit(e, RowShards.contiguous(rows, 1), options)), mode);
    }
  }

  @Test
  void fourShardsGiveTheSingleMachineComponents() throws IOException {
    RowBatch rows = PCATest.lowRank(2000, 20, 10, 2);
    for (String mode : new String[] {"regular", "randomized"}) {
      PCAEstimator e = new PCAEstimator(params(mode));
      FitOptions options = FitOptions.builder().threads(1).build();
      PCAModel single = e.fit(InMemoryDataset.of(rows), options);
      PCAModel sharded = LocalShards.fit(e, RowShards.contiguous(rows, 4), options);
      // the same sums in another order (and, for the 4 shards, each shard's own first-batch shift only at shard 0)
      assertArrayEquals(single.singularValues(), sharded.singularValues(), 1e-9 * single.singularValues()[3], mode);
      assertArrayEquals(single.components(), sharded.components(), 1e-7, mode);
      assertArrayEquals(single.mean(), sharded.mean(), 1e-9, mode);
      assertEquals(single.card().metrics().get("train:explained_variance_ratio"),
          sharded.card().metrics().get("train:explained_variance_ratio"), 1e-12, mode);
    }
  }

  @Test
  void emptyShardsAreSkippedAndNoRowsAtAllIsRefused() throws IOException {
    RowBatch rows = PCATest.lowRank(500, 20, 10, 3);
    PCAEstimator e = new PCAEstimator(params("regular"));
    FitOptions options = FitOptions.builder().threads(1).build();
    InMemoryDataset none = InMemoryDataset.of(rows.slice(0, 0));
    assertArrayEquals(ModelIO.toBytes(LocalShards.fit(e, List.of(InMemoryDataset.of(rows)), options)),
        ModelIO.toBytes(LocalShards.fit(e, List.of(none, InMemoryDataset.of(rows), none), options)));
    InvalidDataException ex = assertThrows(InvalidDataException.class,
        () -> LocalShards.fit(e, List.of(none, none), options));
    assertTrue(ex.getMessage().contains("the training data (2 shards) has no rows"), ex.getMessage());
  }
}

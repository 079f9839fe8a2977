package dev.sagemill.algo.kmeans;

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
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SageMaker's multi-host k-means through the sharded protocol, run in one process. */
class KMeansShardedTest {
  private static final double[][] TRUE = {{0, 0, 0}, {8, 0, 0}, {0, 8, 0}, {0, 0, 8}};

  private static RowBatch blobs(int n, long seed) {
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder b = RowBatch.builder(3, 0, false);
    float[] x = new float[3];
    for (int i = 0; i < n; i++) {
      double[] c = TRUE[i % TRUE.length];
      for (int p = 0; p < 3; p++) {
        x[p] = (float) (c[p] + rng.nextGaussian());
      }
      b.addDense(x, 0, new float[0], 1f);
    }
    return b.build();
  }

  private static KMeansParams params(int fullDataPasses) {
    return KMeansParams.builder(4, 3).set("mini_batch_size", "200").set("epochs", "2")
        .set("init_method", "kmeans++").fullDataLloydPasses(fullDataPasses).build();
  }

  @Test
  void oneShardGivesTheSingleMachineModelBitForBit() throws IOException {
    RowBatch rows = blobs(3000, 1);
    for (int passes : new int[] {0, 5}) {
      KMeansEstimator e = new KMeansEstimator(params(passes));
      FitOptions options = FitOptions.builder().threads(2).build();
      KMeansModel single = e.fit(InMemoryDataset.of(rows), options);
      KMeansModel sharded = LocalShards.fit(e, RowShards.contiguous(rows, 1), options);
      assertArrayEquals(single.centroids(), sharded.centroids(), "full_data_lloyd_passes=" + passes);
      assertEquals(single.card().metrics(), sharded.card().metrics());
      assertArrayEquals(ModelIO.toBytes(single), ModelIO.toBytes(sharded));
    }
  }

  @Test
  void fourShardsFindTheBlobsAndMatchTheSingleMachineLoss() throws IOException {
    RowBatch rows = blobs(4000, 2);
    KMeansEstimator e = new KMeansEstimator(params(0));
    FitOptions options = FitOptions.builder().threads(2).build();
    KMeansModel sharded = LocalShards.fit(e, RowShards.contiguous(rows, 4), options);
    float[] c = sharded.centroids();
    for (double[] t : TRUE) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < 4; j++) {
        double d2 = 0;
        for (int p = 0; p < 3; p++) {
          d2 += (c[j * 3 + p] - t[p]) * (c[j * 3 + p] - t[p]);
        }
        best = Math.min(best, d2);
      }
      assertTrue(best < 0.05, "a center lies within 0.22 of every true center; nearest at " + Math.sqrt(best));
    }
    double single = e.fit(InMemoryDataset.of(rows), options).card().metrics().get("train:msd");
    double msd = sharded.card().metrics().get("train:msd");
    // the noise is unit variance in 3 dimensions: the optimum's msd is close to 3
    assertEquals(single, msd, 0.005 * single, "sharded msd " + msd + " against single-machine " + single);
    // the same shards give the same model again
    assertArrayEquals(ModelIO.toBytes(sharded),
        ModelIO.toBytes(LocalShards.fit(e, RowShards.contiguous(rows, 4), options)));
  }

  @Test
  void emptyShardsContributeNothingAndNoRowsAtAllIsRefused() throws IOException {
    RowBatch rows = blobs(2000, 3);
    KMeansEstimator e = new KMeansEstimator(params(3));
    FitOptions options = FitOptions.builder().threads(1).build();
    InMemoryDataset none = InMemoryDataset.of(rows.slice(0, 0));
    KMeansModel withEmpty = LocalShards.fit(e, List.of(InMemoryDataset.of(rows), none, none), options);
    KMeansModel alone = LocalShards.fit(e, List.of(InMemoryDataset.of(rows)), options);
    assertArrayEquals(alone.centroids(), withEmpty.centroids());
    InvalidDataException ex = assertThrows(InvalidDataException.class,
        () -> LocalShards.fit(e, List.of(none, none), options));
    assertTrue(ex.getMessage().contains("no rows"), ex.getMessage());
    InvalidDataException few = assertThrows(InvalidDataException.class,
        () -> LocalShards.fit(e, List.of(InMemoryDataset.of(rows.slice(0, 2)), InMemoryDataset.of(rows.slice(2, 3))),
            options));
    assertTrue(few.getMessage().contains("k = 4 is larger than the 3 rows"), few.getMessage());
  }
}

package dev.sagemill.algo.kmeans;

import dev.sagemill.core.cluster.LocalLloyd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.random.RandomStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KMeansTest {
  private static final double[][] TRUE = {{0, 0, 0, 0}, {6, 0, 0, 0}, {0, 6, 0, 0}, {0, 0, 6, 0}, {3, 3, 3, 6}};

  private static KMeansModel fit(KMeansParams p, RowBatch train, FitOptions.Builder options) throws IOException {
    return new KMeansEstimator(p).fit(InMemoryDataset.of(train), options.threads(2).build());
  }

  private static RowBatch blobs(int n, long seed) {
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder b = RowBatch.builder(4, 0, false);
    float[] x = new float[4];
    for (int i = 0; i < n; i++) {
      double[] c = TRUE[i % TRUE.length];
      for (int p = 0; p < 4; p++) {
        x[p] = (float) (c[p] + 0.5 * rng.nextGaussian());
      }
      b.addDense(x, 0, new float[0], 1f);
    }
    return b.build();
  }

  @Test
  void recoversWellSeparatedBlobsAndReportsTheirVariance() throws IOException {
    KMeansModel m = fit(KMeansParams.builder(5, 4).set("mini_batch_size", "500").set("eval_metrics", "[\"msd\","
        + "\"ssd\"]").build(), blobs(5000, 1), FitOptions.builder().test(InMemoryDataset.of(blobs(1000, 2))));
    float[] c = m.centroids();
    for (double[] t : TRUE) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < 5; j++) {
        double s = 0;
        for (int p = 0; p < 4; p++) {
          s += (c[j * 4 + p] - t[p]) * (c[j * 4 + p] - t[p]);
        }
        best = Math.min(best, Math.sqrt(s));
      }
      assertTrue(best < 0.1, "a centroid within 0.1 of " + java.util.Arrays.toString(t) + ", nearest " + best);
    }
    // Each point's squared distance to its true center averages 4 dimensions × 0.5².
    assertEquals(1.0, m.card().metrics().get("test:msd"), 0.08);
    assertEquals(1000 * m.card().metrics().get("test:msd"), m.card().metrics().get("test:ssd"), 1e-6);
    Prediction p = m.predict(FeatureVector.dense(6f, 0f, 0f, 0.5f));
    int cluster = (int) p.get("closest_cluster");
    assertEquals(6, c[cluster * 4], 0.1);
    double exact = 0;
    float[] x = {6f, 0f, 0f, 0.5f};
    for (int q = 0; q < 4; q++) {
      exact += (x[q] - c[cluster * 4 + q]) * (x[q] - c[cluster * 4 + q]);
    }
    assertEquals(Math.sqrt(exact), p.get("distance_to_cluster"), 1e-9);
  }

  /** A reference: k-means++ seeding then full Lloyd's to convergence, the best of several seeds. */
  private static double lloydMsd(RowBatch data, int k, int seeds) {
    int d = data.featureDim();
    int n = data.rows();
    float[] points = new float[n * d];
    for (int r = 0; r < n; r++) {
      System.arraycopy(data.row(r).toDense(), 0, points, r * d, d);
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    double best = Double.POSITIVE_INFINITY;
    for (int s = 0; s < seeds; s++) {
      LocalLloyd.Result r = LocalLloyd.reduce(points, ones, n, d, k, true, 300, 1e-7, 1, RandomStream.of(100 + s),
          null);
      best = Math.min(best, r.loss() / n);
    }
    return best;
  }

  @Test
  void msdIsWithinOnePercentOfWellSeededLloydOnRealData() throws IOException {
    RowBatch california = features(TabularTestData.californiaHousing().train());
    RowBatch spambase = features(TabularTestData.spambase().train());
    for (RowBatch data : new RowBatch[] {california, spambase}) {
      int k = 8;
      // Both sets are heavy-tailed (populations, capital-run lengths): the streaming centers must reach the tails,
      // so k-means++ draws them and keeps many (random init and the auto factor give 5.8% worse on California).
      KMeansModel m = fit(KMeansParams.builder(k, data.featureDim()).set("init_method", "kmeans++")
          .set("extra_center_factor", "50").build(), data, FitOptions.builder());
      double ours = m.card().metrics().get("train:msd");
      double reference = lloydMsd(data, k, 3);
      assertTrue(ours <= reference * 1.01, "msd " + ours + " vs Lloyd's " + reference);
    }
  }

  /** The rows without their labels. */
  private static RowBatch features(RowBatch withLabels) {
    RowBatch.Builder b = RowBatch.builder(withLabels.featureDim(), 0, false);
    for (int r = 0; r < withLabels.rows(); r++) {
      b.addDense(withLabels.row(r).toDense(), 0, new float[0], 1f);
    }
    return b.build();
  }

  @Test
  void sameSeedSameModelAndSavedModelsLoadExactly(@TempDir Path dir) throws IOException {
    RowBatch data = blobs(3000, 3);
    KMeansParams p = KMeansParams.builder(5, 4).set("mini_batch_size", "400").set("init_method", "kmeans++")
        .set("seed", "7").build();
    KMeansModel a = fit(p, data, FitOptions.builder());
    KMeansModel b = fit(p, data, FitOptions.builder());
    assertArrayEquals(a.centroids(), b.centroids());
    KMeansModel other = fit(KMeansParams.builder(5, 4).set("mini_batch_size", "400").set("seed", "8")
        .set("local_lloyd_num_trials", "1").set("local_lloyd_init_method", "random").build(), data,
        FitOptions.builder());
    assertFalse(java.util.Arrays.equals(a.centroids(), other.centroids()));
    Path file = dir.resolve("kmeans.sagemill");
    ModelIO.save(a, file);
    assertArrayEquals(a.centroids(), ModelIO.load(file, KMeansModel.class).centroids());
  }

  @Test
  void readsAndServesASageMakerArtifact(@TempDir Path dir) throws IOException {
    float[] centroids = {1, 2, 3, -1, -2, -3};
    ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0x112).putLong(0).putLong(1);
    b.putInt(0xF993FAC9).putInt(0).putInt(2).putLong(2).putLong(3).putInt(1).putInt(0).putInt(0);
    for (float c : centroids) {
      b.putFloat(c);
    }
    b.putLong(0);
    byte[] ndarray = java.util.Arrays.copyOf(b.array(), b.position());
    Path tar = dir.resolve("model.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tar))) {
      out.write(tarEntry("model_algo-1", ndarray));
      out.write(new byte[1024]);
    }
    KMeansModel m = KMeansModel.fromSageMaker(tar);
    assertEquals(2, m.k());
    assertArrayEquals(centroids, m.centroids());
    assertEquals(1, (int) m.predict(FeatureVector.dense(-1f, -1f, -1f)).get("closest_cluster"));
    Path raw = dir.resolve("model_algo-1");
    Files.write(raw, ndarray);
    assertArrayEquals(centroids, KMeansModel.fromSageMaker(raw).centroids());
    Files.write(raw, java.util.Arrays.copyOf(ndarray, 40));
    assertThrows(dev.sagemill.core.io.CorruptModelException.class, () -> KMeansModel.fromSageMaker(raw));
  }

  /** One ustar entry: a 512-byte header (name, octal size, checksum) and the data padded to 512 bytes. */
  private static byte[] tarEntry(String name, byte[] data) {
    byte[] h = new byte[512];
    System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, h, 0, name.length());
    byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, h, 124, 11);
    h[156] = '0';
    System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte x : h) {
      sum += x & 0xFF;
    }
    byte[] chk = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, h, 148, 6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(h);
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return out.toByteArray();
  }

  @Test
  void degenerateDataGivesFiniteCentersAndBadInputIsRefusedByName() throws IOException {
    RowBatch.Builder same = RowBatch.builder(3, 0, false);
    for (int i = 0; i < 50; i++) {
      same.addDense(new float[] {1, i % 2, 5}, 0, new float[0], 1f);
    }
    KMeansModel m = fit(KMeansParams.builder(4, 3).build(), same.build(), FitOptions.builder());
    for (float c : m.centroids()) {
      assertTrue(Float.isFinite(c));
    }
    assertEquals(0, m.card().metrics().get("train:msd"), 1e-12);

    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> fit(KMeansParams.builder(10, 4).build(), blobs(6, 1), FitOptions.builder()));
    assertTrue(e.getMessage().contains("k = 10 is larger than the 6 rows"), e.getMessage());
    e = assertThrows(InvalidDataException.class,
        () -> fit(KMeansParams.builder(2, 5).build(), blobs(60, 1), FitOptions.builder()));
    assertTrue(e.getMessage().contains("feature_dim is 5"), e.getMessage());
    RowBatch.Builder nan = RowBatch.builder(4, 0, false);
    for (int i = 0; i < 20; i++) {
      nan.addDense(new float[] {i, 1, i == 13 ? Float.NaN : 0, 2}, 0, new float[0], 1f);
    }
    e = assertThrows(InvalidDataException.class,
        () -> fit(KMeansParams.builder(2, 4).build(), nan.build(), FitOptions.builder()));
    assertTrue(e.getMessage().contains("feature 2 is NaN"), e.getMessage());
    assertEquals(14, e.position(), "record 13 (0-based) is the 14th");
    e = assertThrows(InvalidDataException.class,
        () -> fit(KMeansParams.builder(2, 4).build(), RowBatch.builder(4, 0, false).build(), FitOptions.builder()));
    assertTrue(e.getMessage().contains("has no rows"), e.getMessage());
    InvalidHyperparametersException h = assertThrows(InvalidHyperparametersException.class,
        () -> KMeansParams.builder(2, 4).set("eval_metrics", "[\"msd\", \"rmse\"]").build());
    assertTrue(h.getMessage().contains("rmse"), h.getMessage());
    assertThrows(InvalidDataException.class, () -> m.predict(FeatureVector.dense(1f, 2f)));
  }

  /**
   * Issue 32 item 5: {@code full_data_lloyd_passes} ends at a fixed point of Lloyd's algorithm on the rows
   * themselves: every center is the mean of the rows nearest to it, and the loss is no higher than SageMaker's
   * method's.
   */
  @Test
  void fullDataLloydPassesEndAtAFixedPointOfTheRowsLoss() throws IOException {
    RandomStream rng = RandomStream.of(9);
    RowBatch.Builder b = RowBatch.builder(2, 0, false);
    for (int i = 0; i < 3000; i++) {
      b.addDense(new float[] {(float) rng.nextDouble(), (float) (rng.nextDouble() * rng.nextDouble())}, 0,
          new float[0], 1f);
    }
    RowBatch rows = b.build();
    KMeansParams.Builder base = KMeansParams.builder(8, 2).set("mini_batch_size", "500").set("seed", "4");
    KMeansModel sagemaker = fit(base.build(), rows, FitOptions.builder());
    KMeansModel refined = fit(base.fullDataLloydPasses(200).set("local_lloyd_tol", "0").build(), rows,
        FitOptions.builder());
    // With the default tolerance the passes stop early, but only after moving the centers.
    KMeansModel early = fit(KMeansParams.builder(8, 2).set("mini_batch_size", "500").set("seed", "4")
        .fullDataLloydPasses(200).build(), rows, FitOptions.builder());
    assertTrue(early.card().metrics().get("train:msd") < sagemaker.card().metrics().get("train:msd"));
    double before = sagemaker.card().metrics().get("train:msd");
    double after = refined.card().metrics().get("train:msd");
    assertTrue(after <= before, after + " > " + before);
    float[] c = refined.centroids();
    double[] sums = new double[16];
    int[] counts = new int[8];
    for (int r = 0; r < rows.rows(); r++) {
      float[] x = rows.row(r).toDense();
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < 8; j++) {
        double dx = x[0] - c[2 * j];
        double dy = x[1] - c[2 * j + 1];
        if (dx * dx + dy * dy < bestD) {
          bestD = dx * dx + dy * dy;
          best = j;
        }
      }
      sums[2 * best] += x[0];
      sums[2 * best + 1] += x[1];
      counts[best]++;
    }
    for (int j = 0; j < 8; j++) {
      assertTrue(counts[j] > 0, "cluster " + j + " is empty");
      assertEquals(sums[2 * j] / counts[j], c[2 * j], 1e-5, "center " + j + " is its rows' mean");
      assertEquals(sums[2 * j + 1] / counts[j], c[2 * j + 1], 1e-5, "center " + j + " is its rows' mean");
    }
  }
}

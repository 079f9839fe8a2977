package dev.sagemill.algo.knn;

import dev.sagemill.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.random.RandomStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnTest {
  private static KnnModel fit(KnnParams.Builder p, RowBatch train, RowBatch test) throws IOException {
    FitOptions.Builder o = FitOptions.builder().threads(2);
    if (test != null) {
      o.test(InMemoryDataset.of(test));
    }
    return new KnnEstimator(p.build()).fit(InMemoryDataset.of(train), o.build());
  }

  /**
   * Brute force in double: the ids of the k nearest rows of {@code data} to q. For COSINE both sides are first
   * scaled to unit length in float, as the index stores them, so rows whose cosines differ by less than float
   * rounding rank the same way in both.
   */
  private static int[] bruteForce(RowBatch data, float[] query, int k, Metric metric) {
    int n = data.rows();
    double[] d = new double[n];
    float[] q = metric == Metric.COSINE ? unit(query) : query;
    for (int i = 0; i < n; i++) {
      float[] x = metric == Metric.COSINE ? unit(data.row(i).toDense()) : data.row(i).toDense();
      double s = 0;
      for (int p = 0; p < q.length; p++) {
        s += metric == Metric.L2 ? ((double) q[p] - x[p]) * ((double) q[p] - x[p]) : (double) q[p] * x[p];
      }
      d[i] = metric == Metric.L2 ? s : metric == Metric.INNER_PRODUCT ? -s : 1 - s;
    }
    return IntStream.range(0, n).boxed().sorted(Comparator.<Integer>comparingDouble(i -> d[i])
        .thenComparingInt(i -> i)).limit(k).mapToInt(i -> i).toArray();
  }

  private static float[] unit(float[] x) {
    double n = 0;
    for (float v : x) {
      n += (double) v * v;
    }
    float inv = (float) (1 / Math.sqrt(n));
    float[] out = new float[x.length];
    for (int p = 0; p < x.length; p++) {
      out[p] = x[p] * inv;
    }
    return out;
  }

  @Test
  void flatSearchFindsExactlyTheBruteForceNeighboursForEveryMetric() throws IOException {
    TabularTestData.Split housing = TabularTestData.californiaHousing();
    RowBatch train = housing.train().slice(0, 4000);
    RowBatch queries = housing.test().slice(0, 150);
    for (Metric metric : Metric.values()) {
      KnnModel m = fit(KnnParams.builder(8, 10, "regressor", 100_000).set("index_metric", metric.name()), train,
          null);
      KnnModel.Neighbors nb = m.neighbors(queries, null);
      for (int q = 0; q < queries.rows(); q++) {
        int[] want = bruteForce(train, queries.row(q).toDense(), 10, metric);
        int[] got = Arrays.copyOfRange(nb.ids(), q * 10, q * 10 + 10);
        assertArrayEquals(want, got, metric + " query " + q);
        for (int i = 1; i < 10; i++) {
          assertTrue(nb.distances()[q * 10 + i] >= nb.distances()[q * 10 + i - 1], "ascending");
        }
      }
    }
  }

  /** MNIST test digits (10,000 × 784, pixel values 0-255) with their labels as the label column. */
  static RowBatch mnist() throws IOException {
    Path dir = SharedData.dataset("mnist");
    byte[] images;
    byte[] labels;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("t10k-images-idx3-ubyte.gz")))) {
      images = in.readAllBytes();
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("t10k-labels-idx1-ubyte.gz")))) {
      labels = in.readAllBytes();
    }
    DataInputStream header = new DataInputStream(new java.io.ByteArrayInputStream(images));
    assertEquals(2051, header.readInt());
    int n = header.readInt();
    int pixels = header.readInt() * header.readInt();
    RowBatch.Builder b = RowBatch.builder(pixels, 1, false);
    float[] x = new float[pixels];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < pixels; p++) {
        x[p] = images[16 + i * pixels + p] & 0xFF;
      }
      b.addDense(x, 0, new float[] {labels[8 + i]}, 1f);
    }
    return b.build();
  }

  @Test
  void mnistWithThreeNeighboursClassifiesAsPublishedForRawPixelKnn() throws IOException {
    RowBatch all = mnist();
    RowBatch train = all.slice(0, 8000);
    RowBatch test = all.slice(8000, 10_000);
    KnnModel m = fit(KnnParams.builder(784, 3, "classifier", 8000), train, test);
    double accuracy = m.card().metrics().get("test:accuracy");
    // LeCun's table: raw-pixel L2 k-NN errs on 5.0% with 60,000 training digits; with 8,000 the error is a few
    // points higher. The last 2,000 test digits are the easier half of the set.
    assertTrue(accuracy > 0.93 && accuracy < 0.995, "accuracy " + accuracy);
    // IVF indexes keep nearly all of the exact accuracy
    KnnModel ivf = fit(KnnParams.builder(784, 3, "classifier", 8000).set("index_type", "faiss.IVFFlat"), train,
        test);
    assertTrue(ivf.card().metrics().get("test:accuracy") > accuracy - 0.01, ivf.card().metrics().toString());
  }

  /** A mixture of 40 Gaussian clusters in 32 dimensions. */
  private static RowBatch clusters(int n, long seed) {
    RandomStream rng = RandomStream.of(seed);
    RandomStream centers = RandomStream.of(99);
    float[][] c = new float[40][32];
    for (float[] row : c) {
      for (int p = 0; p < 32; p++) {
        row[p] = (float) (4 * centers.nextGaussian());
      }
    }
    RowBatch.Builder b = RowBatch.builder(32, 1, false);
    float[] x = new float[32];
    for (int i = 0; i < n; i++) {
      int k = rng.nextInt(40);
      for (int p = 0; p < 32; p++) {
        x[p] = (float) (c[k][p] + rng.nextGaussian());
      }
      b.addDense(x, 0, new float[] {k}, 1f);
    }
    return b.build();
  }

  private static double recall(KnnModel exact, KnnModel approx, RowBatch queries, int k) {
    int[] a = exact.neighbors(queries, null).ids();
    int[] b = approx.neighbors(queries, null).ids();
    int hits = 0;
    for (int q = 0; q < queries.rows(); q++) {
      int[] want = Arrays.copyOfRange(a, q * k, q * k + k);
      Arrays.sort(want);
      for (int i = 0; i < k; i++) {
        hits += Arrays.binarySearch(want, b[q * k + i]) >= 0 ? 1 : 0;
      }
    }
    return hits / (double) (queries.rows() * k);
  }

  @Test
  void ivfIndexesReachHighRecallAndEveryIndexSavesAndLoadsExactly(@TempDir Path dir) throws IOException {
    RowBatch data = clusters(20_000, 1);
    RowBatch queries = clusters(300, 2);
    KnnParams.Builder base = KnnParams.builder(32, 10, "classifier", 20_000);
    KnnModel flat = fit(base, data, null);
    for (String type : new String[] {"faiss.IVFFlat", "faiss.IVFPQ"}) {
      KnnModel ivf = fit(KnnParams.builder(32, 10, "classifier", 20_000).set("index_type", type), data, null);
      double r = recall(flat, ivf, queries, 10);
      assertTrue(r >= 0.95, type + " recall@10 " + r);
    }
    for (String type : new String[] {"faiss.Flat", "faiss.IVFFlat", "faiss.IVFPQ"}) {
      KnnModel m = fit(KnnParams.builder(32, 10, "classifier", 20_000).set("index_type", type)
          .set("index_metric", "COSINE").set("dimension_reduction_type", "fjlt")
          .set("dimension_reduction_target", "16").set("faiss_index_pq_m", "4"), data, null);
      Path f = dir.resolve(type + ".sagemill");
      ModelIO.save(m, f);
      KnnModel back = (KnnModel) ModelIO.load(f);
      KnnModel.Neighbors a = m.neighbors(queries, null);
      KnnModel.Neighbors b = back.neighbors(queries, null);
      assertArrayEquals(a.ids(), b.ids(), type);
      assertArrayEquals(a.distances(), b.distances(), 0.0, type);
    }
  }

  @Test
  void randomProjectionsPreserveDistancesAsJohnsonLindenstraussPromises() {
    RowBatch data = clusters(200, 3);
    for (String type : new String[] {"sign", "fjlt"}) {
      Reduction r = Reduction.draw(type, 32, 24, false, RandomStream.of(4));
      float[] out = new float[200 * 24];
      float[] scratch = new float[r.scratchLength()];
      for (int i = 0; i < 200; i++) {
        r.apply(data, i, out, i * 24, scratch);
      }
      double logSum = 0;
      for (int i = 0; i < 100; i++) {
        double before = 0;
        double after = 0;
        float[] x = data.row(i).toDense();
        float[] y = data.row(i + 100).toDense();
        for (int p = 0; p < 32; p++) {
          before += (x[p] - y[p]) * (x[p] - y[p]);
        }
        for (int p = 0; p < 24; p++) {
          after += (out[i * 24 + p] - out[(i + 100) * 24 + p]) * (out[i * 24 + p] - out[(i + 100) * 24 + p]);
        }
        assertTrue(after / before > 0.3 && after / before < 2.0, type + " ratio " + after / before);
        logSum += Math.log(after / before);
      }
      assertEquals(0, logSum / 100, 0.1, type + ": squared distances are preserved on average");
    }
    // with every coordinate of the Hadamard transform kept, fjlt is an exact isometry
    Reduction full = Reduction.draw("fjlt", 32, 32, false, RandomStream.of(5));
    float[] out = new float[32];
    full.apply(data, 0, out, 0, new float[full.scratchLength()]);
    double a = 0;
    double b = 0;
    for (int p = 0; p < 32; p++) {
      a += out[p] * out[p];
      b += data.row(0).toDense()[p] * data.row(0).toDense()[p];
    }
    assertEquals(b, a, 1e-4 * b);
  }

  @Test
  void predictsVotesAndMeansAnswersVerboselyAndScoresTheTestChannel() throws IOException {
    RowBatch.Builder b = RowBatch.builder(1, 1, false);
    float[][] rows = {{0, 1}, {1, 1}, {2, 2}, {10, 5}, {11, 7}, {12, 9}};
    for (float[] r : rows) {
      b.addDense(r, 0, new float[] {r[1]}, 1f);
    }
    RowBatch train = b.build();
    RowBatch.Builder t = RowBatch.builder(1, 1, false);
    t.addDense(new float[] {0.4f}, 0, new float[] {1}, 1f);
    t.addDense(new float[] {11.2f}, 0, new float[] {7}, 1f);
    KnnModel c = fit(KnnParams.builder(1, 3, "classifier", 10), train, t.build());
    Prediction p = c.verbose().predict(FeatureVector.dense(0.4f));
    assertEquals(1, p.get("predicted_label")); // labels 1, 1, 2
    assertArrayEquals(new double[] {1, 1, 2}, p.getVector("labels"));
    assertArrayEquals(new double[] {0.16, 0.36, 2.56}, p.getVector("distances"), 1e-6);
    // neighbors 11 (label 7), 10 (5), 12 (9): a three-way tie, the nearest neighbor's label wins
    assertEquals(7, c.predict(FeatureVector.dense(10.9f)).get("predicted_label"));
    assertEquals(1.0, c.card().metrics().get("test:accuracy"), 1e-12);
    KnnModel r = fit(KnnParams.builder(1, 3, "regressor", 10), train, t.build());
    assertEquals(7, r.predict(FeatureVector.dense(11.2f)).get("predicted_label"), 1e-6);
    assertEquals((4.0 / 3 - 1) * (4.0 / 3 - 1), r.card().metrics().get("test:mse") * 2, 1e-6);
  }

  @Test
  void reservoirSamplesUniformlyAndDeterministically() throws IOException {
    RowBatch.Builder b = RowBatch.builder(2, 1, false);
    for (int i = 0; i < 20_000; i++) {
      b.addDense(new float[] {i, -i}, 0, new float[] {i}, 1f);
    }
    RowBatch data = b.build();
    KnnParams.Builder p = KnnParams.builder(2, 1, "regressor", 2000).set("seed", "3").set("mini_batch_size", "700");
    KnnModel a = fit(p, data, null);
    assertEquals(2000, a.size());
    double mean = 0;
    for (float l : a.labels) {
      mean += l / 2000.0;
    }
    assertEquals(10_000, mean, 3 * 5774 / Math.sqrt(2000)); // uniform on [0, 20000): sd 5774
    assertArrayEquals(a.labels, fit(p, data, null).labels, 0f);
  }

  @Test
  void badInputIsRefusedByName() throws IOException {
    RowBatch data = clusters(50, 5);
    InvalidDataException big = assertThrows(InvalidDataException.class,
        () -> fit(KnnParams.builder(32, 60, "classifier", 100), data, null));
    assertTrue(big.getMessage().contains("k = 60") && big.getMessage().contains("50 rows"), big.getMessage());
    KnnModel m = fit(KnnParams.builder(32, 3, "classifier", 100), data, null);
    InvalidDataException dim = assertThrows(InvalidDataException.class,
        () -> m.predict(FeatureVector.dense(1f, 2f)));
    assertTrue(dim.getMessage().contains("2 features"), dim.getMessage());
    float[] nan = new float[32];
    nan[7] = Float.NaN;
    InvalidDataException bad = assertThrows(InvalidDataException.class, () -> m.predict(FeatureVector.dense(nan)));
    assertTrue(bad.getMessage().contains("feature 7 is NaN"), bad.getMessage());
    RowBatch.Builder unlabelled = RowBatch.builder(32, 0, false);
    unlabelled.addDense(new float[32], 0, new float[0], 1f);
    assertThrows(InvalidDataException.class,
        () -> fit(KnnParams.builder(32, 1, "classifier", 100), unlabelled.build(), null));
    InvalidHyperparametersException hp = assertThrows(InvalidHyperparametersException.class,
        () -> KnnParams.builder(32, 3, "classifier", 100).set("dimension_reduction_type", "sign")
            .set("faiss_index_pq_m", "5").build());
    assertTrue(hp.getMessage().contains("dimension_reduction_target") && hp.getMessage().contains("faiss_index_pq_m"),
        hp.getMessage());
    assertThrows(InvalidHyperparametersException.class, () -> KnnParams.builder(32, 3, "classifier", 100)
        .set("dimension_reduction_type", "fjlt").set("dimension_reduction_target", "40").build());
  }
}

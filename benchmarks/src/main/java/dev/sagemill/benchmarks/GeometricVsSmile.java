package dev.sagemill.benchmarks;

import dev.sagemill.algo.kmeans.KMeansEstimator;
import dev.sagemill.algo.kmeans.KMeansModel;
import dev.sagemill.algo.kmeans.KMeansParams;
import dev.sagemill.algo.knn.KnnEstimator;
import dev.sagemill.algo.knn.KnnModel;
import dev.sagemill.algo.knn.KnnParams;
import dev.sagemill.algo.pca.PCAEstimator;
import dev.sagemill.algo.pca.PCAModel;
import dev.sagemill.algo.pca.PCAParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import smile.clustering.KMeans;
import smile.math.distance.EuclideanDistance;
import smile.neighbor.LinearSearch;
import smile.neighbor.Neighbor;

/**
 * The geometric algorithms against JVM peers (Smile 3.1.1, Commons Math 3.6.1) on the same in-memory data in one JVM, each printing the time ratio
 * and the quality of both:
 *
 * <ul>
 *   <li>{@code kmeans ROWS}: k = 100 on ROWS × 50 rows drawn from 100 Gaussian clusters; sagemill's SageMaker
 *       k-means (kmeans++ init) against Smile's {@code KMeans.fit} (k-means++ seeding, then Lloyd's on a BBD tree,
 *       up to 100 iterations). Both models' msd is measured by the same exact kernel.</li>
 *   <li>{@code pca ROWS}: ROWS × 200 → 20 components, randomized mode, against Commons Math (the covariance matrix,
 *       then its eigen-decomposition; Smile 3.1.1's PCA needs native OpenBLAS); the explained variance ratio of each
 *       of the 20 components is compared.</li>
 *   <li>{@code knn ROWS QUERIES SMILE_QUERIES}: 64-dimensional rows from 1,000 Gaussian clusters; exact search
 *       throughput (queries/s, k = 10) of sagemill's faiss.Flat against Smile's {@code LinearSearch} (on
 *       SMILE_QUERIES of the queries: it is slow), then faiss.IVFFlat and faiss.IVFPQ throughput and recall@10
 *       against the exact answer.</li>
 * </ul>
 *
 * <p>Run: {@code benchmarks/run.sh -Xmx12g GeometricVsSmile kmeans 1000000} (or {@code pca 1000000},
 * {@code knn 1000000 10000 200}).
 */
public final class GeometricVsSmile {
  private GeometricVsSmile() {}

  /**
   * @param args the mode and its sizes
   * @throws IOException never (in-memory data)
   */
  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "kmeans" -> kmeans(Integer.parseInt(args[1]));
      case "pca" -> pca(Integer.parseInt(args[1]));
      case "knn" -> knn(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      default -> throw new IllegalArgumentException("mode kmeans, pca or knn");
    }
  }

  /** Rows around {@code clusters} Gaussian centers (spread 4, unit noise), with the cluster as label. */
  private static RowBatch mixture(int rows, int dim, int clusters, long seed) {
    RandomStream centers = RandomStream.of(1234);
    float[][] c = new float[clusters][dim];
    for (float[] row : c) {
      for (int p = 0; p < dim; p++) {
        row[p] = (float) (4 * centers.nextGaussian());
      }
    }
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder b = RowBatch.builder(dim, 1, false);
    float[] x = new float[dim];
    for (int i = 0; i < rows; i++) {
      int k = rng.nextInt(clusters);
      for (int p = 0; p < dim; p++) {
        x[p] = (float) (c[k][p] + rng.nextGaussian());
      }
      b.addDense(x, 0, new float[] {k}, 1f);
    }
    return b.build();
  }

  private static void kmeans(int rows) throws IOException {
    RowBatch data = mixture(rows, 50, 100, 1);
    InMemoryDataset ds = InMemoryDataset.of(data);
    double[][] x = BenchData.features(data);
    long t0 = System.nanoTime();
    KMeansModel ours = new KMeansEstimator(KMeansParams.builder(100, 50).set("init_method", "kmeans++").build())
        .fit(ds, FitOptions.builder().threads(Runtime.getRuntime().availableProcessors()).build());
    double oursS = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    KMeans smile = KMeans.fit(x, 100);
    double smileS = (System.nanoTime() - t0) / 1e9;
    float[] sc = new float[100 * 50];
    for (int j = 0; j < 100; j++) {
      for (int p = 0; p < 50; p++) {
        sc[j * 50 + p] = (float) smile.centroids[j][p];
      }
    }
    KMeansModel smileModel = new KMeansModel(sc, 100, Schema.of(50, 1), new ModelCard("kmeans", Map.of(), Map.of(),
        "smile"));
    double oursMsd = ours.loss(ds, null)[0] / rows;
    double smileMsd = smileModel.loss(ds, null)[0] / rows;
    System.out.printf(Locale.ROOT, "kmeans k=100 %d x 50: sagemill %.2fs msd %.4f | smile %.2fs msd %.4f | time "
        + "ratio %.3f, msd ratio %.4f%n", rows, oursS, oursMsd, smileS, smileMsd, oursS / smileS, oursMsd / smileMsd);
  }

  private static void pca(int rows) throws IOException {
    RandomStream rng = RandomStream.of(7);
    int d = 200;
    double[][] basis = new double[20][d];
    for (double[] b : basis) {
      for (int p = 0; p < d; p++) {
        b[p] = rng.nextGaussian();
      }
    }
    RowBatch.Builder b = RowBatch.builder(d, 0, false);
    float[] x = new float[d];
    for (int i = 0; i < rows; i++) {
      for (int p = 0; p < d; p++) {
        x[p] = (float) (3 + rng.nextGaussian());
      }
      for (int k = 0; k < 20; k++) {
        double a = (20 - k) * 0.5 * rng.nextGaussian();
        for (int p = 0; p < d; p++) {
          x[p] += (float) (a * basis[k][p]);
        }
      }
      b.addDense(x, 0, new float[0], 1f);
    }
    RowBatch data = b.build();
    double[][] xs = BenchData.features(data);
    long t0 = System.nanoTime();
    PCAModel ours = new PCAEstimator(PCAParams.builder(d, 10_000, 20).set("algorithm_mode", "randomized").build())
        .fit(InMemoryDataset.of(data), FitOptions.builder().threads(Runtime.getRuntime().availableProcessors())
            .build());
    double oursS = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    // Smile 3.1.1's PCA needs bytedeco's OpenBLAS natives, which are not on this class path; the other named
    // peer is Commons Math: the covariance matrix, then its symmetric eigen-decomposition
    RealMatrix cov = new Covariance(xs, false).getCovarianceMatrix();
    double[] eig = new EigenDecomposition(cov).getRealEigenvalues();
    double smileS = (System.nanoTime() - t0) / 1e9;
    double[] theirs = Arrays.stream(eig).map(e -> -e).sorted().map(e -> -e).toArray();
    double trace = Arrays.stream(eig).sum();
    for (int c = 0; c < theirs.length; c++) {
      theirs[c] /= trace;
    }
    double[] mine = ours.explainedVarianceRatio();
    double worst = 0;
    for (int c = 0; c < 20; c++) {
      worst = Math.max(worst, Math.abs(mine[19 - c] - theirs[c]));
    }
    System.out.printf(Locale.ROOT, "pca %d x %d -> 20 (randomized): sagemill %.2fs | commons-math %.2fs | ratio %.3f"
        + " | explained variance of the 20: %.6f vs %.6f, max abs difference per component %.2e%n", rows, d, oursS,
        smileS, oursS / smileS, Arrays.stream(mine).sum(), Arrays.stream(theirs).limit(20).sum(), worst);
  }

  private static void knn(int rows, int queries, int smileQueries) throws IOException {
    RowBatch data = mixture(rows, 64, 1000, 1);
    RowBatch q = mixture(queries, 64, 1000, 2);
    int threads = Runtime.getRuntime().availableProcessors();
    KnnModel flat = build(data, "faiss.Flat", rows, threads);
    flat.neighbors(q.slice(0, Math.min(queries, 500)), null); // warm-up
    long t0 = System.nanoTime();
    KnnModel.Neighbors exact = flat.neighbors(q, null);
    double flatQps = queries / ((System.nanoTime() - t0) / 1e9);
    double[][] xs = BenchData.features(data);
    LinearSearch<double[], double[]> smile = LinearSearch.of(xs, new EuclideanDistance());
    double[][] qs = BenchData.features(q.slice(0, smileQueries));
    smile.search(qs[0], 10); // warm-up
    t0 = System.nanoTime();
    int agree = 0;
    for (int i = 0; i < smileQueries; i++) {
      Neighbor<double[], double[]>[] nb = smile.search(qs[i], 10);
      for (Neighbor<double[], double[]> n : nb) {
        for (int j = 0; j < 10; j++) {
          agree += exact.ids()[i * 10 + j] == n.index ? 1 : 0;
        }
      }
    }
    double smileQps = smileQueries / ((System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "knn exact, %d x 64, k=10: sagemill faiss.Flat %.1f queries/s (%d queries, %d "
        + "threads) | smile LinearSearch %.1f queries/s (%d queries) | throughput ratio %.1f | neighbours agreeing "
        + "%d/%d%n", rows, flatQps, queries, threads, smileQps, smileQueries, flatQps / smileQps, agree,
        smileQueries * 10);
    for (String type : new String[] {"faiss.IVFFlat", "faiss.IVFPQ"}) {
      long b0 = System.nanoTime();
      KnnModel ivf = build(data, type, rows, threads);
      double buildS = (System.nanoTime() - b0) / 1e9;
      ivf.neighbors(q.slice(0, Math.min(queries, 500)), null); // warm-up
      t0 = System.nanoTime();
      KnnModel.Neighbors approx = ivf.neighbors(q, null);
      double qps = queries / ((System.nanoTime() - t0) / 1e9);
      int hits = 0;
      for (int i = 0; i < queries; i++) {
        int[] want = Arrays.copyOfRange(exact.ids(), i * 10, i * 10 + 10);
        Arrays.sort(want);
        for (int j = 0; j < 10; j++) {
          hits += Arrays.binarySearch(want, approx.ids()[i * 10 + j]) >= 0 ? 1 : 0;
        }
      }
      System.out.printf(Locale.ROOT, "knn %s: built in %.1fs, %.1f queries/s = %.1fx exact, recall@10 %.4f%n", type,
          buildS, qps, qps / flatQps, hits / (10.0 * queries));
    }
  }

  private static KnnModel build(RowBatch data, String type, int rows, int threads) throws IOException {
    return new KnnEstimator(KnnParams.builder(64, 10, "classifier", rows).set("index_type", type).build())
        .fit(InMemoryDataset.of(data), FitOptions.builder().threads(threads).build());
  }
}

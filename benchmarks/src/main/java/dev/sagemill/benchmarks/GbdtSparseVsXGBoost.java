package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Sparse data with many columns, sagemill against xgboost4j ({@code hist}), same rows, parameters and threads:
 * bag-of-words-like rows (Zipf-distributed column ids, small counts) whose label follows a sparse logistic model.
 * Neither side densifies (xgboost4j gets CSR).
 *
 * <p>Usage: {@code benchmarks/run.sh -Xmx8g GbdtSparseVsXGBoost [rows=100000] [columns=200000] [nnzPerRow=40]
 * [rounds=50] [depth=6] [threads=2]}.
 */
public final class GbdtSparseVsXGBoost {
  private GbdtSparseVsXGBoost() {}

  /**
   * @param args rows, columns, nonzeros per row, rounds, depth, threads
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int cols = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int nnz = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int depth = args.length > 4 ? Integer.parseInt(args[4]) : 6;
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
    RowBatch train = generate(rows, cols, nnz, 1);
    RowBatch test = generate(rows / 5, cols, nnz, 2);
    System.out.printf(Locale.ROOT, "data: %,d x %,d sparse (%d nonzeros per row), %,d test rows; %d rounds, depth %d,"
        + " eta 0.3, %d threads%n", rows, cols, nnz, test.rows(), rounds, depth, threads);
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", "binary:logistic");
    xp.put("tree_method", "hist");
    xp.put("max_depth", depth);
    xp.put("eta", 0.3);
    xp.put("nthread", threads);
    long t0 = System.nanoTime();
    DMatrix dtrain = csr(train);
    Booster b = XGBoost.train(dtrain, xp, rounds, new HashMap<>(), null, null);
    double xgbTime = (System.nanoTime() - t0) / 1e9;
    float[][] p = b.predict(csr(test));
    double[] y = new double[test.rows()];
    double[] theirs = new double[test.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = test.label(r);
      theirs[r] = p[r][0];
    }
    long t1 = System.nanoTime();
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(rounds).objective("binary:logistic").eta(0.3)
        .maxDepth(depth).set("nthread", Integer.toString(threads)).build())
        .fit(InMemoryDataset.of(train), FitOptions.builder().threads(threads).build());
    double smTime = (System.nanoTime() - t1) / 1e9;
    double[] ours = m.predictValues(test);
    System.out.printf(Locale.ROOT, "train xgboost4j %.2f s, test AUC %.4f%n", xgbTime, Metrics.auc(y, theirs, null));
    System.out.printf(Locale.ROOT, "train sagemill  %.2f s, test AUC %.4f%n", smTime, Metrics.auc(y, ours, null));
    System.out.printf(Locale.ROOT, "train time ratio sagemill/xgboost4j = %.2f (goal <= 1.0)%n", smTime / xgbTime);
    b.dispose();
  }

  private static RowBatch generate(int rows, int cols, int nnz, long seed) {
    RandomStream weights = RandomStream.of(99);
    double[] beta = new double[cols];
    for (int j = 0; j < cols; j++) {
      beta[j] = weights.nextDouble() < 0.02 ? weights.nextGaussian() : 0;
    }
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder b = RowBatch.builder(cols, 1, true);
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    for (int r = 0; r < rows; r++) {
      TreeSet<Integer> set = new TreeSet<>();
      while (set.size() < nnz) {
        // Zipf-like: small ids are frequent, large ids rare
        set.add((int) Math.min(cols - 1, Math.floor(Math.pow(cols, rng.nextDouble())) - 1));
      }
      int k = 0;
      double z = 0;
      for (int j : set) {
        idx[k] = j;
        val[k] = 1 + rng.nextInt(3);
        z += beta[j] * val[k];
        k++;
      }
      b.addSparse(idx, val, k, new float[] {rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f}, 1f);
    }
    return b.build();
  }

  private static DMatrix csr(RowBatch b) throws Exception {
    long[] ptr = new long[b.rows() + 1];
    for (int r = 0; r <= b.rows(); r++) {
      ptr[r] = b.rowPointers()[r];
    }
    DMatrix m = new DMatrix(ptr, b.indices(), b.sparseValues(), DMatrix.SparseType.CSR, b.featureDim());
    float[] y = new float[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    m.setLabel(y);
    return m;
  }
}

package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * sagemill's {@code xgboost} against xgboost4j (native XGBoost, {@code tree_method=hist}) on the same rows, with the
 * same parameters and thread count, in one run: training time ratio, test AUC of each, batch prediction throughput
 * and single-row latency.
 *
 * <p>Usage: {@code benchmarks/run.sh -Xmx8g GbdtVsXGBoost [rows=1000000] [rounds=200] [depth=8] [threads=2]
 * [synthetic|higgs]}. Synthetic: {@link BenchData#synthetic} train rows and 200,000 test rows from the same
 * distribution (so an AUC difference of 0.001 is measurable). Higgs: the sample's training rows tiled with 5% noise,
 * tested on its 500 real test rows.
 */
public final class GbdtVsXGBoost {
  private GbdtVsXGBoost() {}

  /**
   * @param args rows, rounds, depth, threads
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int depth = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    boolean higgs = args.length > 4 && args[4].equals("higgs");
    InMemoryDataset train;
    RowBatch test;
    if (higgs) {
      InMemoryDataset base = BenchData.higgs("train.csv.gz");
      train = rows == base.size() ? base : BenchData.tile(base, rows, 42);
      test = BenchData.higgs("test.csv.gz").data();
    } else {
      train = BenchData.synthetic(rows, 42);
      test = BenchData.synthetic(200_000, 4242).data();
    }
    RowBatch tr = train.data();
    int d = tr.featureDim();
    double[] yTest = BenchData.labels(test);
    System.out.printf(Locale.ROOT, "data: %,d x %d train, %,d test (%s); %d rounds, depth %d, eta 0.1,"
        + " max_bin 256, %d threads%n", tr.rows(), d, test.rows(),
        higgs ? "Higgs sample tiled with noise; its real test rows" : "synthetic Higgs-like", rounds, depth, threads);

    // xgboost4j
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", "binary:logistic");
    xp.put("tree_method", "hist");
    xp.put("max_depth", depth);
    xp.put("eta", 0.1);
    xp.put("max_bin", 256);
    xp.put("nthread", threads);
    xp.put("seed", 0);
    xp.put("eval_metric", "auc");
    float[] labels = new float[tr.rows()];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = tr.label(r);
    }
    long t0 = System.nanoTime();
    DMatrix dtrain = new DMatrix(tr.denseValues(), tr.rows(), d, Float.NaN);
    dtrain.setLabel(labels);
    // Both evaluate train-auc every round, as SageMaker's XGBoost container does (train is in its watchlist).
    Map<String, DMatrix> watches = new HashMap<>();
    watches.put("train", dtrain);
    Booster booster = XGBoost.train(dtrain, xp, rounds, watches, null, null);
    double xgbTrain = (System.nanoTime() - t0) / 1e9;
    DMatrix dtest = new DMatrix(test.denseValues(), test.rows(), d, Float.NaN);
    double xgbAuc = Metrics.auc(yTest, toDouble(booster.predict(dtest)), null);

    // sagemill
    XGBoostParams p = XGBoostParams.builder(rounds).objective("binary:logistic").eta(0.1).maxDepth(depth)
        .set("max_bin", "256").set("tree_method", "hist").set("nthread", Integer.toString(threads)).seed(0)
        .evalMetric("auc").build();
    long t1 = System.nanoTime();
    XGBoostModel model = new XGBoostEstimator(p).fit(train, FitOptions.builder().threads(threads).build());
    double smTrain = (System.nanoTime() - t1) / 1e9;
    double smAuc = Metrics.auc(yTest, model.predictValues(test), null);

    System.out.printf(Locale.ROOT, "train  xgboost4j %s: %.2f s, test AUC %.4f%n", ml.dmlc.xgboost4j.java.XGBoost.class
        .getPackage().getImplementationVersion(), xgbTrain, xgbAuc);
    System.out.printf(Locale.ROOT, "train  sagemill          : %.2f s, test AUC %.4f%n", smTrain, smAuc);
    System.out.printf(Locale.ROOT, "train time ratio sagemill/xgboost4j = %.2f (goal <= 0.8); AUC diff %+.4f%n",
        smTrain / xgbTrain, smAuc - xgbAuc);

    // Batch prediction throughput on the first 100k training rows, best of 10 (the first runs include compilation).
    RowBatch batch = tr.slice(0, Math.min(100_000, tr.rows()));
    DMatrix dbatch = new DMatrix(batch.denseValues(), batch.rows(), d, Float.NaN);
    double xgbBest = Double.MAX_VALUE;
    double smBest = Double.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      // A fresh DMatrix each time: XGBoost caches the predictions of a DMatrix it has seen.
      dbatch.dispose();
      dbatch = new DMatrix(batch.denseValues(), batch.rows(), d, Float.NaN);
      long a = System.nanoTime();
      booster.predict(dbatch);
      xgbBest = Math.min(xgbBest, (System.nanoTime() - a) / 1e9);
    }
    // XGBoost's OpenMP threads spin for a while after each parallel region; timing sagemill right after would share
    // the cores with them.
    Thread.sleep(1000);
    for (int i = 0; i < 10; i++) {
      long b = System.nanoTime();
      model.predictValues(batch);
      smBest = Math.min(smBest, (System.nanoTime() - b) / 1e9);
    }
    System.out.printf(Locale.ROOT, "batch predict %,d rows: xgboost4j %.0f rows/s, sagemill %.0f rows/s, ratio %.2f"
        + " (goal >= 2)%n", batch.rows(), batch.rows() / xgbBest, batch.rows() / smBest, xgbBest / smBest);

    // Single-row latency.
    int n = 20_000;
    long[] lat = new long[n];
    float[] x = new float[d];
    double sink = 0;
    for (int i = 0; i < n; i++) {
      System.arraycopy(batch.denseValues(), (i % batch.rows()) * d, x, 0, d);
      FeatureVector v = FeatureVector.dense(x);
      long a = System.nanoTime();
      sink += model.predict(v).get("score");
      lat[i] = System.nanoTime() - a;
    }
    Arrays.sort(lat, n / 2, n);
    long[] tail = Arrays.copyOfRange(lat, n / 2, n);
    Arrays.sort(tail);
    System.out.printf(Locale.ROOT,
        "single-row predict (%d trees): p50 %.2f us, p99 %.2f us (goal p50 < 10 us) [%.1f]%n",
        model.ensemble().size(), tail[tail.length / 2] / 1e3, tail[(int) (tail.length * 0.99)] / 1e3, sink % 10);
    booster.dispose();
    dtrain.dispose();
    dtest.dispose();
    dbatch.dispose();
  }

  private static double[] toDouble(float[][] p) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][0];
    }
    return out;
  }
}

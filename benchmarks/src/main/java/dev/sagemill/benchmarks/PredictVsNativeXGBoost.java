package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostJson;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 31: batch prediction against the native library a user would run instead, Debian's XGBoost 1.7.4 in Python
 * ({@code python3-xgboost}, {@code benchmarks/xgboost/predict.py}), on the same model: sagemill trains an XGBoost model
 * (binary:logistic, depth 8) on generated rows, writes it as XGBoost JSON, and both predict the same rows with 2
 * threads. Best of several runs each (the first runs include compilation); the rows are handed over as raw float32,
 * so file parsing is not timed. Prints rows per second of each, their ratio (goal ≥ 2) and the largest difference
 * of the predictions.
 *
 * <pre>apt-get install python3-xgboost
 * benchmarks/run.sh PredictVsNativeXGBoost [rows 1000000] [rounds 100]</pre>
 */
public final class PredictVsNativeXGBoost {
  private static final int D = 28;

  private PredictVsNativeXGBoost() {}

  /**
   * @param args rows, rounds
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[rows * D];
    RowBatch.Builder train = RowBatch.builder(D, 1, false);
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < D; j++) {
        x[i * D + j] = (float) r.nextGaussian();
        s += (j % 3 == 0 ? 1 : -0.5) * x[i * D + j] + (j == 1 ? x[i * D] * x[i * D + j] : 0);
      }
      if (i < Math.min(rows, 200_000)) {
        train.addDense(x, i * D, new float[] {r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0}, 1f);
      }
    }
    XGBoostModel model = new XGBoostEstimator(XGBoostParams.builder(rounds).set("objective", "binary:logistic")
        .set("max_depth", "8").set("nthread", "2").build()).fit(InMemoryDataset.of(train.build()),
        FitOptions.builder().threads(2).build());
    Path dir = Files.createTempDirectory("predict-vs-xgboost");
    Path json = dir.resolve("model.json");
    XGBoostJson.write(model, json);
    Path raw = dir.resolve("rows.f32");
    BenchData.writeFloat32(raw, x);

    RowBatch.Builder all = RowBatch.builder(D, 0, false);
    for (int i = 0; i < rows; i++) {
      all.addDense(x, i * D, null, 1f);
    }
    RowBatch batch = all.build();
    double best = Double.POSITIVE_INFINITY;
    double[] ours = null;
    for (int run = 0; run < 5; run++) {
      long t0 = System.nanoTime();
      ours = model.predictValues(batch);
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/xgboost/predict.py", json.toString(),
        raw.toString(), Integer.toString(rows), Integer.toString(D), dir.resolve("pred.f32").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("predict.py failed");
    }
    double theirs = Double.parseDouble(out);
    ByteBuffer pb = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("pred.f32"))).order(ByteOrder.LITTLE_ENDIAN);
    double maxDiff = 0;
    for (int i = 0; i < rows; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(pb.getFloat() - ours[i]));
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; %d rows x %d, %d trees of depth 8, 2 threads%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rows, D, rounds);
    System.out.printf(Locale.ROOT, "sagemill predictValues %.3f s (%.0f rows/s); XGBoost 1.7.4 predict %.3f s "
        + "(%.0f rows/s); ratio %.2fx (goal >= 2); max |difference| %.2e%n", best, rows / best, theirs,
        rows / theirs, theirs / best, maxDiff);
  }
}

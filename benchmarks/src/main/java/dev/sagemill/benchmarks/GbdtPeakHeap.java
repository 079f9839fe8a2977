package dev.sagemill.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.sagemill.algo.lightgbm.LightGBMEstimator;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Peak heap of a training run against the goal (peak ≤ 1.5 × the binned matrix plus the model). The
 * training channel is generated batch by batch on every pass ({@link BenchData#syntheticStream}), so the heap holds
 * only what the trainer keeps. The peak is the largest heap occupancy the garbage collector reports after any
 * collection (live data plus garbage it has not reached yet: an upper bound of the live peak); run with a small
 * {@code -Xmx} to confirm it, since a run fails when its live set does not fit.
 *
 * <p>{@code xgboost4j} measures the peer instead: XGBoost keeps its data and training state in native memory, so its
 * figure is the growth of the process's peak resident set ({@code VmHWM}) from just before the {@code DMatrix} is
 * built to the end of training, with the rows already generated in the heap.
 *
 * <p>Usage: {@code benchmarks/run.sh -Xmx1g GbdtPeakHeap [xgboost|lightgbm|xgboost4j] ROWS ROUNDS [warm]}.
 * With {@code warm}, a 1,000-row fit runs before the baseline is taken, so the classes it loads are not counted.
 */
public final class GbdtPeakHeap {
  private GbdtPeakHeap() {}

  /**
   * @param args algorithm, rows, rounds
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    String algorithm = args.length > 0 ? args[0] : "xgboost";
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    boolean warm = args.length > 3 && args[3].equals("warm");
    if (algorithm.equals("xgboost4j")) {
      peer(rows, rounds);
      return;
    }
    AtomicLong peak = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
        if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
              (CompositeData) n.getUserData());
          long used = 0;
          for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains("Class")) {
              used += e.getValue().getUsed();
            }
          }
          peak.accumulateAndGet(used, Math::max);
        }
      }, null, null);
    }
    FitOptions options = FitOptions.builder().threads(Runtime.getRuntime().availableProcessors()).build();
    if (warm) {
      // A small fit first loads the classes, so their heap objects fall into the baseline instead of the peak.
      fit(algorithm, BenchData.syntheticStream(1000, 2), rounds, options);
    }
    System.gc();
    long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    peak.set(0);
    long t0 = System.nanoTime();
    Model model = fit(algorithm, BenchData.syntheticStream(rows, 1), rounds, options);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Path file = Files.createTempFile("peak-", ".sagemill");
    ModelIO.save(model, file);
    long modelBytes = Files.size(file);
    Files.delete(file);
    long binned = (long) rows * 28; // one byte per cell: 28 features, at most 256 bins each
    long peakTraining = Math.max(0, peak.get() - baseline);
    System.out.printf(Locale.ROOT, "%s, %d rows x 28, %d rounds, depth 8%s (%.1f s): binned matrix %.1f MB, model "
        + "%.1f MB, peak heap after GC %.1f MB above the %.1f MB baseline = %.2f x (binned + model)%n", algorithm,
        rows, rounds, warm ? ", after a warm-up fit" : "", seconds, binned / 1e6, modelBytes / 1e6,
        peakTraining / 1e6, baseline / 1e6,
        peakTraining / (double) (binned + modelBytes));
  }

  private static Model fit(String algorithm, DataSource train, int rounds, FitOptions options) throws IOException {
    return algorithm.equals("lightgbm")
        ? new LightGBMEstimator(LightGBMParams.parse(Map.of("num_boost_round", Integer.toString(rounds),
            "num_leaves", "255", "max_depth", "8", "learning_rate", "0.1", "max_bin", "255", "objective", "binary")))
            .fit(train, options)
        : new XGBoostEstimator(XGBoostParams.builder(rounds).objective("binary:logistic").maxDepth(8).eta(0.1)
            .set("max_bin", "256").evalMetric("auc").build()).fit(train, options);
  }

  /** xgboost4j on the same rows and parameters: growth of the peak resident set over training. */
  private static void peer(int rows, int rounds) throws Exception {
    RowBatch batch = BenchData.synthetic(rows, 1).data();
    float[] x = batch.denseValues();
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = batch.label(r);
    }
    System.gc();
    long before = residentKb("VmRSS");
    long t0 = System.nanoTime();
    DMatrix train = new DMatrix(x, rows, 28, Float.NaN);
    train.setLabel(labels);
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("tree_method", "hist");
    params.put("max_depth", 8);
    params.put("eta", 0.1);
    params.put("max_bin", 256);
    params.put("nthread", Runtime.getRuntime().availableProcessors());
    params.put("eval_metric", "auc");
    Booster booster = XGBoost.train(train, params, rounds, Map.of("train", train), null, null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long grown = (residentKb("VmHWM") - before) * 1024;
    long binned = (long) rows * 28;
    System.out.printf(Locale.ROOT, "xgboost4j, %d rows x 28, %d rounds, depth 8 (%.1f s): its binned matrix %.1f MB,"
        + " peak resident set grew %.1f MB during DMatrix construction and training = %.2f x the binned matrix%n",
        rows, rounds, seconds, binned / 1e6, grown / 1e6, grown / (double) binned);
    booster.dispose();
    train.dispose();
  }

  /** A size field of /proc/self/status, in kB. */
  private static long residentKb(String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException(field + " not in /proc/self/status");
  }
}

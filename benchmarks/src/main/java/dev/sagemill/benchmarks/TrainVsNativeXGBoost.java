package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.listen.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 31's training sweep: sagemill's {@code xgboost} against the native library a user would run instead, Debian's
 * XGBoost 1.7.4 in Python ({@code python3-xgboost}, {@code benchmarks/xgboost/train.py}), on the same rows
 * ({@link BenchData#synthetic}, 28 dense features) with the same parameters (binary:logistic, hist, eta 0.1,
 * max_bin 256, 2 threads), over a grid of rows × rounds × depth × per-round training metric. Both are timed in-process
 * and warm: each configuration is trained {@code repeats} times in one JVM and one Python process, and the best is
 * reported beside the first. sagemill's time is split into binning (quantile cuts and bins, until the first round
 * starts) and trees (the rounds, with the metric); XGBoost's into DMatrix and train (its cuts are built inside train).
 * Rows are handed over as raw float32, so no parsing is timed.
 *
 * <p>With {@code e2e=true} each configuration is also run end to end, from process start to model file, on the same
 * rows written as CSV (label first): {@code java -jar cli/target/sagemill.jar train} against
 * {@code benchmarks/xgboost/train_csv.py} (XGBoost's own CSV reader, train, save), best of {@code repeats} processes
 * each.
 *
 * <pre>apt-get install python3-xgboost
 * benchmarks/run.sh -Xmx8g TrainVsNativeXGBoost [rows=30000,100000,300000,1000000] [rounds=100] [depth=6]
 * [metric=logloss] [repeats=2] [threads=2] [e2e=false]</pre>
 */
public final class TrainVsNativeXGBoost {
  private static final int D = 28;

  private TrainVsNativeXGBoost() {}

  /**
   * @param args key=value settings, lists comma-separated (see the class documentation)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new java.util.HashMap<>(Map.of("rows", "30000,100000,300000,1000000", "rounds", "100",
        "depth", "6", "metric", "logloss", "repeats", "2", "threads", "2", "e2e", "false"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      a.put(kv[0], kv[1]);
    }
    int[] sizes = java.util.Arrays.stream(a.get("rows").split(",")).mapToInt(Integer::parseInt).toArray();
    int repeats = Integer.parseInt(a.get("repeats"));
    int threads = Integer.parseInt(a.get("threads"));
    int maxRows = java.util.Arrays.stream(sizes).max().orElseThrow();
    RowBatch all = BenchData.synthetic(maxRows, 42).data();
    Path dir = Files.createTempDirectory("train-vs-xgboost");
    Path rowsFile = dir.resolve("rows.f32");
    Path labelsFile = dir.resolve("labels.f32");
    BenchData.writeFloat32(rowsFile, all.denseValues());
    float[] labels = new float[maxRows];
    for (int r = 0; r < maxRows; r++) {
      labels[r] = all.label(r);
    }
    BenchData.writeFloat32(labelsFile, labels);
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; synthetic Higgs-like rows x %d, binary:logistic, "
        + "hist, eta 0.1, max_bin 256, %d threads; best of %d (first in brackets)%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), D, threads, repeats);
    System.out.printf(Locale.ROOT, "%9s %6s %5s %7s | %18s %18s %18s | %16s %18s | %6s %6s%n", "rows", "rounds",
        "depth", "metric", "sm binning", "sm trees", "sm total", "xgb dmatrix", "xgb train", "ratio", "first");
    for (int n : sizes) {
      RowBatch.Builder b = RowBatch.builder(D, 1, false);
      for (int r = 0; r < n; r++) {
        b.addDense(all.denseValues(), r * D, new float[] {labels[r]}, 1f);
      }
      InMemoryDataset train = InMemoryDataset.of(b.build());
      for (String rounds : a.get("rounds").split(",")) {
        for (String depth : a.get("depth").split(",")) {
          for (String metric : a.get("metric").split(",")) {
            double[][] sm = new double[repeats][];
            for (int i = 0; i < repeats; i++) {
              sm[i] = sagemill(train, rounds, depth, metric, threads);
            }
            double[][] xgb = xgboost(rowsFile, labelsFile, n, rounds, depth, metric, threads, repeats);
            double[] smBest = best(sm);
            double[] xgbBest = best(xgb);
            double smTotal = smBest[0] + smBest[1];
            double xgbTotal = xgbBest[0] + xgbBest[1];
            System.out.printf(Locale.ROOT, "%,9d %6s %5s %7s | %7.3f (%7.3f) s %7.3f (%7.3f) s %7.3f (%7.3f) s | "
                + "%6.3f (%6.3f) s %7.3f (%7.3f) s | %6.2f %6.2f%n", n, rounds, depth, metric, smBest[0], sm[0][0],
                smBest[1], sm[0][1], smTotal, sm[0][0] + sm[0][1], xgbBest[0], xgb[0][0], xgbBest[1], xgb[0][1],
                smTotal / xgbTotal, (sm[0][0] + sm[0][1]) / (xgb[0][0] + xgb[0][1]));
            if (Boolean.parseBoolean(a.get("e2e"))) {
              endToEnd(dir, all, labels, n, rounds, depth, metric, threads, repeats);
            }
          }
        }
      }
    }
  }

  /** Both end to end on the first n rows as CSV: best process wall time of each, and their ratio. */
  private static void endToEnd(Path dir, RowBatch all, float[] labels, int n, String rounds, String depth,
      String metric, int threads, int repeats) throws Exception {
    Path csv = dir.resolve("train-" + n + ".csv");
    if (!Files.exists(csv)) {
      try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < n; r++) {
          line.setLength(0);
          line.append((int) labels[r]);
          for (int j = 0; j < D; j++) {
            line.append(',').append(all.denseValues()[r * D + j]);
          }
          w.write(line.append('\n').toString());
        }
      }
    }
    List<String> sm = new ArrayList<>(List.of("java", "-jar", "cli/target/sagemill.jar", "train", "--algorithm",
        "xgboost", "--train", csv.toString(), "--content-type", "text/csv", "--threads", Integer.toString(threads),
        "--model-dir", dir.resolve("sm-model").toString(), "--no-progress", "--hp", "num_round=" + rounds, "--hp",
        "max_depth=" + depth, "--hp", "eta=0.1", "--hp", "objective=binary:logistic", "--hp", "max_bin=256"));
    if (!metric.equals("none")) {
      sm.addAll(List.of("--hp", "eval_metric=" + metric));
    }
    List<String> py = List.of("/usr/bin/python3", "benchmarks/xgboost/train_csv.py", csv.toString(),
        dir.resolve("xgb-model.json").toString(), rounds, depth, metric, Integer.toString(threads));
    double smBest = Double.POSITIVE_INFINITY;
    double pyBest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < repeats; i++) {
      smBest = Math.min(smBest, wall(sm));
      pyBest = Math.min(pyBest, wall(py));
    }
    System.out.printf(Locale.ROOT, "%9s end to end (CSV to model file): sagemill CLI %.3f s, python3 + xgboost %.3f s,"
        + " ratio %.2f%n", "", smBest, pyBest, smBest / pyBest);
  }

  /** Runs a process to its end; its wall time in seconds. */
  private static double wall(List<String> command) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The repeat with the smallest total, as {binning or DMatrix, trees or train}. */
  private static double[] best(double[][] runs) {
    double[] best = runs[0];
    for (double[] r : runs) {
      best = r[0] + r[1] < best[0] + best[1] ? r : best;
    }
    return best;
  }

  /** One sagemill fit: {seconds until the first round starts, seconds of the rounds}. */
  private static double[] sagemill(InMemoryDataset train, String rounds, String depth, String metric, int threads)
      throws Exception {
    long[] firstRound = new long[1];
    TrainingListener timer = new TrainingListener() {
      @Override
      public void onStart(String algorithm, int plannedEpochs) {
        firstRound[0] = System.nanoTime();
      }
    };
    XGBoostParams.Builder p = XGBoostParams.builder(Integer.parseInt(rounds)).set("objective", "binary:logistic")
        .set("max_depth", depth).set("eta", "0.1").set("max_bin", "256").set("nthread", Integer.toString(threads));
    if (!metric.equals("none")) {
      p.set("eval_metric", metric);
    }
    long t0 = System.nanoTime();
    new XGBoostEstimator(p.build()).fit(train, FitOptions.builder().threads(threads).listener(timer).build());
    long t1 = System.nanoTime();
    return new double[] {(firstRound[0] - t0) / 1e9, (t1 - firstRound[0]) / 1e9};
  }

  private static double[][] xgboost(Path rows, Path labels, int n, String rounds, String depth, String metric,
      int threads, int repeats) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/xgboost/train.py", rows.toString(),
        labels.toString(), Integer.toString(n), Integer.toString(D), rounds, depth, metric, Integer.toString(threads),
        Integer.toString(repeats)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("train.py failed");
    }
    List<double[]> runs = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] c = line.trim().split(" ");
      runs.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1])});
    }
    return runs.toArray(new double[0][]);
  }
}

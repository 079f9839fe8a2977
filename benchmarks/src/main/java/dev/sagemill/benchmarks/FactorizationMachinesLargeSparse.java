package dev.sagemill.benchmarks;

import dev.sagemill.algo.fm.FactorizationMachinesEstimator;
import dev.sagemill.algo.fm.FactorizationMachinesModel;
import dev.sagemill.algo.fm.FactorizationMachinesParams;
import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.io.DataSources;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Issue 25: a generated sparse set of at least 50M non-zeros over 1M features trains streamed from a libsvm file, with
 * memory bounded by the model, its optimizer state and a batch: run it with a heap smaller than the file's rows would
 * take in memory. Prints the file size, fit time, rows per second and the peak heap (largest used heap after a
 * collection, summed over the heap pools).
 *
 * <pre>benchmarks/run.sh -Xmx600m FactorizationMachinesLargeSparse [rows 2500000] [features 1000000] [nnz per row
 * 20] [num_factors 16]</pre>
 */
public final class FactorizationMachinesLargeSparse {
  private FactorizationMachinesLargeSparse() {}

  /**
   * @param args rows, features, non-zeros per row, factors
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_500_000;
    int features = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int nnz = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "sagemill-fm-" + rows + "x" + features + "x" + nnz
        + ".libsvm");
    if (!Files.exists(file)) {
      write(file, rows, features, nnz);
    }
    DataSource train = DataSources.open(file, "text/libsvm");
    FactorizationMachinesParams p = FactorizationMachinesParams.builder(PredictorType.BINARY_CLASSIFIER, features, k)
        .biasLr(0.01).linearLr(0.01).factorsLr(0.01).miniBatchSize(1000).epochs(1).build();
    long t0 = System.nanoTime();
    FactorizationMachinesModel m = new FactorizationMachinesEstimator(p).fit(train,
        FitOptions.builder().threads(2).build());
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s, -Xmx %d MB%n", Runtime.getRuntime()
        .availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "%d rows x %d features, %d non-zeros (%d MB libsvm), num_factors %d: 1 epoch in "
        + "%.1f s (%.0f rows/s, including the schema scan), train cross-entropy %.4f; peak heap %d MB%n", rows,
        features, (long) rows * nnz, Files.size(file) >> 20, k, seconds, rows / seconds,
        m.card().metrics().get("train:binary_classification_cross_entropy"), peak >> 20);
  }

  /** Rows of {@code nnz} distinct-ish features drawn with a popularity skew; label from a planted linear score. */
  private static void write(Path file, int rows, int features, int nnz) throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder s = new StringBuilder();
      int[] idx = new int[nnz];
      for (int n = 0; n < rows; n++) {
        double score = 0;
        for (int e = 0; e < nnz; e++) {
          // skewed: small indices are frequent, as ids in click logs are
          double u = r.nextDouble();
          idx[e] = (int) Math.min(features - 1, features * u * u * u);
          score += (idx[e] % 7 == 0 ? 1 : -0.2);
        }
        java.util.Arrays.sort(idx);
        s.setLength(0);
        s.append(r.nextDouble() < 1 / (1 + Math.exp(-score / 2)) ? 1 : 0);
        int last = -1;
        for (int e = 0; e < nnz; e++) {
          if (idx[e] != last) {
            s.append(' ').append(idx[e] + 1).append(":1");
            last = idx[e];
          }
        }
        w.write(s.append('\n').toString());
      }
    }
  }
}

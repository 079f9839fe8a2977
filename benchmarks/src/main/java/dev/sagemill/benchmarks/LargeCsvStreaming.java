package dev.sagemill.benchmarks;

import dev.sagemill.algo.linear.LinearLearnerEstimator;
import dev.sagemill.algo.linear.LinearLearnerModel;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.linear.PredictorType;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.io.Channel;
import dev.sagemill.io.csv.CsvDataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Shows Linear Learner training from a CSV file far larger than the heap: generates a synthetic logistic problem
 * ({@code --gigabytes}, default 5) in SageMaker's CSV layout, then trains on it streamed, and prints rows, bytes,
 * throughput, the validation AUC on a separately generated file, the heap limit and the peak heap used.
 *
 * <p>Run with a small heap: {@code java -Xmx512m -cp <benchmarks classpath>
 * dev.sagemill.benchmarks.LargeCsvStreaming --gigabytes 5 --dir /tmp --epochs 1}.
 */
public final class LargeCsvStreaming {
  private static final int FEATURES = 20;

  private LargeCsvStreaming() {}

  /**
   * @param args {@code --gigabytes G --dir DIR --epochs N --keep}
   * @throws IOException on failure
   */
  public static void main(String[] args) throws IOException {
    double gigabytes = 5;
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    int epochs = 1;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--gigabytes" -> gigabytes = Double.parseDouble(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path train = dir.resolve("sagemill-large-train.csv");
    Path validation = dir.resolve("sagemill-large-validation.csv");
    long t0 = System.nanoTime();
    long rows = generate(train, (long) (gigabytes * (1L << 30)), 1);
    generate(validation, 20L << 20, 2);
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    long bytes = Files.size(train);
    System.out.printf(Locale.ROOT, "generated %,d rows, %.2f GB in %.1f s%n", rows, bytes / 1e9, genSeconds);

    LinearLearnerParams p = LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER).epochs(epochs).build();
    long t1 = System.nanoTime();
    LinearLearnerModel m = new LinearLearnerEstimator(p).fit(CsvDataSource.of(Channel.of(train), 1, false),
        FitOptions.builder().validation(CsvDataSource.of(Channel.of(validation), 1, false))
            .listener(new TrainingListener() {
              @Override
              public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
                System.out.printf(Locale.ROOT, "epoch %d/%d after %.1f s: %s%n", epoch, planned,
                    (System.nanoTime() - t1) / 1e9, metrics);
              }
            }).build());
    double trainSeconds = (System.nanoTime() - t1) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(Locale.ROOT, "trained %d epoch(s) in %.1f s: %.1f MB/s, %,.0f rows/s per epoch%n", epochs,
        trainSeconds, epochs * bytes / 1e6 / trainSeconds, epochs * rows / trainSeconds);
    System.out.printf(Locale.ROOT, "validation AUC %.4f; heap limit %d MB, peak heap used %d MB (sum of pool peaks)%n",
        m.card().metrics().get("validation:roc_auc_score"), Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
    if (!keep) {
      Files.deleteIfExists(train);
      Files.deleteIfExists(validation);
    }
  }

  /** Writes rows y,x1..x20 from a fixed logistic model until the file reaches {@code bytes}; returns the rows. */
  private static long generate(Path file, long bytes, long seed) throws IOException {
    RandomStream r = RandomStream.of(seed);
    double[] w = new double[FEATURES];
    RandomStream wr = RandomStream.of(99);
    for (int j = 0; j < FEATURES; j++) {
      w[j] = wr.nextGaussian() / Math.sqrt(FEATURES) * 2;
    }
    long rows = 0;
    long written = 0;
    byte[] line = new byte[FEATURES * 10 + 4];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      double[] x = new double[FEATURES];
      while (written < bytes) {
        double z = 0;
        for (int j = 0; j < FEATURES; j++) {
          x[j] = r.nextGaussian();
          z += w[j] * x[j];
        }
        int n = 0;
        line[n++] = (byte) (r.nextDouble() < 1 / (1 + Math.exp(-z)) ? '1' : '0');
        for (int j = 0; j < FEATURES; j++) {
          line[n++] = ',';
          n = fixed4(x[j], line, n);
        }
        line[n++] = '\n';
        out.write(line, 0, n);
        written += n;
        rows++;
      }
    }
    return rows;
  }

  /** Formats v with 4 decimals, ASCII, without allocating. */
  private static int fixed4(double v, byte[] b, int n) {
    long q = Math.round(v * 10_000);
    if (q < 0) {
      b[n++] = '-';
      q = -q;
    }
    String digits = Long.toString(q / 10_000);
    for (int i = 0; i < digits.length(); i++) {
      b[n++] = (byte) digits.charAt(i);
    }
    b[n++] = '.';
    long frac = q % 10_000;
    for (int div = 1000; div >= 1; div /= 10) {
      b[n++] = (byte) ('0' + frac / div % 10);
    }
    return n;
  }
}

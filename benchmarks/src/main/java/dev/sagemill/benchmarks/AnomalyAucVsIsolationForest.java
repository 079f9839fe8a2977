package dev.sagemill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.algo.rcf.RandomCutForestEstimator;
import dev.sagemill.algo.rcf.RandomCutForestModel;
import dev.sagemill.algo.rcf.RandomCutForestParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Tabular anomaly detection: sagemill's Random Cut Forest against scikit-learn's IsolationForest (Debian's
 * {@code python3-sklearn}, {@code benchmarks/isolation/iforest_auc.py}) at equal trees (100) and sample size (256),
 * and AWS's randomcutforest-core 4.4.0 (time decay 0, fed every row), all fit on all rows and scoring the same rows, ROC AUC of the scores against the anomaly labels. Sets: spambase
 * (non-spam normal, spam subsampled to 5% of the rows) and MNIST's 10,000 test digits (each digit in turn normal, the
 * other digits subsampled to 5%); 3 seeds each.
 *
 * <pre>benchmarks/run.sh -Xmx4g AnomalyAucVsIsolationForest</pre>
 */
public final class AnomalyAucVsIsolationForest {
  private static final Path SHARED = Path.of("../shared/data");
  private static final Path WORK = Path.of("benchmarks/target/bench-anomaly");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnomalyAucVsIsolationForest() {}

  /**
   * @param args none
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Files.createDirectories(WORK);
    System.out.printf("machine: %d cores; 100 trees x 256 samples; AUC mean over seeds 1-3%n",
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%-14s %6s %5s %10s %10s %10s%n", "set", "rows", "dim", "sagemill", "iForest", "AWS RCF");
    List<double[]> spam = new ArrayList<>();
    for (String line : Files.readAllLines(SHARED.resolve("spambase/spambase.data"))) {
      String[] p = line.trim().split("\\s+");
      double[] row = new double[p.length];
      row[0] = Double.parseDouble(p[p.length - 1]);
      for (int j = 0; j < p.length - 1; j++) {
        row[j + 1] = Double.parseDouble(p[j]);
      }
      spam.add(row);
    }
    compare("spambase", rare(spam, 1), 57);
    // The same rows with log(1 + x) features: Random Cut Forest cuts a dimension in proportion to its range, so
    // heavy-tailed counts (capital_run_length_*) dominate its cuts unless compressed; IsolationForest picks
    // dimensions uniformly.
    List<double[]> logged = new ArrayList<>();
    for (double[] r : rare(spam, 1)) {
      double[] l = r.clone();
      for (int j = 1; j < l.length; j++) {
        l[j] = Math.log1p(l[j]);
      }
      logged.add(l);
    }
    compare("spambase-log1p", logged, 57);
    float[][] images = images(SHARED.resolve("mnist/t10k-images-idx3-ubyte.gz"));
    int[] digits = labels(SHARED.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
    if (args.length > 0 && args[0].equals("--spambase-only")) {
      return;
    }
    double oursSum = 0;
    double theirsSum = 0;
    for (int d = 0; d < 10; d++) {
      List<double[]> rows = new ArrayList<>();
      for (int i = 0; i < images.length; i++) {
        double[] row = new double[785];
        row[0] = digits[i] == d ? 0 : 1;
        for (int j = 0; j < 784; j++) {
          row[j + 1] = images[i][j];
        }
        rows.add(row);
      }
      double[] r = compare("mnist-" + d, rare(rows, 1), 784);
      oursSum += r[0];
      theirsSum += r[1];
    }
    System.out.printf("%-14s %6s %5s %10.4f %10.4f%n", "mnist mean", "", "", oursSum / 10, theirsSum / 10);
  }

  /** Keeps every normal row and a seeded sample of anomalies making 5% of the result. */
  private static List<double[]> rare(List<double[]> rows, long seed) {
    List<double[]> normal = new ArrayList<>();
    List<double[]> anomalies = new ArrayList<>();
    for (double[] r : rows) {
      (r[0] > 0.5 ? anomalies : normal).add(r);
    }
    Collections.shuffle(anomalies, new Random(seed));
    int keep = (int) Math.round(normal.size() * 0.05 / 0.95);
    List<double[]> out = new ArrayList<>(normal);
    out.addAll(anomalies.subList(0, Math.min(keep, anomalies.size())));
    return out;
  }

  private static double[] compare(String name, List<double[]> rows, int dim) throws Exception {
    Path csv = WORK.resolve(name + ".csv");
    try (Writer w = Files.newBufferedWriter(csv)) {
      for (double[] r : rows) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < r.length; j++) {
          sb.append(j == 0 ? "" : ",").append((float) r[j]);
        }
        w.write(sb.append('\n').toString());
      }
    }
    double[] y = rows.stream().mapToDouble(r -> r[0]).toArray();
    RowBatch.Builder b = RowBatch.builder(dim, 0, false).origin(name, 1);
    for (double[] r : rows) {
      float[] x = new float[dim];
      for (int j = 0; j < dim; j++) {
        x[j] = (float) r[j + 1];
      }
      b.addDense(x, 0, new float[0], 1f);
    }
    RowBatch batch = b.build();
    double ours = 0;
    double theirs = 0;
    double aws = 0;
    for (int seed = 1; seed <= 3; seed++) {
      com.amazon.randomcutforest.RandomCutForest f = com.amazon.randomcutforest.RandomCutForest.builder()
          .dimensions(dim).numberOfTrees(100).sampleSize(256).timeDecay(0).randomSeed(seed).build();
      for (int i = 0; i < batch.rows(); i++) {
        f.update(java.util.Arrays.copyOfRange(batch.denseValues(), i * dim, (i + 1) * dim));
      }
      double[] sa = new double[batch.rows()];
      for (int i = 0; i < batch.rows(); i++) {
        sa[i] = f.getAnomalyScore(java.util.Arrays.copyOfRange(batch.denseValues(), i * dim, (i + 1) * dim));
      }
      aws += Metrics.auc(y, sa, null) / 3;
      RandomCutForestModel m = new RandomCutForestEstimator(RandomCutForestParams.builder(dim).seed(seed).build())
          .fit(InMemoryDataset.of(batch), FitOptions.defaults());
      double[] s = m.predict(batch).stream().mapToDouble(p -> p.get("score")).toArray();
      ours += Metrics.auc(y, s, null) / 3;
      Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/isolation/iforest_auc.py", csv.toString(), "100",
          "256", Integer.toString(seed)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("iforest_auc.py failed (is python3-sklearn installed?)");
      }
      JsonNode n = JSON.readTree(out.strip());
      theirs += n.get("auc").asDouble() / 3;
    }
    System.out.printf("%-14s %6d %5d %10.4f %10.4f %10.4f%n", name, rows.size(), dim, ours, theirs, aws);
    return new double[] {ours, theirs};
  }

  private static float[][] images(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != 2051) {
        throw new IOException(file + " is not an IDX image file");
      }
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      float[][] out = new float[n][rows * cols];
      byte[] buf = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buf);
        for (int j = 0; j < buf.length; j++) {
          out[i][j] = (buf[j] & 0xff) / 255f;
        }
      }
      return out;
    }
  }

  private static int[] labels(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != 2049) {
        throw new IOException(file + " is not an IDX label file");
      }
      int n = in.readInt();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
    }
  }
}

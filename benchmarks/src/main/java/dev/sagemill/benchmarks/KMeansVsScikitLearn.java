package dev.sagemill.benchmarks;

import dev.sagemill.algo.kmeans.KMeansEstimator;
import dev.sagemill.algo.kmeans.KMeansModel;
import dev.sagemill.algo.kmeans.KMeansParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

/**
 * Issue 32 item 5: k-means' mean squared distance against scikit-learn's {@code KMeans(n_init=10)} (Debian's
 * {@code python3-sklearn}, run by {@code benchmarks/kmeans/sk_kmeans.py}) on the same rows: the 8×8 digits (1,797 ×
 * 64, k = 10, training msd) and three small tables standardised to unit variance (iris k = 3, wine k = 3, breast
 * cancer k = 2; 80% trains, the held-out 20% is scored). sagemill runs SageMaker's method with its defaults, with
 * {@code init_method=kmeans++}, and with kmeans++ plus {@code full_data_lloyd_passes=50}. Prints each msd and its gap
 * to scikit-learn's.
 *
 * <pre>apt-get install python3-sklearn
 * benchmarks/run.sh KMeansVsScikitLearn</pre>
 */
public final class KMeansVsScikitLearn {
  private KMeansVsScikitLearn() {}

  /**
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "%-14s %-3s %-44s %10s %8s%n", "table", "k", "method", "msd", "gap");
    List<float[]> digits = features(SklearnData.rows("digits.csv.gz"), 64);
    run("digits", digits, digits, 10, "training rows");
    for (String[] t : new String[][] {{"iris.csv", "3", "4"}, {"wine_data.csv", "3", "13"},
        {"breast_cancer.csv", "2", "30"}}) {
      List<float[]> rows = standardized(features(SklearnData.rows(t[0]), Integer.parseInt(t[2])));
      Collections.shuffle(rows, new Random(0));
      int cut = rows.size() * 4 / 5;
      run(t[0].replace(".csv", "").replace("_data", ""), rows.subList(0, cut), rows.subList(cut, rows.size()),
          Integer.parseInt(t[1]), "held-out rows");
    }
  }

  private static void run(String name, List<float[]> train, List<float[]> test, int k, String scored)
      throws Exception {
    Path dir = Files.createTempDirectory("kmeans-vs-sklearn");
    Path trainCsv = write(dir.resolve("train.csv"), train);
    Path testCsv = write(dir.resolve("test.csv"), test);
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/kmeans/sk_kmeans.py", trainCsv.toString(),
        testCsv.toString(), Integer.toString(k), "0").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
    if (p.waitFor() != 0) {
      throw new IllegalStateException("sk_kmeans.py failed");
    }
    double reference = Double.parseDouble(out[test == train ? 0 : 1]);
    report(name, k, "scikit-learn KMeans(n_init=10), " + scored, reference, reference);
    int d = train.get(0).length;
    String[][] variants = {{"SageMaker's defaults (init random)", "random", "0"},
        {"init_method=kmeans++", "kmeans++", "0"}, {"kmeans++, full_data_lloyd_passes=50", "kmeans++", "50"}};
    for (String[] v : variants) {
      KMeansParams params = KMeansParams.builder(k, d).set("init_method", v[1]).set("epochs", "5")
          .fullDataLloydPasses(Integer.parseInt(v[2])).build();
      KMeansModel m = new KMeansEstimator(params).fit(InMemoryDataset.of(batch(train)),
          FitOptions.builder().threads(2).build());
      double[] loss = m.loss(InMemoryDataset.of(batch(test)), ForkJoinPool.commonPool());
      report(name, k, v[0], loss[0] / loss[1], reference);
    }
  }

  private static void report(String table, int k, String method, double msd, double reference) {
    System.out.printf(Locale.ROOT, "%-14s %-3d %-44s %10.5f %+7.2f%%%n", table, k, method, msd,
        100 * (msd / reference - 1));
  }

  private static RowBatch batch(List<float[]> rows) {
    RowBatch.Builder b = RowBatch.builder(rows.get(0).length, 0, false).origin("rows", 1);
    for (float[] r : rows) {
      b.addDense(r, 0, null, 1f);
    }
    return b.build();
  }

  private static Path write(Path file, List<float[]> rows) throws Exception {
    StringBuilder s = new StringBuilder();
    for (float[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        s.append(i == 0 ? "" : ",").append(r[i]);
      }
      s.append('\n');
    }
    return Files.writeString(file, s);
  }

  /** The first {@code d} columns (the class dropped). */
  private static List<float[]> features(List<float[]> rows, int d) {
    List<float[]> out = new ArrayList<>(rows.size());
    for (float[] r : rows) {
      out.add(java.util.Arrays.copyOf(r, d));
    }
    return out;
  }

  /** Each column scaled to mean 0 and variance 1. */
  private static List<float[]> standardized(List<float[]> rows) {
    int d = rows.get(0).length;
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (float[] r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j];
        sq[j] += (double) r[j] * r[j];
      }
    }
    List<float[]> out = new ArrayList<>();
    for (float[] r : rows) {
      float[] z = new float[d];
      for (int j = 0; j < d; j++) {
        double m = mean[j] / rows.size();
        double sd = Math.sqrt(Math.max(sq[j] / rows.size() - m * m, 1e-12));
        z[j] = (float) ((r[j] - m) / sd);
      }
      out.add(z);
    }
    return out;
  }
}

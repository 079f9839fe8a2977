package dev.sagemill.benchmarks;

import com.amazon.randomcutforest.RandomCutForest;
import dev.sagemill.algo.rcf.RandomCutForestEstimator;
import dev.sagemill.algo.rcf.RandomCutForestModel;
import dev.sagemill.algo.rcf.RandomCutForestParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * sagemill's batch Random Cut Forest against AWS's {@code randomcutforest-core} 4.4.0 on the same generated data and
 * threads, in one run: training seconds (sagemill: a streamed pass filling the per-tree reservoirs, then the trees;
 * AWS: {@code update} with every row, time decay 0 so its sample is the same uniform reservoir), scoring throughput,
 * the Spearman rank correlation between the two libraries' scores of the same test rows, and each one's ROC AUC on
 * the test rows' anomaly labels. Data: a mixture of 5 Gaussian clusters in {@code dim} dimensions; the test rows add
 * 1% of points drawn uniformly from a box 3× wider (the anomalies).
 *
 * <pre>benchmarks/run.sh -Xmx8g RandomCutForestVsAws [--rows N] [--dim D] [--trees T] [--samples S] [--threads N]</pre>
 */
public final class RandomCutForestVsAws {
  private RandomCutForestVsAws() {}

  /**
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rows = 1_000_000;
    int dim = 10;
    int trees = 100;
    int samples = 256;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--dim" -> dim = Integer.parseInt(args[++i]);
        case "--trees" -> trees = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    int testRows = 20_000;
    float[][] centers = new float[5][dim];
    Random r = new Random(1);
    for (float[] c : centers) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) (r.nextGaussian() * 5);
      }
    }
    float[][] train = new float[rows][];
    for (int i = 0; i < rows; i++) {
      train[i] = clusterPoint(centers, r, dim);
    }
    float[][] test = new float[testRows][];
    double[] labels = new double[testRows];
    for (int i = 0; i < testRows; i++) {
      boolean anomaly = r.nextDouble() < 0.01;
      labels[i] = anomaly ? 1 : 0;
      if (anomaly) {
        test[i] = new float[dim];
        for (int j = 0; j < dim; j++) {
          test[i][j] = (float) ((r.nextDouble() * 2 - 1) * 30);
        }
      } else {
        test[i] = clusterPoint(centers, r, dim);
      }
    }
    System.out.printf("machine: %d cores, java %s; threads %d; %d x %d training rows, %d test rows (1%% anomalies); "
        + "%d trees x %d samples%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        threads, rows, dim, testRows, trees, samples);

    RowBatch.Builder b = RowBatch.builder(dim, 0, false).origin("generated", 1);
    for (float[] x : train) {
      b.addDense(x, 0, new float[0], 1f);
    }
    InMemoryDataset data = InMemoryDataset.of(b.build());
    RandomCutForestEstimator est = new RandomCutForestEstimator(RandomCutForestParams.builder(dim).numTrees(trees)
        .numSamplesPerTree(samples).seed(7).build());
    est.fit(data, FitOptions.builder().threads(threads).build()); // warm-up: the JIT, not the data, is cached
    long t0 = System.nanoTime();
    RandomCutForestModel ours = est.fit(data, FitOptions.builder().threads(threads).build());
    double oursTrain = (System.nanoTime() - t0) / 1e9;
    RowBatch.Builder tb = RowBatch.builder(dim, 0, false).origin("test", 1);
    for (float[] x : test) {
      tb.addDense(x, 0, new float[0], 1f);
    }
    RowBatch testBatch = tb.build();
    t0 = System.nanoTime();
    List<Prediction> p = ours.predict(testBatch);
    double oursScore = (System.nanoTime() - t0) / 1e9;
    double[] sOurs = p.stream().mapToDouble(x -> x.get("score")).toArray();

    RandomCutForest aws = null;
    double awsTrain = 0;
    for (int rep = 0; rep < 2; rep++) { // the first build warms the JIT up, as for sagemill
      aws = RandomCutForest.builder().dimensions(dim).numberOfTrees(trees).sampleSize(samples).timeDecay(0)
          .randomSeed(7).parallelExecutionEnabled(threads > 1).threadPoolSize(threads).build();
      t0 = System.nanoTime();
      for (float[] x : train) {
        aws.update(x);
      }
      awsTrain = (System.nanoTime() - t0) / 1e9;
    }
    RandomCutForest forest = aws;
    t0 = System.nanoTime();
    double[] sAws = IntStream.range(0, testRows).parallel().mapToDouble(i -> forest.getAnomalyScore(test[i]))
        .toArray();
    double awsScore = (System.nanoTime() - t0) / 1e9;

    double rho = new SpearmansCorrelation().correlation(sOurs, sAws);
    // The noise floor: two sagemill forests that differ only in their seed.
    RandomCutForestModel other = new RandomCutForestEstimator(RandomCutForestParams.builder(dim).numTrees(trees)
        .numSamplesPerTree(samples).seed(8).build()).fit(data, FitOptions.builder().threads(threads).build());
    double[] sOther = other.predict(testBatch).stream().mapToDouble(x -> x.get("score")).toArray();
    double rhoSeeds = new SpearmansCorrelation().correlation(sOurs, sOther);
    RandomCutForest aws8 = RandomCutForest.builder().dimensions(dim).numberOfTrees(trees).sampleSize(samples)
        .timeDecay(0).randomSeed(8).parallelExecutionEnabled(threads > 1).threadPoolSize(threads).build();
    for (float[] x : train) {
      aws8.update(x);
    }
    double[] sAws8 = IntStream.range(0, testRows).parallel().mapToDouble(i -> aws8.getAnomalyScore(test[i]))
        .toArray();
    double rhoAwsSeeds = new SpearmansCorrelation().correlation(sAws, sAws8);
    System.out.printf("%-9s %10s %14s %9s %10s%n", "library", "train s", "scores/s", "ROC AUC", "mean score");
    System.out.printf("%-9s %10.2f %14.0f %9.4f %10.4f%n", "sagemill", oursTrain, testRows / oursScore,
        Metrics.auc(labels, sOurs, null), mean(sOurs));
    System.out.printf("%-9s %10.2f %14.0f %9.4f %10.4f%n", "AWS RCF", awsTrain, testRows / awsScore,
        Metrics.auc(labels, sAws, null), mean(sAws));
    System.out.printf("training time ratio AWS/sagemill = %.2f; scoring throughput ratio sagemill/AWS = %.2f%n",
        awsTrain / oursTrain, awsScore / oursScore);
    System.out.printf("Spearman rho of the test scores: sagemill vs AWS %.4f; sagemill seed 7 vs seed 8 %.4f; AWS "
        + "seed 7 vs seed 8 %.4f (the last two: the sampling noise)%n", rho, rhoSeeds, rhoAwsSeeds);
    int flaggedBoth = 0;
    int flaggedOurs = 0;
    int flaggedAws = 0;
    for (int i = 0; i < testRows; i++) {
      boolean a = sOurs[i] > ours.threshold();
      boolean c = sAws[i] > ours.threshold();
      flaggedOurs += a ? 1 : 0;
      flaggedAws += c ? 1 : 0;
      flaggedBoth += a && c ? 1 : 0;
    }
    System.out.printf("at sagemill's threshold %.4f (mean + 3 sd): sagemill flags %d, AWS %d, both %d%n",
        ours.threshold(), flaggedOurs, flaggedAws, flaggedBoth);
  }

  private static float[] clusterPoint(float[][] centers, Random r, int dim) {
    float[] c = centers[r.nextInt(centers.length)];
    float[] x = new float[dim];
    for (int j = 0; j < dim; j++) {
      x[j] = (float) (c[j] + r.nextGaussian());
    }
    return x;
  }

  private static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }
}

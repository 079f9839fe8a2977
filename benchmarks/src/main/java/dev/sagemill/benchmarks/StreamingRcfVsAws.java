package dev.sagemill.benchmarks;

import com.amazon.randomcutforest.RandomCutForest;
import dev.sagemill.algo.rcf.StreamingRandomCutForest;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Streaming Random Cut Forest against AWS's {@code randomcutforest-core} 4.4.0 on the same stream, settings and
 * threads, in one run: each point is scored, then learned (AWS: {@code getAnomalyScore} then {@code update} with
 * internal shingling; sagemill: {@code scoreThenUpdate} on blocks of 1,000 points, equal to one at a time). Reports
 * points/second of score + update, and the Spearman ρ between the two libraries' score series after warm-up, with
 * the seed-to-seed ρ of sagemill as the sampling-noise floor. Stream: a noisy sine with level shifts and spikes.
 *
 * <pre>benchmarks/run.sh -Xmx4g StreamingRcfVsAws [--points N] [--shingle S] [--trees T] [--samples K]
 *     [--threads N]</pre>
 */
public final class StreamingRcfVsAws {
  private StreamingRcfVsAws() {}

  /**
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int points = 200_000;
    int shingle = 8;
    int trees = 50;
    int samples = 256;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--points" -> points = Integer.parseInt(args[++i]);
        case "--shingle" -> shingle = Integer.parseInt(args[++i]);
        case "--trees" -> trees = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    float[][] xs = new float[points][];
    Random r = new Random(1);
    double level = 0;
    for (int i = 0; i < points; i++) {
      if (r.nextDouble() < 1e-4) {
        level += r.nextGaussian() * 2;
      }
      double v = level + Math.sin(2 * Math.PI * i / 100) + 0.1 * r.nextGaussian() + (r.nextDouble() < 1e-3 ? 4 : 0);
      xs[i] = new float[] {(float) v};
    }
    double timeDecay = 1.0 / (10.0 * samples);
    System.out.printf("machine: %d cores, java %s; threads %d; %d points, shingle %d, %d trees x %d samples, time "
        + "decay %.2e%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), threads,
        points, shingle, trees, samples, timeDecay);
    double[] ours = null;
    double oursSec = 0;
    for (int rep = 0; rep < 2; rep++) { // the first run warms the JIT up
      StreamingRandomCutForest f = StreamingRandomCutForest.builder(1).shingleSize(shingle).numberOfTrees(trees)
          .sampleSize(samples).timeDecay(timeDecay).seed(7).build();
      ours = new double[points];
      long t0 = System.nanoTime();
      for (int i = 0; i < points; i += 1000) {
        double[] s = f.scoreThenUpdate(Arrays.copyOfRange(xs, i, Math.min(points, i + 1000)));
        System.arraycopy(s, 0, ours, i, s.length);
      }
      oursSec = (System.nanoTime() - t0) / 1e9;
    }
    StreamingRandomCutForest f8 = StreamingRandomCutForest.builder(1).shingleSize(shingle).numberOfTrees(trees)
        .sampleSize(samples).timeDecay(timeDecay).seed(8).build();
    double[] other = f8.scoreThenUpdate(xs);
    double[] aws = null;
    double awsSec = 0;
    for (int rep = 0; rep < 2; rep++) {
      RandomCutForest f = RandomCutForest.builder().dimensions(shingle).shingleSize(shingle)
          .internalShinglingEnabled(true).numberOfTrees(trees).sampleSize(samples).timeDecay(timeDecay)
          .randomSeed(7).parallelExecutionEnabled(threads > 1).threadPoolSize(threads).build();
      aws = new double[points];
      long t0 = System.nanoTime();
      for (int i = 0; i < points; i++) {
        aws[i] = f.getAnomalyScore(xs[i]);
        f.update(xs[i]);
      }
      awsSec = (System.nanoTime() - t0) / 1e9;
    }
    int from = 10 * samples;
    SpearmansCorrelation sp = new SpearmansCorrelation();
    double rho = sp.correlation(Arrays.copyOfRange(ours, from, points), Arrays.copyOfRange(aws, from, points));
    double noise = sp.correlation(Arrays.copyOfRange(ours, from, points), Arrays.copyOfRange(other, from, points));
    System.out.printf("%-9s %10s %14s %12s%n", "library", "seconds", "points/s", "mean score");
    System.out.printf("%-9s %10.2f %14.0f %12.4f%n", "sagemill", oursSec, points / oursSec, mean(ours, from));
    System.out.printf("%-9s %10.2f %14.0f %12.4f%n", "AWS RCF", awsSec, points / awsSec, mean(aws, from));
    System.out.printf("throughput ratio sagemill/AWS = %.2f; Spearman rho after %d points: sagemill vs AWS %.4f, "
        + "sagemill seed 7 vs 8 %.4f%n", awsSec / oursSec, from, rho, noise);
  }

  private static double mean(double[] a, int from) {
    double s = 0;
    for (int i = from; i < a.length; i++) {
      s += a[i];
    }
    return s / (a.length - from);
  }
}

package dev.sagemill.core.cluster;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.random.RandomStream;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The final step of SageMaker's k-means: Lloyd's algorithm on the streaming phase's weighted centers (each weighs
 * the points it absorbed), reducing them to k. Each trial seeds k centers (k-means++ with probabilities
 * proportional to weight × squared distance, or k distinct points drawn uniformly), then alternates assignment and
 * weighted means until the weighted loss improves by less than {@code tol} relatively or {@code maxIter} is reached;
 * the trial with the least loss is kept. A cluster that loses all its points keeps its previous center, so
 * degenerate input (fewer distinct points than k) yields coinciding centers, never NaN.
 *
 * <p>Also the coarse quantizer and product-quantizer trainer of k-NN's IVF indexes. Stateless.
 */
public final class LocalLloyd {
  /** Points per work item of k-means++ seeding's distance updates. */
  private static final int SEED_BLOCK = 4096;

  private LocalLloyd() {}

  /**
   * The result of one reduction.
   *
   * @param centers {@code k × dim} centers
   * @param loss the weighted sum of squared distances of the input points to them
   */
  public record Result(float[] centers, double loss) {}

  /**
   * @param points {@code m × dim} weighted points
   * @param weights their weights (> 0)
   * @param m how many points
   * @param dim features
   * @param k centers wanted
   * @param kmeansPlusPlus k-means++ seeding, else uniform
   * @param maxIter iteration limit per trial
   * @param tol relative loss improvement below which a trial stops
   * @param trials how many trials
   * @param rng randomness (forked per trial)
   * @param pool threads for the assignment steps, or null
   * @return the best trial's centers
   */
  public static Result reduce(float[] points, double[] weights, int m, int dim, int k, boolean kmeansPlusPlus,
      int maxIter, double tol, int trials, RandomStream rng, ForkJoinPool pool) {
    RowBatch.Builder b = RowBatch.builder(dim, 0, false);
    for (int i = 0; i < m; i++) {
      b.addDense(points, i * dim, new float[0], 1f);
    }
    RowBatch batch = b.build();
    Result best = null;
    for (int t = 0; t < trials; t++) {
      RandomStream r = rng.fork("trial", t);
      double[] c = kmeansPlusPlus ? plusPlus(points, weights, m, dim, k, r, pool) : uniform(points, m, dim, k, r);
      Result res = lloyd(batch, points, weights, m, dim, k, c, maxIter, tol, pool);
      if (best == null || res.loss() < best.loss()) {
        best = res;
      }
    }
    return best;
  }

  static double dist2(float[] points, int i, double[] c, int j, int dim) {
    double s = 0;
    for (int p = 0; p < dim; p++) {
      double d = points[i * dim + p] - c[j * dim + p];
      s += d * d;
    }
    return s;
  }

  /**
   * k-means++ seeding on weighted points: the first center drawn with probability ∝ weight, each next one ∝
   * weight × squared distance to the nearest chosen center. When every remaining point coincides with a chosen
   * center (fewer distinct points than k) the next is drawn ∝ weight.
   *
   * @param points {@code m × dim} points, row-major
   * @param weights the m weights
   * @param m the number of points
   * @param dim the dimension
   * @param k the number of centers to choose
   * @param rng the random stream
   * @param pool threads for the distance updates (the result does not depend on them), or null
   * @return {@code k × dim} centers, row-major
   */
  public static double[] plusPlus(float[] points, double[] weights, int m, int dim, int k, RandomStream rng,
      ForkJoinPool pool) {
    double[] c = new double[k * dim];
    double[] d2 = new double[m];
    Arrays.fill(d2, Double.POSITIVE_INFINITY);
    int first = draw(weights, null, m, rng);
    copy(points, first, c, 0, dim);
    int blocks = (m + SEED_BLOCK - 1) / SEED_BLOCK;
    for (int j = 1; j < k; j++) {
      int newest = j - 1;
      IntConsumer nearer = b -> {
        for (int i = b * SEED_BLOCK; i < Math.min(m, (b + 1) * SEED_BLOCK); i++) {
          d2[i] = Math.min(d2[i], dist2(points, i, c, newest, dim));
        }
      };
      if (pool == null || blocks == 1) {
        for (int b = 0; b < blocks; b++) {
          nearer.accept(b);
        }
      } else {
        pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(nearer)).join();
      }
      copy(points, draw(weights, d2, m, rng), c, j, dim);
    }
    return c;
  }

  private static int draw(double[] w, double[] d2, int m, RandomStream rng) {
    double total = 0;
    for (int i = 0; i < m; i++) {
      total += w[i] * (d2 == null ? 1 : d2[i]);
    }
    if (!(total > 0)) {
      return d2 == null ? rng.nextInt(m) : draw(w, null, m, rng);
    }
    double u = rng.nextDouble() * total;
    double acc = 0;
    for (int i = 0; i < m; i++) {
      acc += w[i] * (d2 == null ? 1 : d2[i]);
      if (acc > u) {
        return i;
      }
    }
    return m - 1;
  }

  private static double[] uniform(float[] points, int m, int dim, int k, RandomStream rng) {
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    rng.shuffle(order);
    double[] c = new double[k * dim];
    for (int j = 0; j < k; j++) {
      copy(points, order[j % m], c, j, dim);
    }
    return c;
  }

  private static void copy(float[] points, int i, double[] c, int j, int dim) {
    for (int p = 0; p < dim; p++) {
      c[j * dim + p] = points[i * dim + p];
    }
  }

  private static Result lloyd(RowBatch batch, float[] points, double[] weights, int m, int dim, int k, double[] c,
      int maxIter, double tol, ForkJoinPool pool) {
    int[] assign = new int[m];
    double[] d2 = new double[m];
    double[] sums = new double[k * dim];
    double[] mass = new double[k];
    float[] cf = new float[k * dim];
    double prev = Double.POSITIVE_INFINITY;
    double loss = 0;
    for (int it = 0; it < maxIter; it++) {
      for (int i = 0; i < cf.length; i++) {
        cf[i] = (float) c[i];
      }
      new Centers(cf, k, dim).assign(batch, assign, d2, pool);
      loss = 0;
      for (int i = 0; i < m; i++) {
        loss += weights[i] * d2[i];
      }
      if (it > 0 && prev - loss <= tol * prev) {
        break;
      }
      prev = loss;
      Arrays.fill(sums, 0);
      Arrays.fill(mass, 0);
      for (int i = 0; i < m; i++) {
        int j = assign[i];
        mass[j] += weights[i];
        for (int p = 0; p < dim; p++) {
          sums[j * dim + p] += weights[i] * points[i * dim + p];
        }
      }
      for (int j = 0; j < k; j++) {
        if (mass[j] > 0) {
          for (int p = 0; p < dim; p++) {
            c[j * dim + p] = sums[j * dim + p] / mass[j];
          }
        }
      }
    }
    float[] out = new float[k * dim];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) c[i];
    }
    return new Result(out, loss);
  }
}

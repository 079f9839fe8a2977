package dev.sagemill.algo.lda;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A planted LDA, the known answer of the LDA tests and of the benchmarks' {@code LdaPlanted}: k topics over V words,
 * each concentrated on its own block of V/k words (weights uniform in [0.5, 1.5]) plus noise on every other word
 * (weights 0.05 times that), and a symmetric α.
 *
 * @param topics {@code k × V} word distributions
 * @param alpha the Dirichlet parameter, k values
 */
public record PlantedLda(double[][] topics, double[] alpha) {

  /**
   * @param k topics
   * @param vocab V
   * @param alpha0 Σα, split evenly
   * @param seed seed of the topic weights
   * @return the planted model
   */
  public static PlantedLda of(int k, int vocab, double alpha0, long seed) {
    RandomGenerator g = new MersenneTwister(seed);
    double[][] topics = new double[k][vocab];
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int i = 0; i < vocab; i++) {
        boolean own = (long) i * k / vocab == t;
        topics[t][i] = (own ? 1 : 0.05) * (0.5 + g.nextDouble());
        sum += topics[t][i];
      }
      for (int i = 0; i < vocab; i++) {
        topics[t][i] /= sum;
      }
    }
    double[] alpha = new double[k];
    java.util.Arrays.fill(alpha, alpha0 / k);
    return new PlantedLda(topics, alpha);
  }

  /** @return the topics row-major, {@code k × V} */
  public double[] flatTopics() {
    int vocab = topics[0].length;
    double[] flat = new double[topics.length * vocab];
    for (int t = 0; t < topics.length; t++) {
      System.arraycopy(topics[t], 0, flat, t * vocab, vocab);
    }
    return flat;
  }

  /**
   * Documents sampled from the model: θ ~ Dirichlet(α), then each word's topic from θ and the word from that topic.
   *
   * @param docs documents
   * @param length words per document
   * @param seed seed of the sampling
   * @return sparse rows of word counts
   */
  public InMemoryDataset corpus(int docs, int length, long seed) {
    RandomGenerator g = new MersenneTwister(seed);
    int k = alpha.length;
    int vocab = topics[0].length;
    GammaDistribution[] gamma = new GammaDistribution[k];
    for (int t = 0; t < k; t++) {
      gamma[t] = new GammaDistribution(g, alpha[t], 1);
    }
    double[][] cdf = new double[k][vocab];
    for (int t = 0; t < k; t++) {
      double c = 0;
      for (int i = 0; i < vocab; i++) {
        c += topics[t][i];
        cdf[t][i] = c;
      }
    }
    RowBatch.Builder b = RowBatch.builder(vocab, 0, true);
    float[] counts = new float[vocab];
    int[] idx = new int[vocab];
    float[] val = new float[vocab];
    double[] theta = new double[k];
    for (int d = 0; d < docs; d++) {
      double sum = 0;
      for (int t = 0; t < k; t++) {
        theta[t] = gamma[t].sample();
        sum += theta[t];
      }
      java.util.Arrays.fill(counts, 0);
      for (int w = 0; w < length; w++) {
        double u = g.nextDouble() * sum;
        int t = 0;
        while (t < k - 1 && (u -= theta[t]) > 0) {
          t++;
        }
        int i = java.util.Arrays.binarySearch(cdf[t], g.nextDouble());
        i = i < 0 ? Math.min(vocab - 1, -i - 1) : i;
        counts[i]++;
      }
      int nnz = 0;
      for (int i = 0; i < vocab; i++) {
        if (counts[i] > 0) {
          idx[nnz] = i;
          val[nnz++] = counts[i];
        }
      }
      b.addSparse(idx, val, nnz, null, 1f);
    }
    return InMemoryDataset.of(b.build());
  }

  /**
   * The mean L1 distance between each true topic and the estimated topic matched to it, matching one to one greedily
   * (each true topic in turn takes the nearest estimate not yet taken). Greedy matching's total is never below the
   * optimal (Hungarian) matching's, so a bound on this is a bound on that.
   *
   * @param estimate {@code k × V} estimated topics, row-major
   * @return the mean L1 error per topic
   */
  public double matchedL1(double[] estimate) {
    int k = topics.length;
    int vocab = topics[0].length;
    boolean[] used = new boolean[k];
    double total = 0;
    for (double[] topic : topics) {
      int best = -1;
      double bestL1 = Double.POSITIVE_INFINITY;
      for (int t = 0; t < k; t++) {
        if (used[t]) {
          continue;
        }
        double l1 = 0;
        for (int i = 0; i < vocab; i++) {
          l1 += Math.abs(topic[i] - estimate[t * vocab + i]);
        }
        if (l1 < bestL1) {
          bestL1 = l1;
          best = t;
        }
      }
      used[best] = true;
      total += bestL1;
    }
    return total / k;
  }
}

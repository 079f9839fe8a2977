package dev.sagemill.algo.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The spectral estimator on corpora sampled from a known LDA: topics and α come back. */
class SpectralLdaTest {
  /** A planted LDA: k topics over V words (each topic concentrated on its own block of words plus noise). */
  private record Planted(double[][] topics, double[] alpha) {}

  private static Planted planted(int k, int vocab, double alpha0, long seed) {
    RandomGenerator g = new MersenneTwister(seed);
    double[][] topics = new double[k][vocab];
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int i = 0; i < vocab; i++) {
        boolean own = i * k / vocab == t;
        topics[t][i] = (own ? 1 : 0.05) * (0.5 + g.nextDouble());
        sum += topics[t][i];
      }
      for (int i = 0; i < vocab; i++) {
        topics[t][i] /= sum;
      }
    }
    double[] alpha = new double[k];
    for (int t = 0; t < k; t++) {
      alpha[t] = alpha0 / k;
    }
    return new Planted(topics, alpha);
  }

  private static InMemoryDataset corpus(Planted p, int docs, int length, long seed) {
    RandomGenerator g = new MersenneTwister(seed);
    int k = p.alpha().length;
    int vocab = p.topics()[0].length;
    GammaDistribution[] gamma = new GammaDistribution[k];
    for (int t = 0; t < k; t++) {
      gamma[t] = new GammaDistribution(g, p.alpha()[t], 1);
    }
    double[][] cdf = new double[k][vocab];
    for (int t = 0; t < k; t++) {
      double c = 0;
      for (int i = 0; i < vocab; i++) {
        c += p.topics()[t][i];
        cdf[t][i] = c;
      }
    }
    RowBatch.Builder b = RowBatch.builder(vocab, 0, true);
    float[] counts = new float[vocab];
    for (int d = 0; d < docs; d++) {
      double[] theta = new double[k];
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
      int[] idx = new int[vocab];
      float[] val = new float[vocab];
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

  /** Mean L1 distance between each true topic and the recovered topic nearest to it, matched one to one greedily. */
  private static double matchedL1(double[][] truth, double[] estimate, int vocab) {
    int k = truth.length;
    boolean[] used = new boolean[k];
    double total = 0;
    for (double[] topic : truth) {
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

  /** Fits a planted corpus at growing sizes: the error must shrink, and end below the bound with α within 10%. */
  private static void recovers(int k, int vocab, int length, int[] sizes, double bound) throws IOException {
    Planted p = planted(k, vocab, 1.0, 1);
    double previous = Double.POSITIVE_INFINITY;
    SpectralLda.Estimate e = null;
    for (int docs : sizes) {
      e = new SpectralLda(k, vocab, 1.0, 10, 1000, 1e-8, 3).fit(corpus(p, docs, length, 2), 1000);
      double l1 = matchedL1(p.topics(), e.topics(), vocab);
      System.out.printf(java.util.Locale.ROOT, "k %d, V %d, %d documents of %d words: mean L1 %.4f, alpha %s%n", k,
          vocab, docs, length, l1, java.util.Arrays.toString(e.alpha()));
      assertTrue(l1 < previous, "more documents, closer topics: " + l1 + " after " + previous);
      previous = l1;
      assertEquals(docs, e.documents());
    }
    assertTrue(previous < bound, "mean L1 error per topic " + previous + ", bound " + bound);
    for (int t = 0; t < k; t++) {
      assertEquals(p.alpha()[t], e.alpha()[t], 0.1 * p.alpha()[t], "alpha of topic " + t);
    }
  }

  @Test
  void recoversFivePlantedTopicsOver200Words() throws IOException {
    recovers(5, 200, 50, new int[] {2000, 20000}, 0.08);
  }

  @Test
  void recoversTenPlantedTopicsOver2000Words() throws IOException {
    recovers(10, 2000, 100, new int[] {5000, 40000}, 0.3);
  }

  @Test
  void negativeCountsAndATooShortCorpusAreRefused() {
    RowBatch.Builder b = RowBatch.builder(10, 0, true).origin("docs.libsvm", 1);
    b.addSparse(new int[] {1, 2}, new float[] {2, -1}, 2, null, 1f);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> new SpectralLda(2, 10, 1, 1, 10, 1e-8, 0).fit(InMemoryDataset.of(b.build()), 100));
    assertTrue(e.getMessage().contains("docs.libsvm") && e.getMessage().contains("count -1"), e.getMessage());
    RowBatch.Builder shortDocs = RowBatch.builder(10, 0, true).origin("short.libsvm", 1);
    shortDocs.addSparse(new int[] {1}, new float[] {2}, 1, null, 1f);
    e = assertThrows(InvalidDataException.class,
        () -> new SpectralLda(2, 10, 1, 1, 10, 1e-8, 0).fit(InMemoryDataset.of(shortDocs.build()), 100));
    assertTrue(e.getMessage().contains("no document of 3 or more words"), e.getMessage());
  }

  @Test
  void heldOutLikelihoodIsThatOfTheTrueModelAndMixturesFindTheirTopic() throws IOException {
    int k = 5;
    int vocab = 200;
    Planted p = planted(k, vocab, 1.0, 1);
    InMemoryDataset train = corpus(p, 20000, 50, 2);
    InMemoryDataset test = corpus(p, 2000, 50, 9);
    LdaModel m = new LdaEstimator(LdaParams.builder(k, vocab, 1000).build()).fit(train,
        dev.sagemill.core.estimator.FitOptions.builder().test(test).build());
    double pwll = m.card().metrics().get("test:pwll");
    double[] trueTopics = new double[k * vocab];
    for (int t = 0; t < k; t++) {
      System.arraycopy(p.topics()[t], 0, trueTopics, t * vocab, vocab);
    }
    double truePwll = LdaModel.of(trueTopics, p.alpha(), vocab).perWordLogLikelihood(test, 1000);
    assertTrue(Math.abs(pwll - truePwll) < 0.01 * Math.abs(truePwll), "held-out pwll " + pwll + ", true model's "
        + truePwll);
    assertTrue(truePwll > Math.log(1.0 / vocab) + 0.3, "the planted topics are informative: " + truePwll);
    // Variational EM from the spectral topics does not move away from the optimum, and is deterministic.
    LdaParams refined = LdaParams.builder(k, vocab, 1000).refinementPasses(2).build();
    dev.sagemill.core.estimator.FitOptions twoThreads = dev.sagemill.core.estimator.FitOptions.builder().threads(2)
        .test(test).build();
    LdaModel r1 = new LdaEstimator(refined).fit(train, twoThreads);
    LdaModel r2 = new LdaEstimator(refined).fit(train, twoThreads);
    double refinedPwll = r1.card().metrics().get("test:pwll");
    assertTrue(Math.abs(refinedPwll - truePwll) < 0.01 * Math.abs(truePwll), "refined " + refinedPwll + ", true "
        + truePwll);
    org.junit.jupiter.api.Assertions.assertArrayEquals(r1.topics(), r2.topics(), 0);
    // A document of 30 words from topic 0's own block: its mixture puts most weight on the topic nearest topic 0.
    int[] idx = new int[30];
    float[] cnt = new float[30];
    for (int w = 0; w < 30; w++) {
      idx[w] = w;
      cnt[w] = 1;
    }
    double[] mixture = m.predict(dev.sagemill.core.data.FeatureVector.sparse(vocab, idx, cnt)).getVector(
        "topic_mixture");
    double[] topics = m.topics();
    int nearest = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int t = 0; t < k; t++) {
      double l1 = 0;
      for (int i = 0; i < vocab; i++) {
        l1 += Math.abs(topics[t * vocab + i] - p.topics()[0][i]);
      }
      if (l1 < best) {
        best = l1;
        nearest = t;
      }
    }
    assertTrue(mixture[nearest] > 0.8, java.util.Arrays.toString(mixture));
    assertEquals(1, java.util.Arrays.stream(mixture).sum(), 1e-9);
  }
}

package dev.sagemill.algo.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The spectral estimator on corpora sampled from a known LDA: topics and α come back. */
class SpectralLdaTest {
  /** Fits a planted corpus at growing sizes: the error must shrink, and end below the bound with α within 10%. */
  private static void recovers(int k, int vocab, int length, int[] sizes, double bound) throws IOException {
    PlantedLda p = PlantedLda.of(k, vocab, 1.0, 1);
    double previous = Double.POSITIVE_INFINITY;
    SpectralLda.Estimate e = null;
    for (int docs : sizes) {
      e = new SpectralLda(k, vocab, 1.0, 10, 1000, 1e-8, 2, 3).fit(p.corpus(docs, length, 2), 1000);
      double l1 = p.matchedL1(e.topics());
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
    recovers(5, 200, 50, new int[] {2000, 20000}, 0.04);
  }

  @Test
  void recoversTenPlantedTopicsOver2000Words() throws IOException {
    recovers(10, 2000, 100, new int[] {5000, 40000}, 0.1);
  }

  @Test
  void negativeCountsAndATooShortCorpusAreRefused() {
    RowBatch.Builder b = RowBatch.builder(10, 0, true).origin("docs.libsvm", 1);
    b.addSparse(new int[] {1, 2}, new float[] {2, -1}, 2, null, 1f);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> new SpectralLda(2, 10, 1, 1, 10, 1e-8, 2, 0).fit(InMemoryDataset.of(b.build()), 100));
    assertTrue(e.getMessage().contains("docs.libsvm") && e.getMessage().contains("count -1"), e.getMessage());
    RowBatch.Builder shortDocs = RowBatch.builder(10, 0, true).origin("short.libsvm", 1);
    shortDocs.addSparse(new int[] {1}, new float[] {2}, 1, null, 1f);
    e = assertThrows(InvalidDataException.class,
        () -> new SpectralLda(2, 10, 1, 1, 10, 1e-8, 2, 0).fit(InMemoryDataset.of(shortDocs.build()), 100));
    assertTrue(e.getMessage().contains("no document of 3 or more words"), e.getMessage());
  }

  @Test
  void heldOutLikelihoodIsThatOfTheTrueModelAndMixturesFindTheirTopic() throws IOException {
    int k = 5;
    int vocab = 200;
    PlantedLda p = PlantedLda.of(k, vocab, 1.0, 1);
    InMemoryDataset train = p.corpus(20000, 50, 2);
    InMemoryDataset test = p.corpus(2000, 50, 9);
    LdaModel m = new LdaEstimator(LdaParams.builder(k, vocab, 1000).build()).fit(train,
        dev.sagemill.core.estimator.FitOptions.builder().test(test).build());
    double pwll = m.card().metrics().get("test:pwll");
    double truePwll = LdaModel.of(p.flatTopics(), p.alpha(), vocab).perWordLogLikelihood(test, 1000);
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

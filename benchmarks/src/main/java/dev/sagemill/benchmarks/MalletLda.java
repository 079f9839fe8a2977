package dev.sagemill.benchmarks;

import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import dev.sagemill.core.data.RowBatch;
import java.util.logging.Level;

/**
 * Mallet 2.1.1's {@code ParallelTopicModel} (collapsed Gibbs sampling; Newman et al.'s parallel approximation across
 * threads) on documents of word counts, as the LDA peer of {@link LdaVsPeers}: Mallet's defaults (α summing to 5,
 * β = 0.01, 200 burn-in iterations) with α optimised every 10 iterations, the setting Mallet's documentation
 * recommends.
 *
 * @param topics {@code k × V} smoothed topic-word probabilities, row-major
 * @param alpha the learned Dirichlet parameter, {@code k} values
 * @param seconds time of building Mallet's instances and sampling
 */
record MalletLda(double[] topics, double[] alpha, double seconds) {

  /**
   * Trains Mallet on sparse rows of word counts (word ids are the columns).
   *
   * @param docs the training documents, sparse rows of counts
   * @param vocab V
   * @param k topics
   * @param iterations Gibbs sweeps
   * @param threads sampling threads
   * @param seed Mallet's random seed
   * @return the fitted topics, α and time
   * @throws java.io.IOException if Mallet fails
   */
  static MalletLda fit(RowBatch docs, int vocab, int k, int iterations, int threads, int seed)
      throws java.io.IOException {
    ParallelTopicModel.logger.setLevel(Level.WARNING);
    long t0 = System.nanoTime();
    Alphabet words = new Alphabet();
    for (int w = 0; w < vocab; w++) {
      words.lookupIndex(Integer.toString(w)); // so Mallet's type id of a word is its column
    }
    InstanceList instances = new InstanceList(words, null);
    int[] rp = docs.rowPointers();
    for (int r = 0; r < docs.rows(); r++) {
      int tokens = 0;
      for (int e = rp[r]; e < rp[r + 1]; e++) {
        tokens += (int) docs.sparseValues()[e];
      }
      int[] seq = new int[tokens];
      int n = 0;
      for (int e = rp[r]; e < rp[r + 1]; e++) {
        for (int c = 0; c < (int) docs.sparseValues()[e]; c++) {
          seq[n++] = docs.indices()[e];
        }
      }
      instances.add(new Instance(new FeatureSequence(words, seq), null, "doc" + r, null));
    }
    ParallelTopicModel model = new ParallelTopicModel(k, 5.0, 0.01);
    model.setRandomSeed(seed);
    model.setNumThreads(threads);
    model.setNumIterations(iterations);
    model.setOptimizeInterval(10);
    model.setTopicDisplay(iterations + 1, 0);
    model.addInstances(instances);
    model.estimate();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[][] tw = model.getTopicWords(true, true);
    double[] topics = new double[k * vocab];
    for (int t = 0; t < k; t++) {
      System.arraycopy(tw[t], 0, topics, t * vocab, vocab);
    }
    return new MalletLda(topics, model.alpha.clone(), seconds);
  }
}

package dev.sagemill.benchmarks;

import dev.sagemill.algo.lda.LdaEstimator;
import dev.sagemill.algo.lda.LdaModel;
import dev.sagemill.algo.lda.LdaParams;
import dev.sagemill.algo.lda.PlantedLda;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.estimator.FitOptions;
import java.util.Locale;

/**
 * Issue 26's known answer at the large size the unit suite cannot afford: corpora sampled from a planted LDA
 * ({@code PlantedLda}: k topics over V words, symmetric α summing to 1, documents of a fixed length) at growing
 * document counts; for the spectral estimate and for it refined by variational EM, the mean L1 error per topic
 * (greedy one-to-one matching, an upper bound of the Hungarian-matched error) and the largest relative error of α.
 *
 * <pre>benchmarks/run.sh -Xmx6g LdaPlanted [topics=50] [words=20000] [length=200] [documents=5000,20000,50000]
 * [refinement=5]</pre>
 */
public final class LdaPlanted {
  private LdaPlanted() {}

  /**
   * @param args key=value settings (see the class documentation)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> a = new java.util.HashMap<>(java.util.Map.of("topics", "50", "words", "20000",
        "length", "200", "documents", "5000,20000,50000", "refinement", "5"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      a.put(kv[0], kv[1]);
    }
    int k = Integer.parseInt(a.get("topics"));
    int vocab = Integer.parseInt(a.get("words"));
    int length = Integer.parseInt(a.get("length"));
    PlantedLda truth = PlantedLda.of(k, vocab, 1.0, 1);
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; planted LDA, %d topics over %d words, documents of %d "
        + "words, alpha %.4f each%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        k, vocab, length, truth.alpha()[0]);
    System.out.printf(Locale.ROOT, "%10s %12s %9s %12s %14s %10s%n", "documents", "model", "fit", "mean L1", "alpha error",
        "alpha sum");
    for (String size : a.get("documents").split(",")) {
      int docs = Integer.parseInt(size);
      InMemoryDataset corpus = truth.corpus(docs, length, 2);
      for (String passes : new String[] {"0", a.get("refinement")}) {
        long t0 = System.nanoTime();
        LdaModel m = new LdaEstimator(LdaParams.parse(java.util.Map.of("num_topics", Integer.toString(k),
            "feature_dim", Integer.toString(vocab), "mini_batch_size", "1000", "refinement_passes", passes, "seed",
            "3"))).fit(corpus, FitOptions.builder().threads(2).build());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double worst = 0;
        for (double alpha : m.alpha()) {
          worst = Math.max(worst, Math.abs(alpha - truth.alpha()[0]) / truth.alpha()[0]);
        }
        System.out.printf(Locale.ROOT, "%10d %12s %8.1fs %12.4f %13.1f%% %10.4f%n", docs, passes.equals("0")
            ? "spectral" : "+" + passes + " passes", seconds, truth.matchedL1(m.topics()), 100 * worst,
            java.util.Arrays.stream(m.alpha()).sum());
      }
    }
  }
}

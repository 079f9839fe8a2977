package dev.sagemill.benchmarks;

import dev.sagemill.algo.lda.LdaEstimator;
import dev.sagemill.algo.lda.LdaModel;
import dev.sagemill.algo.lda.LdaParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Issue 26: sagemill's spectral {@code lda} against gensim's {@code LdaModel} (10 passes, α learned) and
 * scikit-learn's {@code LatentDirichletAllocation} (batch variational, 50 iterations), Debian's packages run by
 * {@code benchmarks/lda/peers.py}, on KOS blog entries ({@code ../shared/data/kos_bow}, UCI docword format; every 10th
 * document held out): fit time and held-out per-word log-likelihood. Every model is scored the same way, by
 * sagemill's {@code test:pwll} (the documents' variational lower bounds with the topics and α fixed, per word, in
 * nats), from the topics and α each library learned; each peer's own bound is printed beside it.
 *
 * <pre>apt-get install python3-sklearn python3-gensim
 * benchmarks/run.sh LdaVsPeers [num_topics 20] [alpha0 1.0] [refinement_passes 0] [seed 0] [alone]</pre>
 */
public final class LdaVsPeers {
  private LdaVsPeers() {}

  /**
   * @param args topics, alpha0
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int k = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String alpha0 = args.length > 1 ? args[1] : "1.0";
    String refinement = args.length > 2 ? args[2] : "0";
    String seed = args.length > 3 ? args[3] : "0";
    boolean peers = args.length <= 4 || !args[4].equals("alone");
    Path file = Path.of("../shared/data/kos_bow/docword.kos.txt.gz");
    List<TreeMap<Integer, Integer>> docs = new ArrayList<>();
    int vocab;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      int d = Integer.parseInt(r.readLine().trim());
      vocab = Integer.parseInt(r.readLine().trim());
      r.readLine();
      for (int i = 0; i < d; i++) {
        docs.add(new TreeMap<>());
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] c = line.trim().split("\\s+");
        if (c.length == 3) {
          docs.get(Integer.parseInt(c[0]) - 1).put(Integer.parseInt(c[1]) - 1, Integer.parseInt(c[2]));
        }
      }
    }
    RowBatch.Builder train = RowBatch.builder(vocab, 0, true).origin(file.toString(), 1);
    RowBatch.Builder test = RowBatch.builder(vocab, 0, true).origin(file.toString(), 1);
    Path dir = Files.createTempDirectory("lda-peers");
    try (BufferedWriter tr = Files.newBufferedWriter(dir.resolve("train.txt"));
        BufferedWriter te = Files.newBufferedWriter(dir.resolve("test.txt"))) {
      for (int i = 0; i < docs.size(); i++) {
        TreeMap<Integer, Integer> doc = docs.get(i);
        int[] idx = new int[doc.size()];
        float[] val = new float[doc.size()];
        StringBuilder s = new StringBuilder();
        int n = 0;
        for (var e : doc.entrySet()) {
          idx[n] = e.getKey();
          val[n++] = e.getValue();
          s.append(e.getKey()).append(':').append(e.getValue()).append(' ');
        }
        boolean held = i % 10 == 9;
        (held ? test : train).addSparse(idx, val, n, null, 1f);
        (held ? te : tr).write(s.append('\n').toString());
      }
    }
    long t0 = System.nanoTime();
    LdaModel m = new LdaEstimator(LdaParams.parse(java.util.Map.of("num_topics", Integer.toString(k), "feature_dim",
        Integer.toString(vocab), "mini_batch_size", "1000", "alpha0", alpha0, "refinement_passes", refinement, "seed", seed))).fit(InMemoryDataset.of(train.build()),
        FitOptions.builder().threads(2).test(InMemoryDataset.of(test.build())).build());
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!peers) {
      System.out.printf(Locale.ROOT, "sagemill seed %s, refinement %s: %.2f s, held-out pwll %.4f%n", seed, refinement,
          seconds, m.card().metrics().get("test:pwll"));
      return;
    }
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/lda/peers.py", dir.resolve("train.txt").toString(),
        dir.resolve("test.txt").toString(), Integer.toString(vocab), Integer.toString(k), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("peers.py failed");
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; KOS %d documents (%d held out), %d words, %d topics%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), docs.size(),
        docs.size() / 10, vocab, k);
    RowBatch held = test.build();
    System.out.printf(Locale.ROOT, "%-10s %10s %14s %14s%n", "library", "fit", "pwll (same", "own bound");
    System.out.printf(Locale.ROOT, "%-10s %10s %14s %14s%n", "", "", "inference)", "");
    System.out.printf(Locale.ROOT, "%-10s %9.2fs %14.4f %14s   (spectral, alpha0 %s, refinement passes %s)%n",
        "sagemill", seconds, m.card().metrics().get("test:pwll"), "-", alpha0, refinement);
    for (String line : out.split("\n")) {
      String[] c = line.trim().split(" ");
      double[] topics = numbers(dir.resolve(c[0] + ".topics"));
      double[] alpha = numbers(dir.resolve(c[0] + ".alpha"));
      double pwll = LdaModel.of(topics, alpha, vocab).perWordLogLikelihood(InMemoryDataset.of(held), 1000);
      System.out.printf(Locale.ROOT, "%-10s %9.2fs %14.4f %14.4f%n", c[0], Double.parseDouble(c[1]), pwll,
          Double.parseDouble(c[2]));
    }
  }

  private static double[] numbers(Path file) throws Exception {
    return java.util.Arrays.stream(Files.readString(file).trim().split("\\s+")).mapToDouble(Double::parseDouble)
        .toArray();
  }
}

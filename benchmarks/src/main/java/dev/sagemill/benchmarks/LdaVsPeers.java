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
 * {@code benchmarks/lda/peers.py}, and Mallet, on KOS blog entries ({@code ../shared/data/kos_bow}, UCI docword format; every 10th
 * document held out): fit time and held-out per-word log-likelihood. Every model is scored the same way, by
 * sagemill's {@code test:pwll} (the documents' variational lower bounds with the topics and α fixed, per word, in
 * nats), from the topics and α each library learned; each peer's own bound is printed beside it.
 *
 * <pre>apt-get install python3-sklearn python3-gensim
 * benchmarks/run.sh LdaVsPeers [topics=20] [alpha0=1.0] [refinement=0] [seed=0] [corpus=kos|news20]
 * [peers=true|false] [mallet=1000]</pre>
 *
 * <p>Mallet 2.1.1's {@code ParallelTopicModel} (collapsed Gibbs sampling, its defaults: α sum 5, β 0.01, 200 burn-in
 * iterations, α optimised every 10 iterations as its documentation recommends) runs in this JVM on the same training
 * documents and 2 threads, for {@code mallet} iterations (0 leaves it out); its smoothed topics and α are scored like
 * the others.
 *
 * <p>{@code corpus=news20} is 20 Newsgroups' libsvm test split ({@code ../shared/data/news20_libsvm_test}, 3,993
 * labelled documents); its topic purity against the newsgroup labels is printed for every model.
 */
public final class LdaVsPeers {
  private LdaVsPeers() {}

  /**
   * @param args topics, alpha0
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> a = new java.util.HashMap<>(java.util.Map.of("topics", "20", "alpha0", "1.0",
        "refinement", "0", "seed", "0", "corpus", "kos", "peers", "true", "mallet", "1000"));
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      a.put(kv[0], kv[1]);
    }
    int k = Integer.parseInt(a.get("topics"));
    String alpha0 = a.get("alpha0");
    String refinement = a.get("refinement");
    String seed = a.get("seed");
    boolean peers = Boolean.parseBoolean(a.get("peers"));
    List<TreeMap<Integer, Integer>> docs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Path file;
    int vocab;
    if (a.get("corpus").equals("news20")) {
      file = Path.of("../shared/data/news20_libsvm_test/news20.t.gz");
      vocab = readLibsvm(file, docs, labels);
    } else {
      file = Path.of("../shared/data/kos_bow/docword.kos.txt.gz");
      vocab = readDocword(file, docs);
    }
    List<Integer> trainLabels = new ArrayList<>();
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
        if (!held && !labels.isEmpty()) {
          trainLabels.add(labels.get(i));
        }
        (held ? te : tr).write(s.append('\n').toString());
      }
    }
    RowBatch held = test.build();
    RowBatch trainRows = train.build();
    long t0 = System.nanoTime();
    LdaModel m = new LdaEstimator(LdaParams.parse(java.util.Map.of("num_topics", Integer.toString(k), "feature_dim",
        Integer.toString(vocab), "mini_batch_size", "1000", "alpha0", alpha0, "refinement_passes", refinement, "seed",
        seed))).fit(InMemoryDataset.of(trainRows), FitOptions.builder().threads(2).build());
    double seconds = (System.nanoTime() - t0) / 1e9;
    double pwll = m.perWordLogLikelihood(InMemoryDataset.of(held), 1000);
    if (!peers) {
      System.out.printf(Locale.ROOT, "sagemill %s seed %s, refinement %s: %.2f s, held-out pwll %.4f%s%n",
          a.get("corpus"), seed, refinement, seconds, pwll, purity(m, trainRows,
          trainLabels));
      return;
    }
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/lda/peers.py", dir.resolve("train.txt").toString(),
        dir.resolve("test.txt").toString(), Integer.toString(vocab), Integer.toString(k), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("peers.py failed");
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; %s %d documents (%d held out), %d words, %d topics%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), a.get("corpus"), docs.size(),
        docs.size() / 10, vocab, k);
    System.out.printf(Locale.ROOT, "%-10s %10s %14s %14s%n", "library", "fit", "pwll (same", "own bound");
    System.out.printf(Locale.ROOT, "%-10s %10s %14s %14s%n", "", "", "inference)", "");
    System.out.printf(Locale.ROOT, "%-10s %9.2fs %14.4f %14s   (spectral, alpha0 %s, refinement passes %s)%s%n",
        "sagemill", seconds, pwll, "-", alpha0, refinement, purity(m, trainRows, trainLabels));
    int malletIterations = Integer.parseInt(a.get("mallet"));
    if (malletIterations > 0) {
      MalletLda mallet = MalletLda.fit(trainRows, vocab, k, malletIterations, 2, Integer.parseInt(seed));
      LdaModel peer = LdaModel.of(mallet.topics(), mallet.alpha(), vocab);
      System.out.printf(Locale.ROOT, "%-10s %9.2fs %14.4f %14s   (Gibbs, %d iterations, alpha optimised every 10)%s%n",
          "mallet", mallet.seconds(), peer.perWordLogLikelihood(InMemoryDataset.of(held), 1000), "-",
          malletIterations, purity(peer, trainRows, trainLabels));
    }
    for (String line : out.split("\n")) {
      String[] c = line.trim().split(" ");
      double[] topics = numbers(dir.resolve(c[0] + ".topics"));
      double[] alpha = numbers(dir.resolve(c[0] + ".alpha"));
      LdaModel peer = LdaModel.of(topics, alpha, vocab);
      System.out.printf(Locale.ROOT, "%-10s %9.2fs %14.4f %14.4f%s%n", c[0], Double.parseDouble(c[1]),
          peer.perWordLogLikelihood(InMemoryDataset.of(held), 1000),
          Double.parseDouble(c[2]), purity(peer, trainRows, trainLabels));
    }
  }

  /**
   * Topic purity against document labels: each training document goes to its largest topic, each topic counts its
   * most common label; the share of documents so counted. Empty when the corpus has no labels.
   */
  private static String purity(LdaModel m, RowBatch rows, List<Integer> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    java.util.Map<Integer, java.util.Map<Integer, Integer>> byTopic = new java.util.HashMap<>();
    List<dev.sagemill.core.estimator.Prediction> p = m.predict(rows);
    for (int r = 0; r < rows.rows(); r++) {
      double[] mix = p.get(r).getVector("topic_mixture");
      int best = 0;
      for (int t = 1; t < mix.length; t++) {
        best = mix[t] > mix[best] ? t : best;
      }
      byTopic.computeIfAbsent(best, x -> new java.util.HashMap<>()).merge(labels.get(r), 1, Integer::sum);
    }
    long kept = 0;
    for (var counts : byTopic.values()) {
      kept += counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    return String.format(Locale.ROOT, ", topic purity %.3f", (double) kept / rows.rows());
  }

  /** A docword file through sagemill's reader ({@code text/x-uci-docword}); returns the vocabulary size. */
  private static int readDocword(Path file, List<TreeMap<Integer, Integer>> docs) throws Exception {
    dev.sagemill.core.data.DataSource source = dev.sagemill.io.DataSources.open(file,
        dev.sagemill.io.docword.DocwordDataSource.CONTENT_TYPE);
    try (dev.sagemill.core.data.BatchStream s = source.open(1000)) {
      for (java.util.Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch b = ob.get();
        for (int r = 0; r < b.rows(); r++) {
          TreeMap<Integer, Integer> doc = new TreeMap<>();
          for (int e = b.rowPointers()[r]; e < b.rowPointers()[r + 1]; e++) {
            doc.put(b.indices()[e], (int) b.sparseValues()[e]);
          }
          docs.add(doc);
        }
      }
    }
    return source.schema().featureDim();
  }

  /** A libsvm file of term counts (1-based indices); labels kept. */
  private static int readLibsvm(Path file, List<TreeMap<Integer, Integer>> docs, List<Integer> labels)
      throws Exception {
    int vocab = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] c = line.trim().split("\\s+");
        if (c.length == 0 || c[0].isEmpty()) {
          continue;
        }
        labels.add(Integer.parseInt(c[0]));
        TreeMap<Integer, Integer> doc = new TreeMap<>();
        for (int i = 1; i < c.length; i++) {
          String[] kv = c[i].split(":");
          int w = Integer.parseInt(kv[0]) - 1;
          doc.put(w, (int) Math.round(Double.parseDouble(kv[1])));
          vocab = Math.max(vocab, w + 1);
        }
        docs.add(doc);
      }
    }
    return vocab;
  }

  private static double[] numbers(Path file) throws Exception {
    return java.util.Arrays.stream(Files.readString(file).trim().split("\\s+")).mapToDouble(Double::parseDouble)
        .toArray();
  }
}

package dev.sagemill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.algo.blazingtext.BlazingTextEstimator;
import dev.sagemill.algo.blazingtext.BlazingTextModel;
import dev.sagemill.algo.blazingtext.BlazingTextParams;
import dev.sagemill.algo.blazingtext.Dictionary;
import dev.sagemill.algo.blazingtext.FastTextBinary;
import dev.sagemill.algo.blazingtext.FastTextModel;
import dev.sagemill.algo.blazingtext.WordSimilarity;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * BlazingText against fastText 0.9.2 (Debian's {@code python3-fasttext}, the C++ library of the {@code fasttext} tool,
 * timed in-process by {@code benchmarks/fasttext/ft_driver.py}) on the same prepared files, hyperparameters and
 * threads, in one run. Word2vec (skipgram, cbow; batch_skipgram against fastText's skipgram) on the word2vec corpus
 * of {@code ../shared/data}: training seconds, words/second/thread, WordSim-353 Spearman ρ and analogy accuracy
 * (questions-words.txt, 3CosAdd over the 30,000 most frequent words, as word2vec's compute-accuracy) of each tool's
 * model, both scored by the same code. Supervised: AG News (its test split cut 4:1 into train/test), sentence
 * polarity and subjectivity (9:1) and TREC (its own split), accuracy and training seconds. Text is lower-cased and
 * punctuation split off as fastText's classification scripts do, once, for both tools.
 *
 * <pre>benchmarks/run.sh -Xmx6g BlazingTextVsFastText [--threads N] [--only w2v|sup] [--epochs N] [--seeds N]</pre>
 */
public final class BlazingTextVsFastText {
  private static final Path SHARED = Path.of("../shared/data");
  private static final Path WORK = Path.of("benchmarks/target/bench-text");
  private static final ObjectMapper JSON = new ObjectMapper();

  private BlazingTextVsFastText() {}

  /**
   * @param args {@code --threads N}, {@code --only w2v|sup}, {@code --epochs N}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    String only = "";
    int epochs = 5;
    int seeds = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--only" -> only = args[++i];
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--seeds" -> seeds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Files.createDirectories(WORK);
    System.out.printf("machine: %d cores, java %s; threads %d%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), threads);
    if (!only.equals("sup")) {
      word2vec(threads, epochs, seeds);
    }
    if (!only.equals("w2v")) {
      supervised(threads, seeds);
    }
  }

  /**
   * Lower-cases and splits punctuation off words, as fastText's classification example scripts do.
   *
   * @param s raw text
   * @return the normalised text
   */
  public static String normalize(String s) {
    String t = s.toLowerCase(Locale.ROOT).replace("<br />", " ");
    StringBuilder sb = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (".,!?;:()\"'/".indexOf(c) >= 0) {
        sb.append(' ').append(c).append(' ');
      } else {
        sb.append(Character.isWhitespace(c) ? ' ' : c);
      }
    }
    return sb.toString().replaceAll(" +", " ").strip();
  }

  private static void word2vec(int threads, int epochs, int seeds) throws Exception {
    Path corpus = WORK.resolve("corpus.txt");
    if (!Files.exists(corpus)) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
          SHARED.resolve("word2vec_corpus/english_public_domain.txt.gz"))), StandardCharsets.UTF_8));
          Writer w = Files.newBufferedWriter(corpus)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          w.write(normalize(line));
          w.write('\n');
        }
      }
    }
    Analogies analogies = Analogies.read(SHARED.resolve("word2vec_eval/questions-words.txt"));
    System.out.printf("%nword2vec corpus %s: %d bytes; dim 100, window 5, neg 5, min_count 5, t 1e-4, lr 0.05, "
        + "%d epochs%n", corpus, Files.size(corpus), epochs);
    System.out.printf("%-15s %-9s %9s %12s %8s %9s%n", "mode", "tool", "seconds", "words/s/thr", "ws353", "analogy");
    for (int seed = 1; seed <= seeds; seed++) {
    for (String mode : List.of("skipgram", "cbow", "batch_skipgram")) {
      Map<String, String> hp = new HashMap<>(Map.of("mode", mode, "epochs", Integer.toString(epochs),
          "evaluation", "false", "seed", Integer.toString(seed)));
      long t0 = System.nanoTime();
      BlazingTextModel ours = new BlazingTextEstimator(BlazingTextParams.parse(hp)).fit(text(corpus),
          FitOptions.builder().threads(threads).build());
      double oursSec = (System.nanoTime() - t0) / 1e9;
      // Words processed: each epoch passes the in-vocabulary tokens; fastText's schedule runs until it has passed
      // epochs x all tokens counted (out-of-vocabulary ones included), so it does that many in-vocabulary tokens.
      long all = ours.fastText().dictionary().ntokens();
      long inVocab = inVocabulary(corpus, ours.fastText().dictionary());
      report(mode, "sagemill", oursSec, (double) inVocab * epochs / oursSec / threads, ours.fastText(), analogies);
      if (!mode.equals("batch_skipgram")) {
        Path bin = WORK.resolve("ft-" + mode + ".bin");
        double ftSec = fastText(mode, corpus, bin, "dim=100", "ws=5", "neg=5", "minCount=5", "t=0.0001", "lr=0.05",
            "epoch=" + epochs, "minn=0", "maxn=0", "thread=" + threads, "seed=" + seed);
        report(mode, "fastText", ftSec, (double) all * epochs / ftSec / threads, FastTextBinary.read(bin),
            analogies);
        System.out.printf("%-15s time ratio fastText/sagemill = %.2f, throughput ratio sagemill/fastText = %.2f "
            + "(seed %d)%n", mode, ftSec / oursSec, ftSec / oursSec * inVocab / all, seed);
      }
    }
    }
  }

  private static long inVocabulary(Path corpus, Dictionary d) throws IOException {
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(corpus)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        for (String t : line.split(" ")) {
          n += !t.isEmpty() && d.id(t) >= 0 ? 1 : 0;
        }
        n += d.id(Dictionary.EOS) >= 0 ? 1 : 0;
      }
    }
    return n;
  }

  private static void report(String mode, String tool, double seconds, double wps, FastTextModel m,
      Analogies analogies) {
    WordSimilarity.Result ws = WordSimilarity.wordSim353().evaluate(m);
    System.out.printf("%-15s %-9s %9.2f %12.0f %8.4f %8.2f%%%n", mode, tool, seconds, wps, ws.rho(),
        100 * analogies.accuracy(m));
  }

  private static RecordSource<TextBatch> text(Path file) throws IOException {
    return Sources.open(Channel.of(file), ContentType.parse("text/plain"), TextBatch.class, false);
  }

  /** Runs the fastText driver; returns its training seconds. */
  private static double fastText(String mode, Path input, Path bin, String... kv) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "benchmarks/fasttext/ft_driver.py", mode,
        input.toString(), bin.toString()));
    cmd.addAll(List.of(kv));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("the fastText driver failed (is python3-fasttext installed?): " + out);
    }
    JsonNode n = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    return n.get("seconds").asDouble();
  }

  private static void supervised(int threads, int seeds) throws Exception {
    Path tc = SHARED.resolve("text_classification");
    List<String[]> sets = new ArrayList<>();
    sets.add(split("ag_news", csv(tc.resolve("ag_news_test/test.csv"), true, r -> r[0], r -> r[1] + " " + r[2]), 5));
    sets.add(split("polarity", csv(tc.resolve("sentence_polarity/rt-polarity.csv"), false, r -> r[0], r -> r[1]),
        10));
    sets.add(split("subjectivity", csv(tc.resolve("subjectivity/subjectivity.csv"), false, r -> r[0], r -> r[1]),
        10));
    sets.add(write("trec", csv(tc.resolve("trec_qc/train.csv"), false, r -> r[0], r -> r[2]),
        csv(tc.resolve("trec_qc/test.csv"), false, r -> r[0], r -> r[2])));
    System.out.printf("%nsupervised: dim 100, word_ngrams 2, min_count 1, buckets 2,000,000, lr 0.5, 5 epochs, "
        + "softmax%n");
    System.out.printf("%-13s %7s %7s %10s %10s %9s %9s %7s%n", "dataset", "train", "test", "sagemill s", "fastText s",
        "sagemill", "fastText", "ratio");
    for (int seed = 1; seed <= seeds; seed++) {
    for (String[] s : sets) {
      Path train = Path.of(s[1]);
      Path test = Path.of(s[2]);
      BlazingTextParams p = BlazingTextParams.builder(BlazingTextParams.Mode.SUPERVISED).minCount(1).learningRate(0.5)
          .seed(seed).build();
      long t0 = System.nanoTime();
      BlazingTextModel ours = new BlazingTextEstimator(p).fit(text(train), FitOptions.builder().threads(threads)
          .build());
      double oursSec = (System.nanoTime() - t0) / 1e9;
      Path bin = WORK.resolve("ft-" + s[0] + ".bin");
      double ftSec = fastText("supervised", train, bin, "dim=100", "wordNgrams=2", "minCount=1", "bucket=2000000",
          "lr=0.5", "epoch=5", "thread=" + threads, "seed=" + seed);
      FastTextModel theirs = FastTextBinary.read(bin);
      List<String> lines = Files.readAllLines(test);
      System.out.printf("%-13s %7d %7d %10.2f %10.2f %8.2f%% %8.2f%% %7.2f%n", s[0], Files.readAllLines(train).size(),
          lines.size(), oursSec, ftSec, 100 * accuracy(ours.fastText(), lines), 100 * accuracy(theirs, lines),
          ftSec / oursSec);
    }
    }
  }

  private static double accuracy(FastTextModel m, List<String> labelled) {
    long right = labelled.parallelStream().filter(line -> {
      String label = line.substring(0, line.indexOf(' '));
      List<FastTextModel.Scored> best = m.predict(line.substring(line.indexOf(' ') + 1), 1, 0f);
      return !best.isEmpty() && best.get(0).label().equals(label);
    }).count();
    return (double) right / labelled.size();
  }

  private interface Field {
    String of(String[] row);
  }

  /** Reads a CSV of quoted fields into {@code __label__X normalized text} lines. */
  private static List<String> csv(Path file, boolean header, Field label, Field text) throws IOException {
    List<String> out = new ArrayList<>();
    for (String[] row : Csv.read(file, header)) {
      out.add("__label__" + label.of(row).replace(' ', '_') + " " + normalize(text.of(row)));
    }
    return out;
  }

  /** Every k-th line to test, the rest to train. */
  private static String[] split(String name, List<String> lines, int k) throws IOException {
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      (i % k == 0 ? test : train).add(lines.get(i));
    }
    return write(name, train, test);
  }

  private static String[] write(String name, List<String> train, List<String> test) throws IOException {
    Path tr = Files.write(WORK.resolve(name + ".train"), train);
    Path te = Files.write(WORK.resolve(name + ".test"), test);
    return new String[] {name, tr.toString(), te.toString()};
  }

  /** word2vec's analogy test: 3CosAdd over the most frequent words, unanswerable questions skipped. */
  public static final class Analogies {
    private final List<String[]> questions;

    private Analogies(List<String[]> questions) {
      this.questions = questions;
    }

    /**
     * @param file questions-words.txt
     * @return the questions, lower-cased
     * @throws IOException if reading fails
     */
    public static Analogies read(Path file) throws IOException {
      List<String[]> q = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.startsWith(":") && !line.isBlank()) {
          q.add(line.toLowerCase(Locale.ROOT).split(" "));
        }
      }
      return new Analogies(q);
    }

    /**
     * @param m a model
     * @return the share of answerable questions answered right
     */
    double accuracy(FastTextModel m) {
      Dictionary d = m.dictionary();
      List<String> words = new ArrayList<>();
      for (int i = 0; i < d.nwords(); i++) {
        words.add(d.entry(i));
      }
      return accuracy(words, m::wordVector);
    }

    /**
     * @param byFrequency the vocabulary, most frequent first
     * @param vectors a word's vector
     * @return the share of answerable questions answered right
     */
    public double accuracy(List<String> byFrequency, java.util.function.Function<String, float[]> vectors) {
      int n = Math.min(30_000, byFrequency.size());
      int dim = vectors.apply(byFrequency.get(0)).length;
      float[] unit = new float[n * dim];
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < n; i++) {
        float[] v = vectors.apply(byFrequency.get(i));
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int j = 0; j < dim; j++) {
          unit[i * dim + j] = v[j] * inv;
        }
        index.put(byFrequency.get(i), i);
      }
      long[] counts = IntStream.range(0, questions.size()).parallel().mapToLong(qi -> {
        String[] q = questions.get(qi);
        Integer a = index.get(q[0]);
        Integer b = index.get(q[1]);
        Integer c = index.get(q[2]);
        Integer want = index.get(q[3]);
        if (a == null || b == null || c == null || want == null) {
          return 0;
        }
        float[] t = new float[dim];
        for (int j = 0; j < dim; j++) {
          t[j] = unit[b * dim + j] - unit[a * dim + j] + unit[c * dim + j];
        }
        int best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int w = 0; w < n; w++) {
          if (w == a || w == b || w == c) {
            continue;
          }
          float s = 0;
          for (int j = 0; j < dim; j++) {
            s += t[j] * unit[w * dim + j];
          }
          if (s > bestScore) {
            bestScore = s;
            best = w;
          }
        }
        return best == want ? 3 : 1; // 1 = answerable and wrong, 3 = answerable and right
      }).toArray();
      long answerable = java.util.Arrays.stream(counts).filter(x -> x > 0).count();
      long right = java.util.Arrays.stream(counts).filter(x -> x == 3).count();
      return answerable == 0 ? Double.NaN : (double) right / answerable;
    }
  }

  /** Minimal RFC 4180 reading: quoted fields with doubled quotes; records may span lines. */
  public static final class Csv {
    private Csv() {}

    /**
     * @param file a CSV file
     * @param header whether its first record is a header, left out
     * @return the records
     * @throws IOException if reading fails
     */
    public static List<String[]> read(Path file, boolean header) throws IOException {
      String all = Files.readString(file, StandardCharsets.UTF_8);
      List<String[]> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < all.length(); i++) {
        char c = all.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < all.length() && all.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            f.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(f.toString());
          f.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < all.length() && all.charAt(i + 1) == '\n') {
            i++;
          }
          row.add(f.toString());
          f.setLength(0);
          rows.add(row.toArray(new String[0]));
          row.clear();
        } else {
          f.append(c);
        }
      }
      if (f.length() > 0 || !row.isEmpty()) {
        row.add(f.toString());
        rows.add(row.toArray(new String[0]));
      }
      return header ? rows.subList(1, rows.size()) : rows;
    }
  }
}

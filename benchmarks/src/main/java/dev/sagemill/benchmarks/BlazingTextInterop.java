package dev.sagemill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.algo.blazingtext.BlazingTextEstimator;
import dev.sagemill.algo.blazingtext.BlazingTextModel;
import dev.sagemill.algo.blazingtext.BlazingTextParams;
import dev.sagemill.algo.blazingtext.FastTextBinary;
import dev.sagemill.algo.blazingtext.FastTextModel;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sagemill-to-fastText direction of the {@code .bin} interop (the other direction is {@code FastTextInteropTest}):
 * models trained here (a classifier with word n-grams and subwords, for softmax, hs and ova; skipgram with subwords)
 * are saved as {@code .bin}, loaded by fastText's own library ({@code benchmarks/fasttext/ft_answers.py}), and its
 * word vectors and top-2 labels compared with sagemill's: the largest vector difference and the number of lines whose
 * top label differs are printed, and the run fails beyond 1e-6 or on any differing label.
 *
 * <pre>benchmarks/run.sh BlazingTextInterop      (needs python3-fasttext and ../shared/data)</pre>
 */
public final class BlazingTextInterop {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path WORK = Path.of("benchmarks/target/bench-text/interop");

  private BlazingTextInterop() {}

  /**
   * @param args none
   * @throws Exception on failure or disagreement
   */
  public static void main(String[] args) throws Exception {
    Files.createDirectories(WORK);
    Path tc = Path.of("../shared/data/text_classification/trec_qc");
    List<String> train = new ArrayList<>();
    for (String[] r : BlazingTextVsFastText.Csv.read(tc.resolve("train.csv"), false)) {
      train.add("__label__" + r[0] + " " + BlazingTextVsFastText.normalize(r[2]));
    }
    List<String> test = new ArrayList<>();
    for (String[] r : BlazingTextVsFastText.Csv.read(tc.resolve("test.csv"), false)) {
      test.add(BlazingTextVsFastText.normalize(r[2]));
    }
    test.add("");
    test.add("où est le café ?");
    Path trainFile = Files.write(WORK.resolve("trec.train"), train);
    Path lines = Files.write(WORK.resolve("trec.test"), test);
    Path words = Files.write(WORK.resolve("words.txt"), List.of("what", "capital", "café", "unseenword",
        "questions", "日本語", "</s>"));
    boolean ok = true;
    for (String loss : List.of("softmax", "hs", "ova")) {
      ok &= check("supervised-" + loss, Map.of("mode", "supervised", "loss", loss, "min_count", "1", "subwords",
          "true", "min_char", "2", "max_char", "4", "buckets", "20000", "learning_rate", "0.5", "vector_dim", "20"),
          trainFile, words, lines);
    }
    ok &= check("skipgram-subwords", Map.of("mode", "skipgram", "min_count", "1", "subwords", "true", "buckets",
        "20000", "vector_dim", "20", "evaluation", "false"), trainFile, words, lines);
    if (!ok) {
      throw new IllegalStateException("fastText and sagemill disagree on a .bin sagemill wrote");
    }
  }

  private static boolean check(String name, Map<String, String> hp, Path train, Path words, Path lines)
      throws Exception {
    BlazingTextModel m = new BlazingTextEstimator(BlazingTextParams.parse(hp)).fit(Sources.open(Channel.of(train),
        ContentType.parse("text/plain"), TextBatch.class, false), FitOptions.builder().threads(2).build());
    Path bin = WORK.resolve(name + ".bin");
    try (OutputStream out = Files.newOutputStream(bin)) {
      FastTextBinary.write(m.fastText(), out);
    }
    FastTextModel ours = FastTextBinary.read(bin);
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/fasttext/ft_answers.py", bin.toString(),
        words.toString(), lines.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("ft_answers.py failed (is python3-fasttext installed?)");
    }
    List<String> test = Files.readAllLines(lines);
    double maxDiff = 0;
    int vectors = 0;
    int labelLines = 0;
    int differing = 0;
    double maxProb = 0;
    for (String l : out.lines().toList()) {
      JsonNode n = JSON.readTree(l);
      if (n.has("word")) {
        float[] v = ours.wordVector(n.get("word").asText());
        for (int i = 0; i < v.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(v[i] - n.get("vector").get(i).asDouble()));
        }
        vectors++;
      } else {
        List<FastTextModel.Scored> s = ours.predict(test.get(n.get("line").asInt()), 2, 0f);
        labelLines++;
        if (s.isEmpty() || !s.get(0).label().equals(n.get("labels").get(0).asText())) {
          differing++;
        } else {
          maxProb = Math.max(maxProb, Math.abs(s.get(0).probability() - n.get("probs").get(0).asDouble()));
        }
      }
    }
    boolean ok = maxDiff <= 1e-6 && differing == 0;
    System.out.printf("%-20s vectors %d, max |difference| %.2e; lines %d, top label differs on %d, max |prob "
        + "difference| %.2e  %s%n", name, vectors, maxDiff, labelLines, differing, maxProb, ok ? "OK" : "DIFFERS");
    return ok;
  }
}

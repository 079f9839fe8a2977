package dev.sagemill.algo.blazingtext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A word-similarity benchmark: pairs of words with human similarity scores, and the Spearman rank correlation ρ
 * between those scores and the cosine similarity of the model's vectors, as BlazingText's {@code evaluation}
 * reports it ({@code train:mean_rho}). Pairs with a word that has no vector (unknown, without subwords) are left
 * out and counted. The bundled set is WordSim-353 (Finkelstein et al. 2002).
 *
 * <p>Immutable and thread-safe.
 */
public final class WordSimilarity {
  private final List<String[]> pairs;
  private final double[] human;

  private WordSimilarity(List<String[]> pairs, double[] human) {
    this.pairs = pairs;
    this.human = human;
  }

  /** @return WordSim-353, bundled with sagemill */
  public static WordSimilarity wordSim353() {
    try (InputStream in = WordSimilarity.class.getResourceAsStream("wordsim353.tsv")) {
      if (in == null) {
        throw new IllegalStateException("wordsim353.tsv is missing from the sagemill-algorithms-text jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "wordsim353.tsv");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@code word1 TAB word2 TAB score} lines; {@code #} lines are comments.
   *
   * @param in the lines
   * @param name the source's name, for messages
   * @return the benchmark
   * @throws IOException if reading fails
   * @throws IllegalArgumentException on a malformed line, naming it
   */
  static WordSimilarity parse(BufferedReader in, String name) throws IOException {
    List<String[]> pairs = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    int n = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split("\t");
      if (p.length != 3) {
        throw new IllegalArgumentException(name + " line " + n + ": expected word1, word2 and score separated by "
            + "tabs");
      }
      pairs.add(new String[] {p[0], p[1]});
      scores.add(Double.parseDouble(p[2]));
    }
    return new WordSimilarity(pairs, scores.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * @param model the word vectors
   * @return ρ and the number of pairs scored
   */
  public Result evaluate(FastTextModel model) {
    return evaluate(model::wordVector);
  }

  /**
   * @param vectors a word's vector (all zeros when it has none), from any embedding model
   * @return ρ and the number of pairs scored
   */
  public Result evaluate(Function<String, float[]> vectors) {
    List<Double> h = new ArrayList<>();
    List<Double> m = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      float[] a = vectors.apply(pairs.get(i)[0]);
      float[] b = vectors.apply(pairs.get(i)[1]);
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int d = 0; d < a.length; d++) {
        dot += a[d] * b[d];
        na += a[d] * a[d];
        nb += b[d] * b[d];
      }
      if (na == 0 || nb == 0) {
        continue;
      }
      h.add(human[i]);
      m.add(dot / Math.sqrt(na * nb));
    }
    double rho = h.size() < 2 ? Double.NaN : new SpearmansCorrelation().correlation(
        h.stream().mapToDouble(Double::doubleValue).toArray(), m.stream().mapToDouble(Double::doubleValue).toArray());
    return new Result(rho, h.size(), pairs.size());
  }

  /**
   * @param rho the Spearman correlation (NaN with fewer than two pairs scored)
   * @param scored pairs whose words both have vectors
   * @param total pairs in the benchmark
   */
  public record Result(double rho, int scored, int total) {}
}

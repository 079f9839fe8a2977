package dev.sagemill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.algo.rcf.StreamingRandomCutForest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Numenta Anomaly Benchmark (v1.1, {@code ../shared/data/nab}) for sagemill's streaming Random Cut Forest: every
 * one of the 58 series is streamed through a fresh forest (each value scored, then learned), and the scores are
 * judged by NAB's own rules, re-implemented here from its sweeper: the probationary first 15% (at most 750 rows)
 * ignored; inside a labelled window a detection earns tpWeight × σ-scaled earliness (the best detection per window
 * counts), a missed window costs fnWeight, every detection outside a window costs fpWeight scaled by its distance
 * past the previous window; the threshold is the one that maximises the corpus score, and the result is normalised
 * to 0 (nothing detected) .. 100 (every window at its start). Profiles: standard (fp 0.11), reward_low_FP_rate
 * (fp 0.22), reward_low_FN_rate (fn 2.0).
 *
 * <p>The scorer is checked first on NAB's published per-row Random Cut Forest scores (its results archive): at NAB's
 * published thresholds it must give NAB's published 51.7 / 38.4 / 59.7.
 *
 * <pre>benchmarks/run.sh -Xmx4g NabRandomCutForest [--shingle S] [--trees T] [--samples K] [--decay D] [--normalize]</pre>
 */
public final class NabRandomCutForest {
  private static final Path NAB = Path.of("../shared/data/nab");
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Profile(String name, double tp, double fp, double fn) {}

  private static final List<Profile> PROFILES = List.of(new Profile("standard", 1.0, 0.11, 1.0),
      new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0), new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));

  private record Series(String key, List<String> timestamps, double[] values, List<String[]> windows) {}

  /** One scorable row: its anomaly score, its NAB weight if detected, its window (-1: none). */
  private record Point(double score, double sweep, int window) {}

  private NabRandomCutForest() {}

  /**
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int shingle = 1;
    int trees = 100;
    int samples = 256;
    double decay = 1e-5;
    boolean normalize = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--shingle" -> shingle = Integer.parseInt(args[++i]);
        case "--trees" -> trees = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--decay" -> decay = Double.parseDouble(args[++i]);
        case "--normalize" -> normalize = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<Series> corpus = load();
    System.out.printf("NAB: %d series, %d windows%n", corpus.size(),
        corpus.stream().mapToInt(s -> s.windows().size()).sum());
    Path published = Files.createTempDirectory("nab-rcf");
    Process tar = new ProcessBuilder("tar", "xzf", NAB.resolve("results/randomCutForest_scores.tar.gz")
        .toAbsolutePath().toString(), "-C", published.toString()).inheritIO().start();
    if (tar.waitFor() != 0) {
      throw new IOException("could not unpack NAB's randomCutForest scores");
    }
    JsonNode thresholds = JSON.readTree(NAB.resolve("results/thresholds.json").toFile()).get("randomCutForest");
    List<double[]> theirs = new ArrayList<>();
    for (Series s : corpus) {
      String[] parts = s.key().split("/");
      List<String> lines = Files.readAllLines(published.resolve(parts[0]).resolve("randomCutForest_" + parts[1]));
      double[] sc = new double[lines.size() - 1];
      for (int i = 1; i < lines.size(); i++) {
        sc[i - 1] = Double.parseDouble(lines.get(i).split(",")[2]);
      }
      theirs.add(sc);
    }
    System.out.println("NAB's published randomCutForest scores through this scorer (published: 51.7 / 38.4 / 59.7):");
    for (Profile p : PROFILES) {
      double t = thresholds.get(p.name()).get("threshold").asDouble();
      System.out.printf("  %-20s at NAB's threshold %.4f: %6.2f; at the best threshold: %6.2f%n", p.name(), t,
          normalized(corpus, theirs, p, t), normalized(corpus, theirs, p, Double.NaN));
    }
    List<double[]> ours = new ArrayList<>();
    long t0 = System.nanoTime();
    long rows = 0;
    for (Series s : corpus) {
      StreamingRandomCutForest f = StreamingRandomCutForest.builder(1).shingleSize(shingle).numberOfTrees(trees)
          .sampleSize(samples).timeDecay(decay).seed(1).build();
      float[][] xs = new float[s.values().length][];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = new float[] {(float) s.values()[i]};
      }
      double[] sc = f.scoreThenUpdate(xs);
      ours.add(normalize ? standardized(sc) : sc);
      rows += xs.length;
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    System.out.printf("sagemill streaming RCF, shingle %d, %d trees x %d samples, time decay %.1e%s: %d rows in %.1f "
        + "s%n", shingle, trees, samples, decay, normalize ? ", scores standardised per series" : "", rows, sec);
    for (Profile p : PROFILES) {
      System.out.printf("  %-20s %6.2f%n", p.name(), normalized(corpus, ours, p, Double.NaN));
    }
  }

  /**
   * Each score as standard deviations above the running mean of the series' earlier scores (exponentially weighted,
   * about the last 1,000): one corpus-wide threshold then means the same surprise in every series.
   */
  private static double[] standardized(double[] scores) {
    double[] out = new double[scores.length];
    double mean = 0;
    double var = 0;
    double alpha = 1e-3;
    int seen = 0;
    for (int i = 0; i < scores.length; i++) {
      double sd = Math.sqrt(var);
      out[i] = seen < 100 || sd == 0 ? 0 : (scores[i] - mean) / sd;
      if (scores[i] != 0) {
        double a = Math.max(alpha, 1.0 / ++seen);
        double d = scores[i] - mean;
        mean += a * d;
        var = (1 - a) * (var + a * d * d);
      }
    }
    return out;
  }

  private static List<Series> load() throws IOException {
    JsonNode labels = JSON.readTree(NAB.resolve("labels/combined_windows.json").toFile());
    List<Series> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : labels.properties()) {
      List<String> lines = Files.readAllLines(NAB.resolve(e.getKey()));
      List<String> ts = new ArrayList<>();
      double[] v = new double[lines.size() - 1];
      for (int i = 1; i < lines.size(); i++) {
        String[] p = lines.get(i).split(",");
        ts.add(p[0]);
        v[i - 1] = Double.parseDouble(p[1]);
      }
      List<String[]> windows = new ArrayList<>();
      for (JsonNode w : e.getValue()) {
        windows.add(new String[] {trim(w.get(0).asText()), trim(w.get(1).asText())});
      }
      out.add(new Series(e.getKey(), ts, v, windows));
    }
    out.sort(Comparator.comparing(Series::key));
    return out;
  }

  private static String trim(String t) {
    return t.endsWith(".000000") ? t.substring(0, t.length() - 7) : t;
  }

  private static double scaledSigmoid(double position) {
    return position > 3.0 ? -1.0 : 2 / (1 + Math.exp(5 * position)) - 1.0;
  }

  /** NAB's calcSweepScore for one series; windows are numbered from {@code firstWindow}. */
  private static List<Point> sweep(Series s, double[] scores, Profile p, int firstWindow) {
    int n = scores.length;
    double maxTp = scaledSigmoid(-1.0);
    double probation = Math.min(Math.floor(0.15 * n), 0.15 * 5000);
    List<Point> out = new ArrayList<>();
    int next = 0;
    int cur = -1;
    int curRight = -1;
    double curWidth = 0;
    int prevRight = -1;
    double prevWidth = 0;
    for (int i = 0; i < n; i++) {
      String t = s.timestamps().get(i);
      if (next < s.windows().size() && t.equals(s.windows().get(next)[0])) {
        cur = firstWindow + next;
        curRight = s.timestamps().indexOf(s.windows().get(next)[1]);
        curWidth = curRight - i + 1;
        next++;
      }
      double weighted;
      if (cur >= 0) {
        weighted = scaledSigmoid(-(curRight - i + 1) / curWidth) * p.tp() / maxTp;
      } else {
        double unweighted = prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
        weighted = unweighted * p.fp();
      }
      if (i >= probation) {
        out.add(new Point(scores[i], weighted, cur));
      }
      if (cur >= 0 && i == curRight) {
        prevRight = i;
        prevWidth = curWidth;
        cur = -1;
      }
    }
    return out;
  }

  /**
   * The corpus' normalised NAB score at a threshold (detections: score ≥ threshold), or at the best threshold when
   * {@code threshold} is NaN.
   */
  private static double normalized(List<Series> corpus, List<double[]> scores, Profile p, double threshold) {
    List<Point> all = new ArrayList<>();
    int windows = 0;
    for (int k = 0; k < corpus.size(); k++) {
      all.addAll(sweep(corpus.get(k), scores.get(k), p, windows));
      windows += corpus.get(k).windows().size();
    }
    double[] best = new double[windows];
    boolean[] scorable = new boolean[windows];
    for (Point q : all) {
      if (q.window() >= 0) {
        scorable[q.window()] = true;
      }
    }
    int counted = 0;
    for (int w = 0; w < windows; w++) {
      best[w] = -p.fn();
      counted += scorable[w] ? 1 : 0;
    }
    all.sort(Comparator.comparingDouble(Point::score).reversed());
    double fp = 0;
    double windowSum = -p.fn() * counted;
    double raw = Double.NaN;
    double bestRaw = windowSum;
    for (int i = 0; i < all.size(); i++) {
      Point q = all.get(i);
      if (!Double.isNaN(threshold) && q.score() < threshold) {
        break;
      }
      if (q.window() < 0) {
        fp += q.sweep();
      } else if (q.sweep() > best[q.window()]) {
        windowSum += q.sweep() - best[q.window()];
        best[q.window()] = q.sweep();
      }
      boolean boundary = i + 1 == all.size() || all.get(i + 1).score() != q.score();
      if (boundary) {
        bestRaw = Math.max(bestRaw, windowSum + fp);
      }
    }
    raw = Double.isNaN(threshold) ? bestRaw : windowSum + fp;
    double nullScore = -p.fn() * counted;
    double perfect = p.tp() * counted;
    return 100 * (raw - nullScore) / (perfect - nullScore);
  }
}

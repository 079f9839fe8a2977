package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sagemill stream} (issue 24's CLI entry point for streams): a Random Cut Forest answers each row before
 * learning it; a stream fed in two pieces through {@code --state} answers exactly as the whole stream does.
 */
class StreamCliTest {
  private static final int SPIKE = 1500;

  @TempDir
  Path dir;

  /** A noisy sine of period 50 with one spike. */
  private static List<String> series(int n) {
    Random r = new Random(4);
    List<String> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      double v = Math.sin(2 * Math.PI * i / 50) + 0.05 * r.nextGaussian() + (i == SPIKE ? 5 : 0);
      rows.add(String.format(java.util.Locale.ROOT, "%.5f", v));
    }
    return rows;
  }

  private static String lines(List<String> rows) {
    return String.join("\n", rows) + "\n";
  }

  @Test
  void piecesThroughTheStateAnswerAsTheWholeStreamAndTheSpikeStandsOut() throws IOException {
    List<String> rows = series(2000);
    Path all = Files.writeString(dir.resolve("all.csv"), lines(rows));
    Path a = Files.writeString(dir.resolve("a.csv"), lines(rows.subList(0, 1234)));
    Path b = Files.writeString(dir.resolve("b.csv"), lines(rows.subList(1234, rows.size())));
    String[] hp = {"--hp", "feature_dim=1", "--hp", "shingle_size=4", "--hp", "num_trees=40", "--hp", "seed=9"};
    CliTest.Run whole = CliTest.run(concat(new String[] {"stream", "--algorithm", "randomcutforest", "--input",
        all.toString()}, hp));
    assertEquals(0, whole.code(), whole.out());
    List<Double> scores = whole.out().lines().map(Double::parseDouble).toList();
    assertEquals(rows.size(), scores.size());
    assertEquals(0.0, scores.get(10), "nothing is scored before a quarter of the sample has been seen");
    int top = 0;
    for (int i = 1; i < scores.size(); i++) {
      top = scores.get(i) > scores.get(top) ? i : top;
    }
    assertTrue(top >= SPIKE && top < SPIKE + 4, "the highest score is on a shingle holding the spike: " + top);
    assertTrue(scores.get(top) > 3 * scores.get(SPIKE - 10), scores.get(top) + " vs " + scores.get(SPIKE - 10));

    Path state = dir.resolve("stream.sagemill");
    CliTest.Run first = CliTest.run(concat(new String[] {"stream", "--algorithm", "randomcutforest", "--state",
        state.toString(), "--input", a.toString()}, hp));
    assertEquals(0, first.code(), first.out());
    assertTrue(Files.exists(state));
    CliTest.Run second = CliTest.run("stream", "--state", state.toString(), "--input", b.toString());
    assertEquals(0, second.code(), second.out());
    assertEquals(whole.out(), first.out() + second.out(), "two pieces through the state = one stream");

    // The same piece again from the saved state (after a killed run, say) continues from where the state is.
    Path out = dir.resolve("again.csv");
    CliTest.Run again = CliTest.run("stream", "--state", state.toString(), "--input", b.toString(), "--output",
        out.toString(), "--accept", "application/jsonlines");
    assertEquals(0, again.code(), again.out());
    assertTrue(Files.readString(out).startsWith("{\"score\":"), Files.readString(out));
  }

  @Test
  void refusalsNameTheProblem() throws IOException {
    Path rows = Files.writeString(dir.resolve("rows.csv"), "1\n2\nnan\n");
    CliTest.Run xgb = PluginAlgorithmTest.withStderr("stream", "--algorithm", "xgboost", "--input", rows.toString());
    assertTrue(xgb.code() != 0 && xgb.out().contains("xgboost does not learn from a stream; streaming algorithms: "
        + "[randomcutforest]"), xgb.out());
    CliTest.Run nan = PluginAlgorithmTest.withStderr("stream", "--algorithm", "randomcutforest", "--hp",
        "feature_dim=1", "--input", rows.toString());
    assertTrue(nan.code() != 0 && nan.out().contains("rows.csv") && nan.out().contains("record 3")
        && nan.out().contains("finite"), nan.out());
    CliTest.Run noDim = PluginAlgorithmTest.withStderr("stream", "--algorithm", "randomcutforest", "--input",
        rows.toString());
    assertTrue(noDim.code() != 0 && noDim.out().contains("feature_dim"), noDim.out());

    Path good = Files.writeString(dir.resolve("good.csv"), "1\n2\n3\n");
    Path state = dir.resolve("s.sagemill");
    assertEquals(0, CliTest.run("stream", "--algorithm", "randomcutforest", "--hp", "feature_dim=1", "--hp",
        "num_trees=50", "--state", state.toString(), "--input", good.toString()).code());
    byte[] saved = Files.readAllBytes(state);
    CliTest.Run other = PluginAlgorithmTest.withStderr("stream", "--state", state.toString(), "--hp", "num_trees=60",
        "--input", good.toString());
    assertTrue(other.code() != 0 && other.out().contains("num_trees=60 differs from the state's 50"), other.out());
    assertEquals(0, CliTest.run("stream", "--state", state.toString(), "--hp", "num_trees=5e1", "--input",
        good.toString()).code(), "the same value written otherwise continues");
    assertFalse(java.util.Arrays.equals(saved, Files.readAllBytes(state)), "the state moved on");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

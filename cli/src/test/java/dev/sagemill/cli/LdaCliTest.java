package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lda} through the CLI: unlabelled word-count CSV with a vocabulary channel, {@code topics.txt}, and
 * SageMaker's {@code topic_mixture} answers.
 */
class LdaCliTest {
  @TempDir
  Path dir;

  @Test
  void trainsOnWordCountsAndAnswersTopicMixtures() throws IOException {
    // Two topics that own 15 words each; every document mixes them.
    Random r = new Random(2);
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < 400; d++) {
      double a = r.nextDouble();
      int[] counts = new int[30];
      for (int w = 0; w < 20; w++) {
        counts[(r.nextDouble() < a ? 0 : 15) + r.nextInt(15)]++;
      }
      for (int i = 0; i < 30; i++) {
        sb.append(i == 0 ? "" : ",").append(counts[i]);
      }
      sb.append('\n');
    }
    Path train = Files.writeString(dir.resolve("docs.csv"), sb.toString());
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      words.append(i < 15 ? "sport" : "music").append(i % 15).append('\n');
    }
    Path vocab = Files.writeString(dir.resolve("vocab.txt"), words.toString());
    Path model = dir.resolve("model");
    CliTest.Run run = CliTest.run("train", "--algorithm", "lda", "--channel", "train=" + train, "--channel",
        "auxiliary=" + vocab, "--content-type", "text/csv;label_size=0", "--hp", "num_topics=2", "--hp",
        "feature_dim=30", "--hp", "mini_batch_size=100", "--model-dir", model.toString(), "--no-progress");
    assertEquals(0, run.code(), run.out());
    // topics.txt: a header, then per topic its number, α and 10 words, all from one of the two planted topics.
    java.util.List<String> lines = Files.readAllLines(model.resolve("topics.txt"));
    assertEquals(3, lines.size(), lines.toString());
    java.util.Set<String> kinds = new java.util.HashSet<>();
    for (String line : lines.subList(1, 3)) {
      String[] cells = line.split("\t");
      assertEquals(12, cells.length, line);
      String kind = cells[2].substring(0, 5);
      for (int i = 2; i < 12; i++) {
        assertTrue(cells[i].startsWith(kind), "topic mixes planted topics: " + line);
      }
      kinds.add(kind);
    }
    assertEquals(java.util.Set.of("sport", "music"), kinds, lines.toString());
    // A document of the first topic's words only.
    Path q = Files.writeString(dir.resolve("q.csv"), "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n");
    run = CliTest.run("predict", "--model-dir", model.toString(), "--input", q.toString(), "--content-type",
        "text/csv;label_size=0", "--accept", "application/json");
    assertEquals(0, run.code(), run.out());
    JsonNode mixture = new ObjectMapper().readTree(run.out()).get("predictions").get(0).get("topic_mixture");
    assertEquals(2, mixture.size(), run.out());
    double high = Math.max(mixture.get(0).asDouble(), mixture.get(1).asDouble());
    assertTrue(high > 0.9, run.out());
    assertEquals(1, mixture.get(0).asDouble() + mixture.get(1).asDouble(), 1e-9);
    // A vocabulary of the wrong size is refused (its message is pinned by LdaVocabularyTest) and no model is left.
    Path shortVocab = Files.writeString(dir.resolve("short.txt"), "a\nb\n");
    run = CliTest.run("train", "--algorithm", "lda", "--channel", "train=" + train, "--channel", "auxiliary="
        + shortVocab, "--content-type", "text/csv;label_size=0", "--hp", "num_topics=2", "--hp", "feature_dim=30",
        "--hp", "mini_batch_size=100", "--model-dir", dir.resolve("m2").toString(), "--no-progress");
    assertEquals(2, run.code(), run.out());
    assertTrue(!Files.exists(dir.resolve("m2").resolve("model.sagemill")), "no model after a failed job");
  }
}

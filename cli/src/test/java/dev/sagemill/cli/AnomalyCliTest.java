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

/** {@code randomcutforest} through the CLI: unlabelled CSV training and SageMaker's {@code {"scores": [...]}}. */
class AnomalyCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void trainsOnUnlabelledRowsAndAnswersScores() throws IOException {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      sb.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
    }
    Path train = Files.writeString(dir.resolve("train.csv"), sb.toString());
    Path model = dir.resolve("model");
    CliTest.Run run = CliTest.run("train", "--algorithm", "randomcutforest", "--channel", "train=" + train, "--hp",
        "feature_dim=2", "--content-type", "text/csv;label_size=0", "--model-dir", model.toString(),
        "--no-progress");
    assertEquals(0, run.code(), run.out());
    Path q = Files.writeString(dir.resolve("q.csv"), "0,0\n8,8\n");
    run = CliTest.run("predict", "--model-dir", model.toString(), "--input", q.toString(), "--accept",
        "application/json");
    assertEquals(0, run.code(), run.out());
    JsonNode scores = JSON.readTree(run.out()).get("scores");
    assertEquals(2, scores.size(), run.out());
    assertTrue(scores.get(1).get("score").asDouble() > 2 * scores.get(0).get("score").asDouble(), run.out());

    run = PluginAlgorithmTest.withStderr("train", "--algorithm", "randomcutforest", "--channel", "train=" + train,
        "--hp", "feature_dim=2", "--model-dir", dir.resolve("m2").toString(), "--no-progress");
    assertTrue(run.code() != 0 && run.out().contains("label_size=0"), run.out());
  }
}

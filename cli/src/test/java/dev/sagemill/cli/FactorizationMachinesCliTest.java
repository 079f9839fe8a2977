package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code factorization-machines} through the CLI: libsvm training, SageMaker's {@code model_algo-1} written beside
 * sagemill's model, and that artifact alone (as a SageMaker job leaves it) predicting the same answers.
 */
class FactorizationMachinesCliTest {
  @TempDir
  Path dir;

  @Test
  void trainsOnLibsvmAndItsSageMakerArtifactAnswersTheSame() throws IOException {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(3);
    for (int i = 0; i < 3000; i++) {
      int u = r.nextInt(20);
      int item = 20 + r.nextInt(30);
      sb.append((u + item) % 3 == 0 ? 1 : 0).append(' ').append(u + 1).append(":1 ").append(item + 1).append(":1\n");
    }
    Path train = Files.writeString(dir.resolve("train.libsvm"), sb.toString());
    Path model = dir.resolve("model");
    CliTest.Run run = CliTest.run("train", "--algorithm", "factorization-machines", "--train", train.toString(),
        "--content-type", "text/libsvm", "--hp", "feature_dim=50", "--hp", "num_factors=4", "--hp",
        "predictor_type=binary_classifier", "--hp", "epochs=3", "--model-dir", model.toString(), "--no-progress");
    assertEquals(0, run.code(), run.out());
    assertTrue(run.out().contains("#quality_metric: host=algo-1, epoch=2, train binary_classification_cross_entropy"),
        run.out());
    assertTrue(Files.exists(model.resolve("model_algo-1")), "SageMaker's artifact is written beside the model");

    Path sagemaker = Files.createDirectories(dir.resolve("sagemaker-job"));
    Files.copy(model.resolve("model_algo-1"), sagemaker.resolve("model_algo-1"));
    Path rows = Files.writeString(dir.resolve("rows.libsvm"), "0 1:1 21:1\n1 5:1 40:1\n0 50:1\n");
    CliTest.Run ours = CliTest.run("predict", "--model-dir", model.toString(), "--input", rows.toString(),
        "--accept", "application/jsonlines");
    CliTest.Run theirs = CliTest.run("predict", "--model-dir", sagemaker.toString(), "--input", rows.toString(),
        "--accept", "application/jsonlines");
    assertEquals(0, ours.code(), ours.out());
    assertEquals(0, theirs.code(), theirs.out());
    assertEquals(3, ours.out().lines().filter(l -> l.contains("\"score\"")).count(), ours.out());
    assertTrue(ours.out().contains("predicted_label"), ours.out());
    assertEquals(ours.out().lines().filter(l -> l.contains("score")).toList(),
        theirs.out().lines().filter(l -> l.contains("score")).toList());
  }
}

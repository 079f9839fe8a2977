package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} keeps every round's metrics; {@code plot} draws them and the feature importance as PNG. */
class PlotCliTest {

  @TempDir
  Path dir;

  @Test
  void trainRecordsEachRoundAndPlotDrawsCurvesAndImportance() throws IOException {
    Path model = dir.resolve("model");
    CliTest.Run run = CliTest.trainXgboostOnHiggs(model, 12, "auc");
    assertEquals(0, run.code(), run.out());
    JsonNode history = new ObjectMapper().readTree(model.resolve("metrics-history.json").toFile());
    JsonNode validation = history.get("validation:auc");
    assertEquals(12, validation.size(), history.toString());
    assertEquals(12, validation.get(11).get(0).asInt());
    JsonNode metrics = new ObjectMapper().readTree(model.resolve("metrics.json").toFile());
    assertEquals(metrics.get("validation:auc").asDouble(), validation.get(11).get(1).asDouble(), 1e-12,
        "the last round's value is the reported metric");

    Path pictures = dir.resolve("pictures");
    run = CliTest.run("plot", "--model-dir", model.toString(), "--output", pictures.toString());
    assertEquals(0, run.code(), run.out());
    for (String name : new String[] {"learning-curves.png", "feature-importance.png"}) {
      BufferedImage img = ImageIO.read(pictures.resolve(name).toFile());
      assertEquals(800, img.getWidth(), name);
      assertTrue(run.out().contains(pictures.resolve(name).toString()), run.out());
    }
    assertTrue(Files.size(pictures.resolve("learning-curves.png")) > 5000);
  }

  @Test
  void kmeansAndPcaPlaceRowsInTheirPlane() throws IOException {
    // three blobs in 5 dimensions, 100 rows each, no label column
    java.util.Random r = new java.util.Random(2);
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < 5; j++) {
        csv.append(j == 0 ? "" : ",").append(10 * (i % 3 == j ? 1 : 0) + r.nextGaussian());
      }
      csv.append('\n');
    }
    Path data = Files.writeString(dir.resolve("blobs.csv"), csv);
    for (String[] job : new String[][] {{"kmeans", "k=3"}, {"pca", "num_components=3"}}) {
      Path model = dir.resolve(job[0]);
      CliTest.Run run = CliTest.run("train", "--algorithm", job[0], "--channel", "train=" + data, "--content-type",
          "text/csv;label_size=0", "--hp", "feature_dim=5", "--hp", job[1], "--hp", "mini_batch_size=100",
          "--model-dir", model.toString(), "--no-progress");
      assertEquals(0, run.code(), run.out());
      run = CliTest.run("plot", "--model-dir", model.toString(), "--data", data.toString());
      assertEquals(0, run.code(), run.out());
      BufferedImage img = ImageIO.read(model.resolve("projection.png").toFile());
      assertEquals(800, img.getWidth(), job[0]);
      run = CliTest.run("report", "--model-dir", model.toString(), "--data", data.toString());
      assertEquals(0, run.code(), run.out());
      assertTrue(Files.readString(model.resolve("report.html")).contains("rows in the model&#39;s plane")
          || Files.readString(model.resolve("report.html")).contains("rows in the model's plane"), job[0]);
    }
  }

  @Test
  void kmeansCentersPlaneSeparatesTheBlobs() throws IOException {
    float[] centers = {10, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 10, 0, 0};
    dev.sagemill.algo.kmeans.KMeansModel m = new dev.sagemill.algo.kmeans.KMeansModel(centers, 3,
        dev.sagemill.core.data.Schema.of(5, 0), new dev.sagemill.core.estimator.ModelCard("kmeans",
        java.util.Map.of(), java.util.Map.of(), "test"));
    double[][] c = m.centers();
    for (int a = 0; a < 3; a++) {
      for (int b = a + 1; b < 3; b++) {
        double d = Math.hypot(c[a][0] - c[b][0], c[a][1] - c[b][1]);
        assertEquals(Math.sqrt(200), d, 1e-9, "the plane holds the three centers, so their distances are kept");
      }
    }
  }
}

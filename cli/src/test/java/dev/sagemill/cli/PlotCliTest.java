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
}

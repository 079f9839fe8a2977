package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.RowBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job folder made from Java trains as SageMaker's container would: rows as RecordIO-protobuf, lines as files. */
class ContainerLayoutTest {
  @TempDir
  Path dir;

  @Test
  void rowsAndLinesTrainThroughTheContainerLayout() throws IOException {
    Random r = new Random(4);
    RowBatch.Builder b = RowBatch.builder(2, 1, false);
    for (int i = 0; i < 400; i++) {
      float x0 = (float) r.nextGaussian();
      float x1 = (float) r.nextGaussian();
      b.addDense(new float[] {x0, x1}, 0, new float[] {2 * x0 - x1 + 1}, 1f);
    }
    ContainerLayout job = ContainerLayout.at(dir.resolve("job")).rows("train", b.build());
    JsonNode metrics = new ObjectMapper().readTree(job.train("linear-learner", Map.of("predictor_type",
        "regressor", "feature_dim", "2", "epochs", "10"), "--threads", "1"));
    assertTrue(metrics.get("train:objective_loss").asDouble() < 0.01, metrics.toString());
    JsonNode config = new ObjectMapper().readTree(dir.resolve("job/input/config/inputdataconfig.json").toFile());
    assertEquals("application/x-recordio-protobuf", config.get("train").get("ContentType").asText());
    assertTrue(Files.exists(job.modelDir().resolve("model.sagemill")));

    ContainerLayout text = ContainerLayout.at(dir.resolve("text")).lines("train", "text/plain",
        List.of("__label__a x y", "__label__b z w", "__label__a x x", "__label__b w z"));
    assertTrue(text.train("blazingtext", Map.of("mode", "supervised", "min_count", "1", "epochs", "2"))
        .contains("train:"));
  }

  @Test
  void aFailedJobSaysWhy() throws IOException {
    ContainerLayout job = ContainerLayout.at(dir.resolve("bad")).lines("train", "text/plain", List.of("x"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> job.train("linear-learner",
        Map.of("predictor_type", "regressor", "feature_dim", "2")));
    assertTrue(e.getMessage().contains("content type text/plain cannot be read as RowBatch records"),
        e.getMessage());
  }
}

package dev.sagemill.algo.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every released Linear Learner format version leaves a model file that later versions must still load and
 * predict with identically. {@link #main} regenerates the files (run it only when adding a format version).
 */
class LinearLearnerGoldenFileTest {
  private static final String DIR = "/dev/sagemill/algo/linear/golden/";
  private static final float[][] PROBES = {{0, 0, 0, 0, 0}, {1, -1, 0.5f, 2, -3}, {-2, 0.25f, 1, 0, 1}};

  @Test
  void formatVersion1StillLoadsAndPredictsTheSame() throws IOException {
    byte[] model;
    JsonNode expected;
    try (InputStream m = getClass().getResourceAsStream(DIR + "linear-learner-v1.model");
        InputStream e = getClass().getResourceAsStream(DIR + "linear-learner-v1.expected.json")) {
      model = m.readAllBytes();
      expected = new ObjectMapper().readTree(e);
    }
    Model loaded = ModelIO.fromBytes(model, "linear-learner-v1.model");
    assertEquals("linear-learner", loaded.algorithm());
    for (int i = 0; i < PROBES.length; i++) {
      JsonNode want = expected.get(i);
      var got = loaded.predict(FeatureVector.dense(PROBES[i]));
      assertEquals(want.get("score").asDouble(), got.get("score"), 0.0, "probe " + i);
      assertEquals(want.get("predicted_label").asDouble(), got.get("predicted_label"), 0.0, "probe " + i);
    }
  }

  /**
   * Writes the golden files of the current format version into the test resources.
   *
   * @param args unused
   * @throws IOException on failure
   */
  public static void main(String[] args) throws IOException {
    InMemoryDataset data = LinearLearnerContractTest.logisticData(2020, 500);
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .miniBatchSize(100).numModels(2).build()).fit(data, FitOptions.builder().threads(1).build());
    Path dir = Path.of("src/test/resources" + DIR);
    Files.createDirectories(dir);
    int v = LinearLearnerCodec.VERSION;
    ModelIO.save(m, dir.resolve("linear-learner-v" + v + ".model"));
    ObjectMapper json = new ObjectMapper();
    ArrayNode out = json.createArrayNode();
    for (float[] p : PROBES) {
      var pr = m.predict(FeatureVector.dense(p));
      out.addObject().put("score", pr.get("score")).put("predicted_label", pr.get("predicted_label"));
    }
    Files.writeString(dir.resolve("linear-learner-v" + v + ".expected.json"), json.writerWithDefaultPrettyPrinter()
        .writeValueAsString(out));
    System.out.println("wrote golden files for format version " + v);
  }
}

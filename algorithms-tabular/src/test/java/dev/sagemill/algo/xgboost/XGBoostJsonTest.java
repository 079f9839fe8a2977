package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Models trained by XGBoost 3.0.4 (xgboost4j, {@code benchmarks/run.sh XGBoostInterop golden DIR}) load here and
 * give XGBoost's margins on 20 rows (some with missing values) within 1e-5, from JSON and from UBJSON.
 */
class XGBoostJsonTest {
  private static final Path DIR = Path.of("src/test/resources/dev/sagemill/algo/xgboost/interop");

  private static float[][] rows() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("rows.csv"));
    float[][] x = new float[lines.size()][];
    for (int i = 0; i < x.length; i++) {
      String[] c = lines.get(i).split(",", -1);
      x[i] = new float[c.length];
      for (int j = 0; j < c.length; j++) {
        x[i][j] = c[j].isEmpty() ? Float.NaN : Float.parseFloat(c[j]);
      }
    }
    return x;
  }

  private static void assertSameMargins(XGBoostModel m, String name) throws IOException {
    float[][] x = rows();
    List<String> expected = Files.readAllLines(DIR.resolve(name + ".margins.csv"));
    for (int i = 0; i < x.length; i++) {
      double[] got = m.margin(FeatureVector.dense(x[i]));
      String[] want = expected.get(i).split(",");
      assertEquals(want.length, got.length);
      for (int k = 0; k < got.length; k++) {
        assertEquals(Double.parseDouble(want[k]), got[k], 1e-5, name + " row " + i + " output " + k);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "multi", "reg", "dart"})
  void xgboostModelsPredictTheSameHere(String name) throws IOException {
    assertSameMargins(XGBoostJson.read(DIR.resolve(name + ".json")), name);
    assertSameMargins(XGBoostJson.read(DIR.resolve(name + ".ubj")), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "multi", "reg", "dart"})
  void writingAndReadingBackKeepsThePredictions(String name, @TempDir Path tmp) throws IOException {
    XGBoostModel m = XGBoostJson.read(DIR.resolve(name + ".json"));
    Path out = tmp.resolve("model.json");
    XGBoostJson.write(m, out);
    assertSameMargins(XGBoostJson.read(out), name);
  }

  @Test
  void aModelTrainedHereRoundTripsThroughXGBoostJson(@TempDir Path tmp) throws IOException {
    RowBatch.Builder b = RowBatch.builder(3, 1, false);
    for (int i = 0; i < 300; i++) {
      float a = (i * 37 % 101) / 101f;
      float c = (i * 53 % 97) / 97f;
      b.addDense(new float[] {a, c, i % 5 == 0 ? Float.NaN : a * c}, 0, new float[] {a + c > 1 ? 1 : 0}, 1f);
    }
    RowBatch data = b.build();
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(5).objective("binary:logistic").maxDepth(3).build())
        .fit(InMemoryDataset.of(data), FitOptions.defaults());
    XGBoostJson.write(m, tmp.resolve("m.json"));
    // XGBoost silently falls back to 0.5 on a base_score such as "5.375000000E-01" (measured with xgboost4j 3.0.4).
    String base = XGBoostJson.toTree(m).path("learner").path("learner_model_param").path("base_score").asText();
    assertTrue(base.matches("-?\\d+\\.\\d+(E-?[1-9]\\d*)?"), base);
    XGBoostModel back = XGBoostJson.read(tmp.resolve("m.json"));
    double[] p = m.predictValues(data);
    double[] q = back.predictValues(data);
    for (int i = 0; i < p.length; i++) {
      assertEquals(p[i], q[i], 1e-6);
    }
  }

  @Test
  void foreignFilesAreRefusedWithAReason(@TempDir Path tmp) throws IOException {
    Path binary = Files.write(tmp.resolve("old.model"), new byte[] {0, 0, 0, 63, 1, 2, 3});
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> XGBoostJson.read(binary));
    assertTrue(e.getMessage().contains("deprecated binary format"), e.getMessage());
    String json = Files.readString(DIR.resolve("binary.json")).replace("\"version\":[3,0,4]", "\"version\":[9,0,0]");
    Path future = Files.writeString(tmp.resolve("future.json"), json);
    e = assertThrows(ModelFormatException.class, () -> XGBoostJson.read(future));
    assertTrue(e.getMessage().contains("written by XGBoost [9,0,0]"), e.getMessage());
    byte[] ubj = Files.readAllBytes(DIR.resolve("binary.ubj"));
    Path truncated = Files.write(tmp.resolve("cut.ubj"), java.util.Arrays.copyOf(ubj, ubj.length / 2));
    e = assertThrows(ModelFormatException.class, () -> XGBoostJson.read(truncated));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }
}

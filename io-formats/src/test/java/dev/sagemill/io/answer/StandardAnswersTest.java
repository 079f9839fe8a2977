package dev.sagemill.io.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardAnswersTest {
  private static final List<Prediction> ANSWERS = List.of(
      Prediction.builder().put("score", 0.75).put("predicted_label", 1.0).build(),
      Prediction.builder().put("score", new double[] {0.5, 0.25}).put("predicted_label", 0.0)
          .put("note", "a, \"b\"").putNested("extra", Map.of("k", List.of(3, 4.5))).build());

  private static String write(String type) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (AnswerWriter w = StandardAnswers.INSTANCE.open(type, Map.of(), bytes)) {
      w.write(ANSWERS.subList(0, 1));
      w.write(ANSWERS.subList(1, 2));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void csvFlattensInOrderAndQuotesStrings() throws IOException {
    assertEquals("0.75,1\n0.5,0.25,0,\"a, \"\"b\"\"\",3,4.5\n", write("text/csv"));
  }

  @Test
  void jsonWritesOneDocumentAndWholeLabels() throws IOException {
    assertEquals("{\"predictions\":[{\"score\":0.75,\"predicted_label\":1},{\"score\":[0.5,0.25],"
        + "\"predicted_label\":0,\"note\":\"a, \\\"b\\\"\",\"extra\":{\"k\":[3,4.5]}}]}\n", write("application/json"));
    assertEquals(2, write("application/jsonlines").lines().count());
  }

  @Test
  void recordIoRefusesStringsAndOtherTypesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> write("application/x-recordio-protobuf"));
    assertTrue(e.getMessage().contains("output note"), e.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> write("text/html"));
    assertTrue(type.getMessage().contains("text/html is not supported; use text/csv"), type.getMessage());
  }
}

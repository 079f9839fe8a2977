package dev.sagemill.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinearLearnerExampleTest {
  @Test
  void runsOnTheEmbeddedSample() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      LinearLearnerExample.main(new String[] {"data/higgs-sample"});
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("validation:roc_auc_score = 0."), out);
    assertTrue(out.contains("predicted_label="), out);
  }
}

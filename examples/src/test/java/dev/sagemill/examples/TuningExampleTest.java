package dev.sagemill.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningExampleTest {
  @Test
  void tunesXGBoostOnTheEmbeddedSample(@TempDir Path dir) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      TuningExample.main(new String[] {"data/higgs-sample", dir.toString()});
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("validation:auc = (0\\.\\d+), test:auc = (0\\.\\d+)").matcher(out);
    assertTrue(m.find(), out);
    // A depth-2..8 booster of 30 rounds on 6,000 Higgs rows scores about 0.79 validation / 0.80 test AUC.
    assertTrue(Double.parseDouble(m.group(1)) > 0.77, out);
    assertTrue(Double.parseDouble(m.group(2)) > 0.75, out);
    JsonNode trials = new ObjectMapper().readTree(dir.resolve("bayesian/trials.json").toFile()).get("trials");
    assertEquals(8, trials.size());
    assertTrue(Files.exists(dir.resolve("random/leaderboard.csv")));
  }
}

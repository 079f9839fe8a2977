package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training log as SageMaker's metric regexes read it, and kept line by line when the job is killed. */
class ProgressListenerTest {
  /**
   * Issue 29 item 14: a killed job lost rounds 71 to 102 from its log, which sat in a buffer. Every finished
   * iteration's lines must reach the file before the next iteration starts, whatever buffering the stream has.
   */
  @Test
  void everyIterationsLinesReachTheFileBeforeTheNext() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    // A large buffer and no auto-flush, as a redirected stream may have: only an explicit flush empties it.
    PrintStream out = new PrintStream(new BufferedOutputStream(file, 1 << 16), false, StandardCharsets.UTF_8);
    ProgressListener listener = new ProgressListener(out, false);
    listener.onStart("xgboost", 3);
    for (int round = 1; round <= 3; round++) {
      listener.onEpoch(round, 3, Map.of("train:logloss", 0.5 / round));
      String written = file.toString(StandardCharsets.UTF_8);
      long lines = written.lines().filter(l -> l.contains("train-logloss")).count();
      assertEquals(round, lines, "after round " + round + " the file holds: " + written);
    }
    assertTrue(file.toString(StandardCharsets.UTF_8).contains("[2]#011train-logloss:0.16667"),
        file.toString(StandardCharsets.UTF_8));
  }
}

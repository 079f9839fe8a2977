package dev.sagemill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.io.recordio.RecordIoProtobufWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29 item 6: memory follows the features present, not the largest index. Two hundred rows of ten features
 * plus one row with index 100,000,000 used to exhaust a 1 GB heap in the quantile sketch; here a 256 MB heap trains
 * and predicts, from libsvm and from RecordIO-protobuf records of shape [100000000].
 */
class WideSparseDataTest {
  @TempDir
  Path dir;

  private static String rows() {
    Random rnd = new Random(2);
    StringBuilder s = new StringBuilder();
    for (int r = 0; r < 200; r++) {
      int a = rnd.nextInt(4);
      int b = rnd.nextInt(4);
      s.append(a + b > 3 ? 1 : 0).append(" 3:").append(a).append(" 7:").append(b).append(" 9:").append(rnd.nextInt(3))
          .append('\n');
    }
    return s.append("1 3:1 100000000:1\n").toString();
  }

  @Test
  void libsvmWithOneHugeIndexTrainsAndPredictsIn256Megabytes() throws Exception {
    Path train = Files.writeString(dir.resolve("train.libsvm"), rows());
    Path model = dir.resolve("model");
    String out = run("train", "--algorithm", "xgboost", "--train", train.toString(), "--content-type", "text/libsvm",
        "--hp", "objective=binary:logistic", "--hp", "num_round=10", "--model-dir", model.toString(),
        "--no-progress");
    assertTrue(out.contains("201 rows x 4 features"), "trained on the features present: " + out);
    String answers = run("predict", "--model-dir", model.toString(), "--input", train.toString());
    assertEquals(201, answers.lines().filter(l -> l.matches("0\\.\\d+")).count(), answers);
  }

  @Test
  void recordIoOfShape100MillionTrainsIn256Megabytes() throws Exception {
    Random rnd = new Random(3);
    RowBatch.Builder b = RowBatch.builder(100_000_000, 1, true).origin("generated", 1);
    for (int r = 0; r < 200; r++) {
      float a = rnd.nextInt(4);
      b.addSparse(new int[] {3, 99_999_999}, new float[] {a, rnd.nextInt(2)}, 2, new float[] {a > 1 ? 1 : 0}, 1f);
    }
    Path train = dir.resolve("train.rec");
    try (OutputStream o = Files.newOutputStream(train)) {
      new RecordIoProtobufWriter(o).write(b.build());
    }
    Path model = dir.resolve("rec-model");
    String out = run("train", "--algorithm", "xgboost", "--train", train.toString(), "--content-type",
        "application/x-recordio-protobuf", "--hp", "objective=binary:logistic", "--hp", "num_round=5",
        "--model-dir", model.toString(), "--no-progress");
    assertTrue(out.contains("200 rows x 2 features"), out);
  }

  /** Runs a command in a 256 MB JVM and returns its output; fails unless it exits 0. */
  private String run(String... args) throws Exception {
    Path log = Files.createTempFile(dir, "run", ".log");
    Process p = ChildCli.of(List.of("-Xmx256m", "-XX:+UseSerialGC"), args).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished within 2 minutes");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}

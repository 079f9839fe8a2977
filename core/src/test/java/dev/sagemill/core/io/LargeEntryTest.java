package dev.sagemill.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1.2 GB float entry (a 1M × 300 embedding table) saves and loads in a JVM of {@code -Xmx2g}, so neither side
 * holds a second copy, and past the 1 GiB limit of container version 1.
 */
class LargeEntryTest {
  private static final int FLOATS = 300_000_000;

  @TempDir
  Path dir;

  @Test
  void aLargeFloatEntrySavesAndLoadsWithoutASecondCopy() throws IOException, InterruptedException {
    long needed = 4L * FLOATS + (512L << 20);
    Assumptions.assumeTrue(Files.getFileStore(dir).getUsableSpace() > needed, () -> "skipped: needs " + needed
        + " bytes free in " + dir);
    Path file = dir.resolve("table.model");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx2g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        LargeEntryCheck.class.getName(), file.toString(), Integer.toString(FLOATS)).redirectErrorStream(true).start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    assertTrue(done, "the check did not finish in 5 minutes: " + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("ok: "), out);
    Files.deleteIfExists(file);
  }
}

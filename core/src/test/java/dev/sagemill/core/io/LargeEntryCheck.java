package dev.sagemill.core.io;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.testing.TableModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and loads a model with one float table of {@code args[1]} values (300,000,000 = 1.2 GB) to {@code args[0]},
 * and prints {@code ok} with the timings. Run in a JVM whose heap holds the table once but not twice
 * ({@code -Xmx2g}): any second copy while saving or loading fails with an OutOfMemoryError.
 */
public final class LargeEntryCheck {
  private LargeEntryCheck() {}

  /**
   * @param args the file, the number of floats
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    long t0 = System.nanoTime();
    float[] table = new float[n];
    for (int i = 0; i < n; i++) {
      table[i] = (i % 1000) * 0.5f;
    }
    ModelIO.save(new TableModel(table), file);
    long t1 = System.nanoTime();
    table = null; // the only copy goes before the load allocates its own
    Model back = ModelIO.load(file);
    long t2 = System.nanoTime();
    // indices that a float holds exactly (spacing 32 above 2^28)
    for (int i : new int[] {0, 1, 999, 1000, n / 2 / 32 * 32, (n - 64) / 32 * 32}) {
      float want = (i % 1000) * 0.5f;
      double got = back.predict(FeatureVector.dense((float) i)).get("value");
      if (got != want) {
        throw new AssertionError("table[" + i + "] = " + got + ", expected " + want);
      }
    }
    System.out.printf(java.util.Locale.ROOT, "ok: %d bytes, save %.1f s, load %.1f s%n", Files.size(file),
        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }
}

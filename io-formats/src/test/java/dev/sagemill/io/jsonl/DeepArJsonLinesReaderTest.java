package dev.sagemill.io.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeepArJsonLinesReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsSeriesWithMissingValuesCategoriesAndDynamicFeatures() throws IOException {
    Path f = dir.resolve("train.json");
    Files.writeString(f, "{\"start\": \"2012-01-01 00:00:00\", \"target\": [1, \"NaN\", null, 4.5], \"cat\": [0, 2],"
        + " \"dynamic_feat\": [[1, 1, 0, 0, 1]]}\n\n{\"start\": \"2012-02-01\", \"target\": [3], \"cat\": 1}\n");
    try (DeepArJsonLinesReader r = new DeepArJsonLinesReader(f)) {
      TimeSeries a = r.next().orElseThrow();
      assertEquals("2012-01-01 00:00:00", a.start());
      assertEquals(4, a.length());
      assertTrue(Double.isNaN(a.target()[1]) && Double.isNaN(a.target()[2]));
      assertArrayEquals(new int[] {0, 2}, a.cat());
      assertEquals(5, a.dynamicFeat()[0].length);
      TimeSeries b = r.next().orElseThrow();
      assertArrayEquals(new int[] {1}, b.cat());
      assertTrue(r.next().isEmpty());
    }
  }

  @Test
  void malformedSeriesNameLineAndField() throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"start\": \"2012-01-01\", \"target\": [1]}\n{\"start\": \"01/02/2012\", \"target\": [1]}\n");
    try (DeepArJsonLinesReader r = new DeepArJsonLinesReader(f)) {
      r.next();
      InvalidDataException e = assertThrows(InvalidDataException.class, r::next);
      assertTrue(e.getMessage().contains("bad.json, line 2: \"start\" must be a timestamp"), e.getMessage());
    }
    Files.writeString(f, "{\"start\": \"2012-01-01\", \"target\": [1, 2], \"dynamic_feat\": [[1]]}\n");
    try (DeepArJsonLinesReader r = new DeepArJsonLinesReader(f)) {
      InvalidDataException e = assertThrows(InvalidDataException.class, r::next);
      assertTrue(e.getMessage().contains("has 1 values, fewer than the target's 2"), e.getMessage());
    }
  }
}

package dev.sagemill.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedSourceTest {
  /** 10 rows of 3 features, as a file source would give them: not in memory, and counting its passes. */
  private static final class CountingSource implements DataSource {
    private final InMemoryDataset rows;
    int opens;

    CountingSource() {
      float[][] x = new float[10][3];
      float[] y = new float[10];
      for (int r = 0; r < 10; r++) {
        x[r] = new float[] {r, 2 * r, -r};
        y[r] = r % 2;
      }
      rows = InMemoryDataset.of(x, y);
    }

    @Override
    public Schema schema() {
      return rows.schema();
    }

    @Override
    public BatchStream open(int batchRows) {
      opens++;
      return rows.open(batchRows);
    }

    @Override
    public String description() {
      return "counting";
    }
  }

  private static List<Float> firstFeatures(DataSource s, int batchRows, int stopAfter) throws IOException {
    List<Float> out = new ArrayList<>();
    try (BatchStream b = s.open(batchRows)) {
      int seen = 0;
      for (Optional<RowBatch> batch = b.next(); batch.isPresent() && seen < stopAfter; batch = b.next(), seen++) {
        for (int r = 0; r < batch.get().rows(); r++) {
          out.add(batch.get().denseValues()[r * 3]);
        }
      }
    }
    return out;
  }

  @Test
  void theFirstCompletePassWithinBudgetIsKeptAndReplayed() throws IOException {
    CountingSource files = new CountingSource();
    DataSource cached = CachedSource.of(files, 1 << 20);
    assertFalse(cached.inMemory());
    assertEquals(4, firstFeatures(cached, 4, 1).size(), "a pass stopped early");
    assertFalse(cached.inMemory(), "a pass stopped before the end is not kept");
    List<Float> first = firstFeatures(cached, 4, Integer.MAX_VALUE);
    assertEquals(10, first.size());
    assertTrue(cached.inMemory());
    assertEquals(2, files.opens);
    assertEquals(first, firstFeatures(cached, 4, Integer.MAX_VALUE));
    assertEquals(2, files.opens, "the replay reads no file");
    assertEquals(first, firstFeatures(cached, 3, Integer.MAX_VALUE));
    assertEquals(3, files.opens, "another batch size reads the files");
  }

  @Test
  void pastTheBudgetEveryPassReadsTheFiles() throws IOException {
    CountingSource files = new CountingSource();
    // 10 rows x (3 features + 1 label) x 4 bytes = 160 bytes
    assertEquals(64, CachedSource.bytesOf(files.rows.open(4).next().orElseThrow()));
    DataSource cached = CachedSource.of(files, 159);
    firstFeatures(cached, 4, Integer.MAX_VALUE);
    firstFeatures(cached, 4, Integer.MAX_VALUE);
    assertFalse(cached.inMemory());
    assertEquals(2, files.opens);
    DataSource exact = CachedSource.of(files, 160);
    firstFeatures(exact, 4, Integer.MAX_VALUE);
    assertTrue(exact.inMemory());
  }

  @Test
  void aSourceInMemoryIsReturnedAsItIsAndABudgetMustBeNonNegative() {
    InMemoryDataset rows = new CountingSource().rows;
    assertSame(rows, CachedSource.of(rows, 0));
    assertThrows(IllegalArgumentException.class, () -> CachedSource.of(new CountingSource(), -1));
  }
}

package dev.sagemill.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PrefetchingBatchStreamTest {
  /** A stream of {@code n} one-row batches that fails at batch {@code failAt} (1-based; 0 = never). */
  private static final class Counting implements BatchStream {
    final int n;
    final int failAt;
    int produced;
    final AtomicBoolean closed = new AtomicBoolean();

    Counting(int n, int failAt) {
      this.n = n;
      this.failAt = failAt;
    }

    @Override
    public Optional<RowBatch> next() {
      if (produced == n) {
        return Optional.empty();
      }
      produced++;
      if (produced == failAt) {
        throw new InvalidDataException("f.csv", "line", produced, "bad");
      }
      return Optional.of(RowBatch.builder(1, 1, false).addDense(new float[] {produced}, 0, new float[] {0}, 1f)
          .build());
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void yieldsTheSameBatchesInOrder() throws IOException {
    List<Float> seen = new ArrayList<>();
    Counting src = new Counting(50, 0);
    try (PrefetchingBatchStream s = new PrefetchingBatchStream(src, 2, "test-reader")) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        seen.add(b.get().row(0).get(0));
      }
      assertTrue(s.next().isEmpty());
    }
    assertEquals(50, seen.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(i + 1f, seen.get(i));
    }
    assertTrue(src.closed.get());
  }

  @Test
  void aReadFailureSurfacesAtItsPosition() throws IOException {
    try (PrefetchingBatchStream s = new PrefetchingBatchStream(new Counting(10, 4), 2, "test-reader")) {
      for (int i = 0; i < 3; i++) {
        assertTrue(s.next().isPresent());
      }
      InvalidDataException e = assertThrows(InvalidDataException.class, s::next);
      assertEquals("f.csv, line 4: bad", e.getMessage());
    }
  }

  @Test
  void closingEarlyStopsTheReader() throws IOException {
    Counting src = new Counting(Integer.MAX_VALUE, 0);
    PrefetchingBatchStream s = new PrefetchingBatchStream(src, 1, "test-reader-early");
    assertTrue(s.next().isPresent());
    s.close();
    assertTrue(src.closed.get());
    int before = src.produced;
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("test-reader-early") && t.isAlive()));
    assertEquals(before, src.produced, "nothing is read after close");
  }
}

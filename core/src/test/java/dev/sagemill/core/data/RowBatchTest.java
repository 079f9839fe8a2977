package dev.sagemill.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowBatchTest {
  private static RowBatch sample(boolean sparse) {
    RowBatch.Builder b = RowBatch.builder(4, 1, sparse);
    b.addDense(new float[] {1, 0, 2, 0}, 0, new float[] {1}, 1f);
    b.addSparse(new int[] {1, 3}, new float[] {5, 6}, 2, new float[] {0}, 2f);
    b.addDense(new float[] {9, 9, 0, 0, 0, 7, 0, 8}, 4, new float[] {1}, 1f);
    return b.build();
  }

  @Test
  void denseAndSparseStorageAgree() {
    RowBatch d = sample(false);
    RowBatch s = sample(true);
    float[] w = {1, 10, 100, 1000};
    for (int r = 0; r < 3; r++) {
      assertEquals(d.dot(r, w), s.dot(r, w));
      assertArrayEquals(d.row(r).toDense(), s.row(r).toDense());
    }
    assertEquals(8070, d.dot(2, w));
    assertEquals(2f, s.weight(1));
    assertTrue(s.hasWeights());
    assertEquals(6, s.indices().length, "zeros are not stored sparse");
  }

  @Test
  void sliceAndConcatPreserveRows() {
    RowBatch s = sample(true);
    RowBatch joined = RowBatch.concat(List.of(s.slice(0, 1), s.slice(1, 3)));
    for (int r = 0; r < 3; r++) {
      assertArrayEquals(s.row(r).toDense(), joined.row(r).toDense());
      assertEquals(s.label(r), joined.label(r));
      assertEquals(s.weight(r), joined.weight(r));
    }
    assertThrows(IllegalArgumentException.class,
        () -> RowBatch.concat(List.of(s, RowBatch.builder(5, 1, false).build())));
  }

  @Test
  void inMemoryDatasetSlicesIntoBatches() throws IOException {
    InMemoryDataset ds = InMemoryDataset.of(sample(false));
    try (BatchStream st = ds.open(2)) {
      Optional<RowBatch> a = st.next();
      Optional<RowBatch> b = st.next();
      assertEquals(2, a.orElseThrow().rows());
      assertEquals(1, b.orElseThrow().rows());
      assertEquals(3, b.get().firstRecord());
      assertTrue(st.next().isEmpty());
    }
  }

  @Test
  void featureVectorChecksItsInput() {
    assertThrows(IllegalArgumentException.class, () -> FeatureVector.sparse(3, new int[] {2, 1}, new float[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> FeatureVector.sparse(3, new int[] {3}, new float[] {1}));
    FeatureVector v = FeatureVector.sparse(5, new int[] {1, 4}, new float[] {2, 3});
    assertEquals(3f, v.get(4));
    assertEquals(0f, v.get(0));
  }
}

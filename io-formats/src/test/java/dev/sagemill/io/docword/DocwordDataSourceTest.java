package dev.sagemill.io.docword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.testing.SharedData;
import dev.sagemill.io.DataSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UCI docword reader: rows per document, skipped ids as empty rows, and malformed files named by line. */
class DocwordDataSourceTest {
  @TempDir
  Path dir;

  private static List<RowBatch> read(DataSource s, int batchRows) throws IOException {
    List<RowBatch> out = new ArrayList<>();
    try (BatchStream b = s.open(batchRows)) {
      for (Optional<RowBatch> ob = b.next(); ob.isPresent(); ob = b.next()) {
        out.add(ob.get());
      }
    }
    return out;
  }

  @Test
  void documentsBecomeSparseRowsOfWordCountsAndEmptyOnesNone() throws IOException {
    Path f = Files.writeString(dir.resolve("docword.small.txt"), "4\n5\n5\n1 2 3\n1 5 1\n2 1 2\n4 3 7\n4 1 1\n");
    DataSource s = DataSources.open(f, DocwordDataSource.CONTENT_TYPE);
    assertEquals(5, s.schema().featureDim());
    assertEquals(0, s.schema().labelDim());
    List<RowBatch> batches = read(s, 2);
    RowBatch a = batches.get(0);
    RowBatch b = batches.get(1);
    assertEquals(2, a.rows());
    assertEquals(1, b.rows(), "document 3 has no entry: no row");
    assertArrayEquals(new int[] {0, 2, 3}, a.rowPointers());
    assertArrayEquals(new int[] {1, 4, 0}, java.util.Arrays.copyOf(a.indices(), 3));
    assertArrayEquals(new float[] {3, 1, 2}, java.util.Arrays.copyOf(a.sparseValues(), 3));
    assertArrayEquals(new int[] {0, 2}, java.util.Arrays.copyOf(b.indices(), 2), "words sorted within a document");
    assertArrayEquals(new float[] {1, 7}, java.util.Arrays.copyOf(b.sparseValues(), 2));
  }

  private InvalidDataException refused(String body) throws IOException {
    Path f = Files.writeString(dir.resolve("docword.bad.txt"), body);
    return assertThrows(InvalidDataException.class, () -> read(DataSources.open(f, DocwordDataSource.CONTENT_TYPE),
        10));
  }

  @Test
  void malformedFilesAreRefusedWithTheirLine() throws IOException {
    InvalidDataException e = refused("2\n5\n2\n2 1 1\n1 2 1\n");
    assertTrue(e.getMessage().contains("docword.bad.txt") && e.getMessage().contains("line 5")
        && e.getMessage().contains("ascending order"), e.getMessage());
    e = refused("2\n5\n1\n1 6 1\n");
    assertTrue(e.getMessage().contains("word id 6 is outside 1..5"), e.getMessage());
    e = refused("2\n5\n1\n1 2 0\n");
    assertTrue(e.getMessage().contains("count 0"), e.getMessage());
    e = refused("2\n5\n3\n1 2 1\n2 2 1\n");
    assertTrue(e.getMessage().contains("holds 2 entries, its header says 3"), e.getMessage());
    e = refused("2\nfive\n1\n1 2 1\n");
    assertTrue(e.getMessage().contains("\"five\", not an integer"), e.getMessage());
    e = refused("1\n5\n2\n1 2 1\n1 2 4\n");
    assertTrue(e.getMessage().contains("word 2 appears twice"), e.getMessage());
  }

  @Test
  void aForgedDocumentCountCostsNothing() throws IOException {
    // 2^31 - 1 documents in the header, one entry: one row, at once.
    Path f = Files.writeString(dir.resolve("docword.forged.txt"), "2147483647\n5\n1\n2147483647 5 1\n");
    List<RowBatch> rows = read(DataSources.open(f, DocwordDataSource.CONTENT_TYPE), 10);
    assertEquals(1, rows.size());
    assertEquals(1, rows.get(0).rows());
  }

  @Test
  void readsTheKosCorpus() throws IOException {
    Path kos = SharedData.file("kos_bow/docword.kos.txt.gz");
    DataSource s = DataSources.open(kos, DocwordDataSource.CONTENT_TYPE);
    assertEquals(6906, s.schema().featureDim());
    long rows = 0;
    long nnz = 0;
    for (RowBatch b : read(s, 1000)) {
      rows += b.rows();
      nnz += b.rowPointers()[b.rows()];
    }
    assertEquals(3430, rows);
    assertEquals(353_160, nnz);
  }
}

package dev.sagemill.io.libsvm;

import dev.sagemill.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.testing.IoFormatContract;
import dev.sagemill.io.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LibSvmDataSourceTest extends IoFormatContract {

  @Override
  protected byte[] encode(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int r = from; r < to; r++) {
      sb.append((int) LABELS[r]);
      for (int j = 0; j < 3; j++) {
        if (FEATURES[r][j] != 0f) {
          sb.append(' ').append(j + 1).append(':').append(FEATURES[r][j]);
        }
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String extension() {
    return ".libsvm";
  }

  @Override
  protected DataSource open(Path path) throws IOException {
    return LibSvmDataSource.of(Channel.of(path), IndexBase.ONE, 3);
  }

  @Override
  protected byte[] malformed() {
    return "1 1:2 3:4\n0 2:1\n1 1:5 nope\n".getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String malformedPosition() {
    return "line 3: expected index:value, got \"nope\"";
  }

  private LibSvmDataSource source(String text, IndexBase base) throws IOException {
    Path f = dir.resolve("t.libsvm");
    Files.writeString(f, text);
    return LibSvmDataSource.of(Channel.of(f), base);
  }

  @Test
  void weightsQidsCommentsAndUnsortedPairs() throws IOException {
    RowBatch b = InMemoryDataset.collect(source("# header comment\n2:0.5 qid:7 3:1 1:2 # tail\n\n0 qid:8 2:4\n",
        IndexBase.ONE)).data();
    assertEquals(2, b.rows());
    assertEquals(3, b.featureDim());
    assertEquals(2f, b.label(0));
    assertEquals(0.5f, b.weight(0));
    assertEquals(7L, b.qids().orElseThrow()[0]);
    assertEquals(8L, b.qids().orElseThrow()[1]);
    assertEquals(2f, b.row(0).get(0));
    assertEquals(1f, b.row(0).get(2));
    assertEquals(4f, b.row(1).get(1));
  }

  @Test
  void indexBaseIsDetectedWhenUnambiguous() throws IOException {
    LibSvmDataSource zero = source("1 0:1 4:2\n", IndexBase.AUTO);
    assertEquals(IndexBase.ZERO, zero.indexBase());
    assertEquals(5, zero.schema().featureDim());
    LibSvmDataSource one = source("1 1:1 4:2\n", IndexBase.AUTO);
    assertEquals(IndexBase.ONE, one.indexBase());
    assertEquals(4, one.schema().featureDim());
    assertEquals(2f, InMemoryDataset.collect(one).data().row(0).get(3));
  }

  @Test
  void badLinesNameTheLine() throws IOException {
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(source("1 1:2 1:3\n",
        IndexBase.ONE))).getMessage().endsWith("line 1: feature index 1 appears twice"));
    assertTrue(assertThrows(InvalidDataException.class, () -> source("1 0:2\n", IndexBase.ONE).schema())
        .getMessage().contains("index 0 found, but indices were declared 1-based"));
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(source("x 1:2\n",
        IndexBase.ONE))).getMessage().endsWith("line 1: label is not a number: \"x\""));
    Path f = dir.resolve("d.libsvm");
    Files.writeString(f, "1 1:1\n0 9:1\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(
        LibSvmDataSource.of(Channel.of(f), IndexBase.ONE, 5))).getMessage()
        .endsWith("line 2: feature index 9 is beyond the feature dimension 5 (1-based)"));
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(source("1 qid:x 1:1\n",
        IndexBase.ONE))).getMessage().contains("qid must be a non-negative integer"));
  }

  @Test
  void readsXgboostAgaricusAsPublished() throws IOException {
    LibSvmDataSource s = LibSvmDataSource.of(Channel.of(SharedData.file("xgboost_agaricus/agaricus.txt.train")), IndexBase.AUTO);
    RowBatch b = InMemoryDataset.collect(s).data();
    assertEquals(6513, b.rows());
    assertEquals(IndexBase.ONE, s.indexBase(), "agaricus indices start at 1");
    assertEquals(126, b.featureDim());
    assertEquals(6513 * 22, b.indices().length, "every mushroom has one value for each of 22 attributes");
    int positives = 0;
    for (int r = 0; r < b.rows(); r++) {
      positives += (int) b.label(r);
    }
    assertEquals(3140, positives);
  }
}

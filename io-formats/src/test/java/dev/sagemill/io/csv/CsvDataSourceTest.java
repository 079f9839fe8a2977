package dev.sagemill.io.csv;

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

class CsvDataSourceTest extends IoFormatContract {
  @Override
  protected byte[] encode(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int r = from; r < to; r++) {
      sb.append((int) LABELS[r]);
      for (float v : FEATURES[r]) {
        sb.append(',').append(v);
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String extension() {
    return ".csv";
  }

  @Override
  protected DataSource open(Path path) throws IOException {
    return CsvDataSource.of(Channel.of(path), 1, false);
  }

  @Override
  protected byte[] malformed() {
    return "1,2,3,4\n0,1,2,3\n1,2,x7,4\n".getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String malformedPosition() {
    return "line 3: column 3 is not a number: \"x7\"";
  }

  private RowBatch read(String text, int labelSize, boolean weights) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    return InMemoryDataset.collect(CsvDataSource.of(Channel.of(f), labelSize, weights)).data();
  }

  private InvalidDataException fails(String text, int labelSize, boolean weights) {
    return assertThrows(InvalidDataException.class, () -> read(text, labelSize, weights));
  }

  /** Hardening (issue 29 item 1): a 0xFF byte is an invalid cell of its own line, never a line break. */
  @Test
  void aByteFFIsABadCellNotALineBreak() throws IOException {
    for (byte[] bad : new byte[][] {{'1', ',', '2', ',', '3', '\n', '4', ',', '5', (byte) 0xFF, '6', ',', '7', '\n'},
        {'1', ',', '2', ',', '3', '\n', '1', ',', (byte) 0xFF, ',', '3', '\n'}}) {
      Path f = dir.resolve("ff.csv");
      Files.write(f, bad);
      InvalidDataException e = assertThrows(InvalidDataException.class,
          () -> InMemoryDataset.collect(CsvDataSource.of(Channel.of(f), 1, false)));
      assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("not a number"), e.getMessage());
    }
  }

  /** Hardening (issue 29 item 7): a line of millions of columns is refused before its values outgrow memory. */
  @Test
  void aRowOfTooManyColumnsIsRefused() {
    InvalidDataException e = fails("1" + ",".repeat(CsvParser.MAX_COLUMNS + 10) + "\n", 1, false);
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("has more than " + CsvParser.MAX_COLUMNS
        + " columns"), e.getMessage());
  }

  @Test
  void bomCrlfQuotesAndMissingCells() throws IOException {
    RowBatch b = read("\uFEFF1,\"2.5\",,3\r\n0, 4 ,\"5\",\r\n\r\n\"1\",1e3,-0,\"6\"", 1, false);
    assertEquals(3, b.rows());
    assertEquals(3, b.featureDim());
    assertEquals(2.5f, b.row(0).get(0));
    assertTrue(Float.isNaN(b.row(0).get(1)), "empty cell is a missing value");
    assertTrue(Float.isNaN(b.row(1).get(2)));
    assertEquals(4f, b.row(1).get(0));
    assertEquals(1000f, b.row(2).get(0));
    assertEquals(1f, b.label(2));
  }

  @Test
  void quotedFieldMaySpanLinesAndLineNumbersStayRight() {
    InvalidDataException e = fails("1,\"2\n\",3\n1,2,zz\n", 1, false);
    assertTrue(e.getMessage().endsWith("line 3: column 3 is not a number: \"zz\""), e.getMessage());
  }

  @Test
  void unlabelledAndWeightedLayouts() throws IOException {
    RowBatch u = read("1,2\n3,4\n", 0, false);
    assertEquals(0, u.labelDim());
    assertEquals(2, u.featureDim());
    RowBatch w = read("1,0.5,7,8\n0,2,9,10\n", 1, true);
    assertEquals(2, w.featureDim());
    assertEquals(0.5f, w.weight(0));
    assertEquals(9f, w.row(1).get(0));
  }

  @Test
  void badRowsNameTheLineAndTheProblem() {
    assertTrue(fails("1,2,3\n1,2\n", 1, false).getMessage()
        .endsWith("t.csv, line 2: expected 3 columns (1 label, 2 features), found 2"));
    assertTrue(fails("1,2,3\n,2,3\n", 1, false).getMessage()
        .endsWith("line 2: label in column 1 must be a finite number, got an empty cell"));
    assertTrue(fails("1,2,3\nNaN,2,3\n", 1, false).getMessage()
        .endsWith("line 2: label in column 1 must be a finite number, got NaN"), "a written NaN is not empty");
    assertTrue(fails("1,-1,3\n", 1, true).getMessage()
        .endsWith("line 1: weight in column 2 must be a finite number >= 0, got -1.0"));
    assertTrue(fails("1,\"2,3\n", 1, false).getMessage()
        .endsWith("line 1: quoted field in column 2 is not closed before the end of the file"));
    assertTrue(fails("1,\"2\"x,3\n", 1, false).getMessage()
        .endsWith("line 1: unexpected character 'x' after the closing quote of column 2"));
    assertTrue(fails("1,0x1p3\n", 1, false).getMessage().endsWith("column 2 is not a number: \"0x1p3\""));
    assertTrue(fails("5\n", 1, false).getMessage().contains("found 1 columns, but label_size=1 needs 2 or more"));
    assertTrue(fails("label,x,y\n1,2,3\n", 1, false).getMessage().endsWith("line 1: column 1 is not a number:"
        + " \"label\"; SageMaker's text/csv has no header row: remove it"));
  }

  @Test
  void filesWithDifferentWidthsAreRefused() throws IOException {
    Files.createDirectories(dir.resolve("ch"));
    Files.writeString(dir.resolve("ch/a.csv"), "1,2,3\n");
    Files.writeString(dir.resolve("ch/b.csv"), "1,2,3,4\n");
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> InMemoryDataset.collect(CsvDataSource.of(Channel.of(dir.resolve("ch")), 1, false)));
    assertTrue(e.getMessage().contains("b.csv, line 1: expected 3 columns"), e.getMessage());
  }
}

package dev.sagemill.io.jsonl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JsonLinesDataSourceTest extends IoFormatContract {
  @Override
  protected byte[] encode(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int r = from; r < to; r++) {
      sb.append("{\"features\": ").append(Arrays.toString(FEATURES[r])).append(", \"label\": ").append(LABELS[r])
          .append("}\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String extension() {
    return ".jsonl";
  }

  @Override
  protected DataSource open(Path path) throws IOException {
    return JsonLinesDataSource.of(Channel.of(path));
  }

  @Override
  protected byte[] malformed() {
    return "{\"features\":[1,2]}\n{\"features\":[1,2]}\n{\"features\":[1,\"a\"]}\n".getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected String malformedPosition() {
    return "line 3: feature 1 is not a number: \"a\"";
  }

  @Test
  void sparseInstancesAndWeights() throws IOException {
    Path f = dir.resolve("s.jsonl");
    Files.writeString(f, "{\"data\":{\"features\":{\"keys\":[4,1],\"values\":[2.5,1],\"shape\":[6]}},\"label\":1,"
        + "\"weight\":2}\n{\"data\":{\"features\":{\"keys\":[],\"values\":[],\"shape\":[6]}},\"label\":0}\n");
    RowBatch b = InMemoryDataset.collect(JsonLinesDataSource.of(Channel.of(f))).data();
    assertEquals(6, b.featureDim());
    assertArrayEquals(new float[] {0, 1, 0, 0, 2.5f, 0}, b.row(0).toDense());
    assertEquals(2f, b.weight(0));
    assertEquals(0f, b.label(1));
  }

  @Test
  void badLinesNameTheLine() throws IOException {
    Path f = dir.resolve("b.jsonl");
    Files.writeString(f, "{\"features\":[1,2],\"label\":1}\n{\"features\":[1,2,3],\"label\":0}\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(JsonLinesDataSource.of(
        Channel.of(f)))).getMessage().endsWith("b.jsonl, line 2: expected 2 feature values, found 3"));
    Files.writeString(f, "{\"features\":[1,2],\"label\":1}\n{\"features\":[1,2],\"label\":0\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(JsonLinesDataSource.of(
        Channel.of(f)))).getMessage().contains("b.jsonl, line 2: not valid JSON"));
    Files.writeString(f, "{\"features\":[1,2],\"label\":1}\n{\"features\":[1,2]}\n");
    assertTrue(assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(JsonLinesDataSource.of(
        Channel.of(f)))).getMessage().endsWith("line 2: has 0 label values, but the channel's first row has 1"));
    Files.writeString(f, "{\"features\":[1,2],\"label\":1}\n[1,2]\n");
    String m = assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(JsonLinesDataSource.of(
        Channel.of(f)))).getMessage();
    assertTrue(m.contains("line 2: must be a JSON object") && m.contains("got an array: [1,2]"), m);
  }

  /**
   * Issue 29, found by fuzzing: a sparse row declaring a huge width is read sparse (the width costs nothing), a dense
   * row may not claim a width its values do not have, and features that are neither an array nor an object are
   * refused, each naming the line.
   */
  @Test
  void declaredWidthsCostOnlyWhatTheRowsHold() throws IOException {
    Path f = dir.resolve("w.jsonl");
    Files.writeString(f, "{\"data\":{\"features\":{\"keys\":[276447230],\"values\":[1],\"shape\":[276447231]}},"
        + "\"label\":1}\n{\"features\":{\"keys\":[3],\"values\":[2],\"shape\":[276447231]},\"label\":0}\n");
    RowBatch b = InMemoryDataset.collect(JsonLinesDataSource.of(Channel.of(f))).data();
    assertEquals(276447231, b.featureDim());
    assertTrue(b.isSparse());
    assertEquals(2, b.rows());
    Files.writeString(f, "{\"features\":{\"values\":[1,2],\"shape\":[276447231]},\"label\":1}\n");
    String m = assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(JsonLinesDataSource.of(
        Channel.of(f)))).getMessage();
    assertTrue(m.contains("w.jsonl, line 1: shape [276447231] does not match the 2 values"), m);
    Files.writeString(f, "{\"features\":[1,2],\"label\":1}\n{\"features\":7,\"label\":1}\n");
    m = assertThrows(InvalidDataException.class, () -> InMemoryDataset.collect(JsonLinesDataSource.of(
        Channel.of(f)))).getMessage();
    assertTrue(m.contains("line 2: \"features\" must be an array or an object"), m);
  }
}

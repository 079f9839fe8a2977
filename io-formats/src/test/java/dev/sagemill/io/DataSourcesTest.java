package dev.sagemill.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.io.csv.CsvDataSource;
import dev.sagemill.io.libsvm.LibSvmDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
  @TempDir
  Path dir;

  @Test
  void contentTypesParseWithParametersAndAliases() {
    ContentType t = ContentType.parse("Text/CSV; label_size=0");
    assertEquals("text/csv", t.mediaType());
    assertEquals(Map.of("label_size", "0"), t.parameters());
    assertEquals(0, t.intParameter("label_size", 1));
    assertEquals(ContentType.LIBSVM, ContentType.parse("text/x-libsvm").mediaType());
    assertEquals(ContentType.RECORDIO_PROTOBUF, ContentType.fromFileName("part-1.pbr.gz").orElseThrow().mediaType());
    assertTrue(ContentType.fromFileName("data.bin").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> ContentType.parse("text/csv;label_size"));
  }

  @Test
  void opensByContentTypeOrExtension() throws IOException {
    Path csv = Files.writeString(dir.resolve("a.csv"), "1,2\n");
    assertInstanceOf(CsvDataSource.class, DataSources.open(csv));
    assertInstanceOf(LibSvmDataSource.class, DataSources.open(csv, "text/libsvm"));
    assertEquals(2, DataSources.open(csv, "text/csv;label_size=0").schema().featureDim());
    Path unknown = Files.writeString(dir.resolve("a.bin"), "1,2\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSources.open(unknown));
    assertTrue(e.getMessage().contains("cannot tell the content type of a.bin"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DataSources.open(csv, "image/png"));
    assertTrue(e.getMessage().contains("image/png is not supported"), e.getMessage());
  }

  @Test
  void categoricalIndexFileMarksFeaturesAndIsNotData() throws IOException {
    Path ch = Files.createDirectories(dir.resolve("train"));
    Files.writeString(ch.resolve("data.csv"), "1,0.5,3,7,2\n0,0.1,1,7,0\n");
    Files.writeString(ch.resolve(Channel.CATEGORICAL_INDEX), "{\"cat_index_list\": [4, 2]}");
    Channel c = Channel.of(ch);
    assertEquals(List.of(ch.resolve("data.csv")), c.files());
    assertEquals(List.of(2, 4), java.util.Arrays.stream(c.categoricalColumns().orElseThrow()).boxed().toList());
    dev.sagemill.core.data.Schema s = DataSources.open(ch).schema();
    assertEquals(4, s.featureDim());
    assertTrue(s.isCategorical(1) && s.isCategorical(3), "columns 2 and 4 are features 1 and 3");
    assertFalse(s.isCategorical(0));
  }

  @Test
  void badCategoricalIndexFilesAreRefusedWithTheirProblem() throws IOException {
    Path ch = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(ch.resolve("data.csv"), "1,0.5,3\n");
    String[][] cases = {{"{\"cat_index_list\": [0]}", "must be an integer >= 1 (column 0 is the label), got 0"},
        {"{\"cat_index_list\": [1, 1]}", "column 1 is listed twice"},
        {"{\"cats\": [1]}", "expected {\"cat_index_list\": [column, ...]}"},
        {"{\"cat_index_list\": [1.5]}", "cat_index_list[0] must be an integer"},
        {"[", "not valid JSON"}};
    for (String[] c : cases) {
      Files.writeString(ch.resolve(Channel.CATEGORICAL_INDEX), c[0]);
      dev.sagemill.core.error.InvalidDataException e = assertThrows(dev.sagemill.core.error.InvalidDataException.class,
          () -> Channel.of(ch));
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
    Files.writeString(ch.resolve(Channel.CATEGORICAL_INDEX), "{\"cat_index_list\": [3]}");
    dev.sagemill.core.error.InvalidDataException e = assertThrows(dev.sagemill.core.error.InvalidDataException.class,
        () -> DataSources.open(ch).schema());
    assertTrue(e.getMessage().contains("lists column 3, but the data's feature columns are 1 to 2"), e.getMessage());
  }

  @Test
  void shardingByKeyGivesEachWorkerDisjointFilesCoveringAll() throws IOException {
    for (int i = 0; i < 7; i++) {
      Files.writeString(dir.resolve("part-" + i + ".csv"), "1,2\n");
    }
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Channel all = Channel.of(dir);
    assertEquals(7, all.files().size());
    List<Path> seen = new java.util.ArrayList<>();
    for (int w = 0; w < 3; w++) {
      seen.addAll(all.shard(w, 3).files());
    }
    assertEquals(7, seen.size());
    assertEquals(7, seen.stream().distinct().count());
    assertEquals(List.of(dir.resolve("part-0.csv"), dir.resolve("part-3.csv"), dir.resolve("part-6.csv")),
        all.shard(0, 3).files());
    assertThrows(IllegalArgumentException.class, () -> all.shard(3, 3));
  }

  /** Hardening (issue 29 item 8): a truncated or corrupted .csv.gz is refused naming the file. */
  @Test
  void damagedGzipNamesTheFile() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(bytes)) {
      z.write("1,2,3\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    byte[] whole = bytes.toByteArray();
    Path cut = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    byte[] crc = whole.clone();
    crc[crc.length - 6] ^= 1; // inside the trailer's CRC-32
    Path bad = Files.write(dir.resolve("crc.csv.gz"), crc);
    for (Path f : List.of(cut, bad)) {
      dev.sagemill.core.error.InvalidDataException e = assertThrows(dev.sagemill.core.error.InvalidDataException.class,
          () -> dev.sagemill.core.data.InMemoryDataset.collect(DataSources.open(f)));
      assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("damaged gzip"), e.getMessage());
    }
  }
}

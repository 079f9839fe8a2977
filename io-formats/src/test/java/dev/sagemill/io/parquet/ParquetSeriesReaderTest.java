package dev.sagemill.io.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeepAR series in Parquet: the standard three-level lists pandas and Spark write, timestamps, nulls, bad rows. */
class ParquetSeriesReaderTest {
  @TempDir
  Path dir;

  private static final MessageType STANDARD = MessageTypeParser.parseMessageType("message series {"
      + " required binary start (STRING);"
      + " optional group target (LIST) { repeated group list { optional double element; } }"
      + " optional group cat (LIST) { repeated group list { optional int64 element; } }"
      + " optional group dynamic_feat (LIST) { repeated group list { optional group element (LIST) {"
      + "   repeated group list { optional double element; } } } } }");

  private static void list(Group parent, String field, double... values) {
    Group l = parent.addGroup(field);
    for (double v : values) {
      Group item = l.addGroup("list");
      if (!Double.isNaN(v)) {
        item.add("element", v);
      }
    }
  }

  private Path standardFile(boolean negativeCat) throws IOException {
    Path f = dir.resolve(negativeCat ? "bad.parquet" : "series.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f))
        .withConf(new PlainParquetConfiguration()).withType(STANDARD).build()) {
      SimpleGroupFactory factory = new SimpleGroupFactory(STANDARD);
      for (int r = 0; r < 2; r++) {
        Group g = factory.newGroup();
        g.add("start", "2024-01-0" + (r + 1) + " 00:00:00");
        list(g, "target", 1, Double.NaN, 3 + r);
        Group cat = g.addGroup("cat");
        cat.addGroup("list").add("element", negativeCat && r == 1 ? -2L : (long) r);
        Group dyn = g.addGroup("dynamic_feat");
        Group inner = dyn.addGroup("list").addGroup("element");
        for (double v : new double[] {0.5, 0.25, 0.125, 1}) {
          inner.addGroup("list").add("element", v);
        }
        w.write(g);
      }
    }
    return f;
  }

  @Test
  void readsStandardListsWithNullsAsMissingValues() throws IOException {
    Path f = standardFile(false);
    List<TimeSeries> out = new java.util.ArrayList<>();
    try (RecordStream<SeriesBatch> s = Sources.open(Channel.of(f), ContentType.parse(ContentType.PARQUET),
        SeriesBatch.class, false).open(10)) {
      for (var b = s.next(); b.isPresent(); b = s.next()) {
        out.addAll(b.get().series());
      }
    }
    assertEquals(2, out.size());
    assertEquals("2024-01-02 00:00:00", out.get(1).start());
    assertArrayEquals(new double[] {1, Double.NaN, 4}, out.get(1).target(), 0);
    assertArrayEquals(new int[] {1}, out.get(1).cat());
    assertArrayEquals(new double[] {0.5, 0.25, 0.125, 1}, out.get(0).dynamicFeat()[0], 0);
  }

  @Test
  void readsTimestampStartsAndLegacyRepeatedColumns() throws IOException {
    MessageType legacy = MessageTypeParser.parseMessageType("message series {"
        + " required int64 start (TIMESTAMP(MICROS,false)); repeated float target; optional int32 cat; }");
    Path f = dir.resolve("legacy.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f))
        .withConf(new PlainParquetConfiguration()).withType(legacy).build()) {
      Group g = new SimpleGroupFactory(legacy).newGroup();
      g.add("start", java.time.LocalDateTime.of(2024, 3, 1, 5, 0).toEpochSecond(java.time.ZoneOffset.UTC)
          * 1_000_000L);
      g.add("target", 2f);
      g.add("target", 7f);
      g.add("cat", 4);
      w.write(g);
    }
    try (ParquetSeriesReader r = new ParquetSeriesReader(f)) {
      TimeSeries s = r.next().orElseThrow();
      assertEquals("2024-03-01 05:00:00", s.start());
      assertArrayEquals(new double[] {2, 7}, s.target(), 0);
      assertArrayEquals(new int[] {4}, s.cat());
    }
  }

  @Test
  void aBadRowIsNamedWithItsFileAndRow() throws IOException {
    Path f = standardFile(true);
    try (ParquetSeriesReader r = new ParquetSeriesReader(f)) {
      r.next();
      InvalidDataException e = assertThrows(InvalidDataException.class, r::next);
      assertTrue(e.getMessage().contains("bad.parquet") && e.getMessage().contains("row 2")
          && e.getMessage().contains("\"cat\"[0]") && e.getMessage().contains("-2"), e.getMessage());
    }
  }
}

package dev.sagemill.io.parquet;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetDataSourceTest extends IoFormatContract {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message row { optional int32 label; optional double f0; optional float f1; optional double f2; }");

  private byte[] write(int from, int to, CompressionCodecName codec, boolean nullLabelAtThird) throws IOException {
    Path tmp = Files.createTempFile(dir, "w", ".parquet");
    Files.delete(tmp);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
        .withConf(new PlainParquetConfiguration()).withType(SCHEMA).withCompressionCodec(codec).build()) {
      SimpleGroupFactory f = new SimpleGroupFactory(SCHEMA);
      for (int r = from; r < to; r++) {
        Group g = f.newGroup();
        if (!(nullLabelAtThird && r == from + 2)) {
          g.add("label", (int) LABELS[r]);
        }
        g.add("f0", (double) FEATURES[r][0]);
        g.add("f1", FEATURES[r][1]);
        g.add("f2", (double) FEATURES[r][2]);
        w.write(g);
      }
    }
    byte[] bytes = Files.readAllBytes(tmp);
    Files.delete(tmp);
    return bytes;
  }

  @Override
  protected byte[] encode(int from, int to) throws IOException {
    return write(from, to, CompressionCodecName.SNAPPY, false);
  }

  @Override
  protected String extension() {
    return ".parquet";
  }

  @Override
  protected boolean wholeFileGzip() {
    return false;
  }

  @Override
  protected DataSource open(Path path) throws IOException {
    return ParquetDataSource.of(Channel.of(path));
  }

  @Override
  protected byte[] malformed() throws IOException {
    return write(0, 4, CompressionCodecName.UNCOMPRESSED, true);
  }

  @Override
  protected String malformedPosition() {
    return "row 3: label column \"label\" must hold a finite number, got null";
  }

  @ParameterizedTest
  @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void everyCodecReadsTheSameRows(CompressionCodecName codec) throws IOException {
    Path folder = dir.resolve(codec.name());
    Files.createDirectories(folder);
    Files.write(folder.resolve("a.parquet"), write(0, 4, codec, false));
    Files.write(folder.resolve("b.parquet"), write(4, 7, codec, false));
    ParquetDataSource s = ParquetDataSource.of(Channel.of(folder), "label");
    assertEquals(List.of("f0", "f1", "f2"), s.schema().featureNames().orElseThrow());
    RowBatch b = InMemoryDataset.collect(s).data();
    assertEquals(7, b.rows());
    for (int r = 0; r < 7; r++) {
      assertEquals(FEATURES[r][0], b.row(r).get(0));
      assertEquals(FEATURES[r][1], b.row(r).get(1));
      assertEquals(FEATURES[r][2], b.row(r).get(2));
      assertEquals(LABELS[r], b.label(r));
    }
  }

  @Test
  void int64AndBooleanColumnsAndNullFeatures() throws IOException {
    MessageType t = MessageTypeParser.parseMessageType(
        "message row { required double y; optional int64 n; optional boolean b; }");
    Path f = dir.resolve("types.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f))
        .withConf(new PlainParquetConfiguration()).withType(t).build()) {
      SimpleGroupFactory g = new SimpleGroupFactory(t);
      w.write(g.newGroup().append("y", 2.5).append("n", 123456789L).append("b", true));
      w.write(g.newGroup().append("y", -1.0));
    }
    RowBatch b = InMemoryDataset.collect(ParquetDataSource.of(Channel.of(f))).data();
    assertEquals(123456789f, b.row(0).get(0));
    assertEquals(1f, b.row(0).get(1));
    assertTrue(Float.isNaN(b.row(1).get(0)), "a null feature is a missing value");
    assertEquals(-1f, b.label(1));
  }

  @Test
  void unknownLabelColumnAndUnlabelledChannels() throws IOException {
    Path f = dir.resolve("x.parquet");
    Files.write(f, write(0, 3, CompressionCodecName.UNCOMPRESSED, false));
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> ParquetDataSource.of(Channel.of(f), "target").schema());
    assertTrue(e.getMessage().contains("no label column \"target\"; columns: [label, f0, f1, f2]"), e.getMessage());
    assertEquals(4, ParquetDataSource.unlabelled(Channel.of(f)).schema().featureDim());
  }
}

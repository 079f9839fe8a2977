package dev.sagemill.io.recordio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.testing.IoFormatContract;
import dev.sagemill.io.Channel;
import dev.sagemill.io.recordio.proto.RecordProtos;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden files under {@code golden/} were written by {@code golden/make_golden.py}, which follows the SageMaker
 * Python SDK's {@code write_numpy_to_dense_tensor} / {@code write_spmatrix_to_sparse_tensor}; {@code expected.json}
 * holds the numpy values they encode.
 */
class RecordIoProtobufTest extends IoFormatContract {
  private static final String GOLDEN = "/dev/sagemill/io/recordio/golden/";

  private static RowBatch reference(int from, int to, boolean sparse) {
    RowBatch.Builder b = RowBatch.builder(3, 1, sparse);
    for (int r = from; r < to; r++) {
      b.addDense(FEATURES[r], 0, new float[] {LABELS[r]}, 1f);
    }
    return b.build();
  }

  @Override
  protected byte[] encode(int from, int to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RecordIoProtobufWriter(out).write(reference(from, to, false));
    return out.toByteArray();
  }

  @Override
  protected String extension() {
    return ".rec";
  }

  @Override
  protected DataSource open(Path path) throws IOException {
    return RecordIoProtobufDataSource.of(Channel.of(path));
  }

  @Override
  protected byte[] malformed() throws IOException {
    byte[] good = encode(0, 3);
    byte[] bad = Arrays.copyOf(good, good.length);
    int third = good.length / 3 * 2; // all three records have the same size here
    bad[third] = 0x0B; // break the magic of record 3
    return bad;
  }

  @Override
  protected String malformedPosition() {
    return "record 3: bad magic 0xCED7230B";
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = RecordIoProtobufTest.class.getResourceAsStream(GOLDEN + name)) {
      return in.readAllBytes();
    }
  }

  private Path goldenFile(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, golden(name));
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense_float32", "dense_float64", "dense_int32", "dense_unlabelled", "sparse_float32"})
  void readsWhatTheSageMakerSdkWrites(String name) throws IOException {
    JsonNode expected = new ObjectMapper().readTree(golden("expected.json")).get(name);
    RowBatch b = InMemoryDataset.collect(RecordIoProtobufDataSource.of(Channel.of(goldenFile(name + ".rec")))).data();
    JsonNode x = expected.get("features");
    assertEquals(x.size(), b.rows());
    assertEquals(name.startsWith("sparse"), b.isSparse());
    for (int r = 0; r < b.rows(); r++) {
      float[] row = b.row(r).toDense();
      assertEquals(x.get(r).size(), row.length);
      for (int j = 0; j < row.length; j++) {
        assertEquals((float) x.get(r).get(j).asDouble(), row[j], name + " row " + r + " col " + j);
      }
      if (expected.get("labels").isNull()) {
        assertEquals(0, b.labelDim());
      } else {
        assertEquals((float) expected.get("labels").get(r).asDouble(), b.label(r));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense_float32", "dense_unlabelled", "sparse_float32"})
  void writesExactlyTheBytesTheSageMakerSdkWrites(String name) throws IOException {
    RowBatch b = InMemoryDataset.collect(RecordIoProtobufDataSource.of(Channel.of(goldenFile(name + ".rec")))).data();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RecordIoProtobufWriter(out).write(b);
    assertArrayEquals(golden(name + ".rec"), out.toByteArray());
  }

  private static byte[] frame(int magic, int lengthWord, byte[] payload) {
    int pad = (4 - (payload.length & 3)) & 3;
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length + pad).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(magic).putInt(lengthWord).put(payload);
    return b.array();
  }

  @Test
  void rejoinsRecordsSplitByADmlcWriter() throws IOException {
    byte[] payload = RecordProtos.Record.newBuilder().setUid("abcdefghijkl").build().toByteArray();
    // DMLC drops the magic word at each split point; the reader puts it back between parts.
    byte[] withMagic = new byte[payload.length + 4];
    System.arraycopy(payload, 0, withMagic, 0, 4);
    ByteBuffer.wrap(withMagic, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(RecordIoReader.MAGIC);
    System.arraycopy(payload, 4, withMagic, 8, payload.length - 4);
    byte[] part1 = Arrays.copyOfRange(withMagic, 0, 4);
    byte[] part2 = Arrays.copyOfRange(withMagic, 8, withMagic.length);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(frame(RecordIoReader.MAGIC, (1 << 29) | part1.length, part1));
    file.write(frame(RecordIoReader.MAGIC, (3 << 29) | part2.length, part2));
    try (RecordIoReader r = new RecordIoReader(new ByteArrayInputStream(file.toByteArray()), "split", 1 << 20)) {
      assertArrayEquals(withMagic, r.next().orElseThrow());
      assertTrue(r.next().isEmpty());
    }
  }

  @Test
  void hostileOrTruncatedFramingIsRefusedWithTheRecordNumber() {
    byte[] good = frame(RecordIoReader.MAGIC, 4, new byte[] {1, 2, 3, 4});
    byte[] twoThenHuge = new byte[good.length * 2 + 8];
    System.arraycopy(good, 0, twoThenHuge, 0, good.length);
    System.arraycopy(good, 0, twoThenHuge, good.length, good.length);
    ByteBuffer.wrap(twoThenHuge, good.length * 2, 8).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(RecordIoReader.MAGIC).putInt(0x1FFFFFFF);
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> readAll(twoThenHuge, 1 << 20));
    assertTrue(e.getMessage().contains("record 3: declared length 536870911 bytes is above the 1048576-byte limit"),
        e.getMessage());
    byte[] cut = Arrays.copyOf(frame(RecordIoReader.MAGIC, 100, new byte[100]), 60);
    e = assertThrows(InvalidDataException.class, () -> readAll(cut, 1 << 20));
    assertTrue(e.getMessage().contains("record 1: declared length 100 bytes, but the file ends after 52"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> readAll(new byte[] {0x0A, 0x23, (byte) 0xD7}, 1 << 20));
    assertTrue(e.getMessage().contains("file ends inside a record header (3 of 8 bytes)"), e.getMessage());
    byte[] orphan = frame(RecordIoReader.MAGIC, (3 << 29) | 4, new byte[4]);
    e = assertThrows(InvalidDataException.class, () -> readAll(orphan, 1 << 20));
    assertTrue(e.getMessage().contains("continuation flag 3 without a first part"), e.getMessage());
  }

  private static int readAll(byte[] bytes, int max) throws IOException {
    int n = 0;
    try (RecordIoReader r = new RecordIoReader(new ByteArrayInputStream(bytes), "f.rec", max)) {
      while (r.next().isPresent()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void recordsThatAreNotNumericRowsAreNamed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordIoWriter w = new RecordIoWriter(out);
    w.write(RecordProtos.Record.newBuilder().putFeatures("values", RecordProtos.Value.newBuilder()
        .setFloat32Tensor(RecordProtos.Float32Tensor.newBuilder().addValues(1).addValues(2)).build()).build().toByteArray());
    w.write(RecordProtos.Record.newBuilder().putFeatures("values", RecordProtos.Value.newBuilder()
        .setFloat32Tensor(RecordProtos.Float32Tensor.newBuilder().addValues(1).addValues(2).addValues(3)).build())
        .build().toByteArray());
    w.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
    Path f = dir.resolve("mixed.rec");
    Files.write(f, out.toByteArray());
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> InMemoryDataset.collect(RecordIoProtobufDataSource.of(Channel.of(f))));
    assertTrue(e.getMessage().contains("mixed.rec, record 2: feature dimension 3 differs from the 2"), e.getMessage());
  }
}

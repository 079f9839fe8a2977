package dev.sagemill.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.testing.ConstantModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConstantModel model = new ConstantModel(new float[] {0.5f, -2f, 3.25f},
      Map.of("validation:auc", 0.75, "train:objective_loss", Double.NaN));

  @TempDir
  Path dir;

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        m.put(e.getName(), in.readAllBytes());
      }
    }
    return m;
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private byte[] withManifest(UnaryOperator<ObjectNode> edit) throws IOException {
    Map<String, byte[]> m = unzip(ModelIO.toBytes(model));
    ObjectNode manifest = (ObjectNode) JSON.readTree(m.get(ModelIO.MANIFEST));
    m.put(ModelIO.MANIFEST, JSON.writeValueAsBytes(edit.apply(manifest)));
    return zip(m);
  }

  @Test
  void roundTripIsExactAndDeterministic() throws IOException {
    Path f = dir.resolve("m.model");
    ModelIO.save(model, f);
    ConstantModel back = ModelIO.load(f, ConstantModel.class);
    FeatureVector x = FeatureVector.dense(1f, 2f, 3f);
    assertEquals(model.predict(x).get("score"), back.predict(x).get("score"));
    assertEquals(model.card(), back.card());
    assertTrue(Double.isNaN(back.card().metrics().get("train:objective_loss")));
    assertArrayEquals(Files.readAllBytes(f), ModelIO.toBytes(back));
    assertArrayEquals(ModelIO.toBytes(model), ModelIO.toBytes(model));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void manifestIsReadableJsonFirst() throws IOException {
    Map<String, byte[]> m = unzip(ModelIO.toBytes(model));
    assertEquals(ModelIO.MANIFEST, m.keySet().iterator().next());
    String manifest = new String(m.get(ModelIO.MANIFEST), StandardCharsets.UTF_8);
    assertTrue(manifest.contains("\"format\":\"sagemill.constant\""), manifest);
    assertTrue(manifest.contains("\"weights\":{\"bytes\":12,\"dtype\":\"float32\",\"length\":3,\"sha256\":"), manifest);
  }

  @Test
  void foreignFilesAreRefused() {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelIO.fromBytes("hello".getBytes(StandardCharsets.UTF_8), "x.model"));
    assertTrue(e.getMessage().contains("x.model: not a sagemill model file"), e.getMessage());
    e = assertThrows(ModelFormatException.class,
        () -> ModelIO.fromBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0}, "model.tar.gz"));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> ModelIO.fromBytes(zip(Map.of("a.txt", new byte[1])), "z"));
    assertTrue(e.getMessage().contains("first ZIP entry is \"a.txt\", expected manifest.json"), e.getMessage());
  }

  @Test
  void versionsOutsideTheReadableRangeAreRefused() throws IOException {
    byte[] tooNew = withManifest(m -> m.put("format_version", 4));
    ModelFormatTooNewException n = assertThrows(ModelFormatTooNewException.class, () -> ModelIO.fromBytes(tooNew, "new"));
    assertTrue(n.getMessage().contains("format sagemill.constant version 4 is newer"), n.getMessage());
    assertTrue(n.getMessage().contains("versions 2 to 3"), n.getMessage());
    byte[] tooOld = withManifest(m -> m.put("format_version", 1));
    assertThrows(ModelFormatTooOldException.class, () -> ModelIO.fromBytes(tooOld, "old"));
    byte[] container = withManifest(m -> m.put("container_version", ModelIO.CONTAINER_VERSION + 1));
    assertThrows(ModelFormatTooNewException.class, () -> ModelIO.fromBytes(container, "c"));
    byte[] unknown = withManifest(m -> m.put("format", "sagemill.nope"));
    ModelFormatException u = assertThrows(ModelFormatException.class, () -> ModelIO.fromBytes(unknown, "u"));
    assertTrue(u.getMessage().contains("\"sagemill.nope\" is not on the class path"), u.getMessage());
  }

  @Test
  void corruptionIsDetected() throws IOException {
    Map<String, byte[]> m = unzip(ModelIO.toBytes(model));
    m.get("weights")[5] ^= 1;
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(zip(m), "flip"));
    assertTrue(e.getMessage().contains("entry weights fails its SHA-256 check"), e.getMessage());

    byte[] good = ModelIO.toBytes(model);
    byte[] cut = Arrays.copyOf(good, good.length - 40);
    e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(cut, "cut"));
    assertTrue(e.getMessage().contains("cut: truncated"), e.getMessage());
    byte[] half = Arrays.copyOf(good, good.length / 2);
    assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(half, "half"));

    Map<String, byte[]> missing = unzip(good);
    missing.remove("weights");
    e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(zip(missing), "missing"));
    assertTrue(e.getMessage().contains("entry weights is declared but missing"), e.getMessage());

    Map<String, byte[]> extra = unzip(good);
    extra.put("payload", new byte[8]);
    e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(zip(extra), "extra"));
    assertTrue(e.getMessage().contains("entry payload is not declared"), e.getMessage());
  }

  @Test
  void declaredSizesBoundAllocation() throws IOException {
    byte[] huge = withManifest(m -> {
      ((ObjectNode) m.get("entries").get("weights")).put("bytes", ModelIO.MAX_DEFLATED_ENTRY_BYTES + 1);
      return m;
    });
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(huge, "huge"));
    assertTrue(e.getMessage().contains("declares 1073741825 bytes"), e.getMessage());
    byte[] lying = withManifest(m -> {
      ((ObjectNode) m.get("entries").get("weights")).put("bytes", 4).put("length", 1);
      return m;
    });
    e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(lying, "lying"));
    assertTrue(e.getMessage().contains("entry weights is larger than the 4 bytes the manifest declares"),
        e.getMessage());
    byte[] inconsistent = withManifest(m -> {
      ((ObjectNode) m.get("entries").get("weights")).put("length", 4);
      return m;
    });
    e = assertThrows(CorruptModelException.class, () -> ModelIO.fromBytes(inconsistent, "inconsistent"));
    assertTrue(e.getMessage().contains("declares 4 float32 values but 12 bytes"), e.getMessage());
  }

  @Test
  void largeEntriesAreStoredAndRawBytesNeedContainerVersion2() throws IOException {
    float[] big = new float[1 << 19]; // 2 MiB: stored, not deflated
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 0.25f;
    }
    byte[] foreign = "a foreign model file".getBytes(StandardCharsets.UTF_8);
    Path foreignFile = Files.write(dir.resolve("model.bin"), new byte[] {0, 1, 2, (byte) 0xFF});
    dev.sagemill.core.estimator.ModelCard card = new dev.sagemill.core.estimator.ModelCard("constant", Map.of(),
        Map.of(), "test");
    CheckpointIO.save(dir, "sagemill.test", 1, card, dev.sagemill.core.data.Schema.of(1, 0), w -> {
      w.putFloats("big", big);
      w.putBytes("foreign.bin", foreign);
      w.putFile("foreign-file.bin", foreignFile);
    });
    Path file = dir.resolve(CheckpointIO.FILE);
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
      assertEquals(ZipEntry.STORED, z.getEntry("big").getMethod());
      assertEquals(ZipEntry.DEFLATED, z.getEntry("foreign.bin").getMethod());
      assertTrue(new String(z.getInputStream(z.getEntry(ModelIO.MANIFEST)).readAllBytes(), StandardCharsets.UTF_8)
          .contains("\"container_version\":2"));
    }
    ModelReader r = CheckpointIO.load(dir, "sagemill.test", 1, 1).orElseThrow();
    float[] back = r.floats("big");
    assertArrayEquals(big, back);
    assertTrue(back != r.floats("big"), "a second call gets a copy");
    assertArrayEquals(foreign, r.bytes("foreign.bin"));
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xFF}, r.bytes("foreign-file.bin"), "a file streamed in as is");
    assertTrue(assertThrows(CorruptModelException.class, () -> r.floats("foreign.bin")).getMessage()
        .contains("has type bytes, expected float32"));

    // A stored entry cannot claim more bytes than the file holds.
    Map<String, byte[]> m = unzip(Files.readAllBytes(file));
    ObjectNode manifest = (ObjectNode) JSON.readTree(m.get(ModelIO.MANIFEST));
    ((ObjectNode) manifest.get("entries").get("big")).put("bytes", 1L << 40).put("length", 1L << 38);
    m.put(ModelIO.MANIFEST, JSON.writeValueAsBytes(manifest));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : m.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        if (e.getKey().equals("big")) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(e.getValue());
          ze.setMethod(ZipEntry.STORED);
          ze.setSize(e.getValue().length);
          ze.setCrc(crc.getValue());
        }
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    Path claims = Files.createDirectories(dir.resolve("claims"));
    Files.write(claims.resolve(CheckpointIO.FILE), out.toByteArray());
    CorruptModelException e = assertThrows(CorruptModelException.class,
        () -> CheckpointIO.load(claims, "sagemill.test", 1, 1));
    assertTrue(e.getMessage().contains("entry big declares 1099511627776 bytes; the file holds"), e.getMessage());
  }

  @Test
  void savedModelsGetTheUmasksPermissions() throws IOException {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    Path reference = Files.createFile(dir.resolve("plain-file"));
    Path saved = dir.resolve("saved.model");
    ModelIO.save(model, saved);
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(saved));
  }

  /** Hardening (issue 29 item 13): the temporary file a killed writer left is removed by the next write. */
  @Test
  void temporaryFilesOfEndedProcessesAreRemovedByTheNextWrite() throws IOException, InterruptedException {
    Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).start();
    ended.getInputStream().readAllBytes();
    ended.waitFor();
    Path orphan = Files.writeString(dir.resolve(".out.csv." + ended.pid() + ".abc123.tmp"), "half an answer");
    Path mine = Files.writeString(dir.resolve(".out.csv." + ProcessHandle.current().pid() + ".live.tmp"), "writing");
    Path unrelated = Files.writeString(dir.resolve(".out.csv.notes.tmp"), "keep");
    AtomicFiles.write(dir.resolve("out.csv"), o -> o.write(1));
    assertFalse(Files.exists(orphan), "an ended process's temporary file is removed");
    assertTrue(Files.exists(mine), "a running process's temporary file is kept");
    assertTrue(Files.exists(unrelated));
  }

  @Test
  void failedSaveLeavesOldFileIntact() throws IOException {
    Path f = dir.resolve("keep.model");
    Files.writeString(f, "old content");
    assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write(1);
      throw new IOException("disk full");
    }));
    assertEquals("old content", Files.readString(f));
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}

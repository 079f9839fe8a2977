package dev.sagemill.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects a model's entries for {@link ModelIO}: typed arrays stored little-endian, JSON documents, and raw bytes
 * (a foreign file such as a fastText {@code .bin} carried inside the container). Arrays are not copied: they are
 * streamed into the file in chunks when the model is saved, so an entry may be as large as a Java array (a
 * 1M × 300 float table is 1.2 GB) without a second copy in memory. The caller must not change an array after
 * putting it. Entry names are lowercase ASCII words ({@code [a-z0-9_.-]+}).
 *
 * <p>Not thread-safe.
 */
public final class ModelWriter {
  /** Streams an entry's bytes; called once to checksum and once to write. */
  @FunctionalInterface
  interface Source {
    void writeTo(OutputStream out) throws IOException;
  }

  /** One entry: its data type name as written to the manifest, its element count, byte count and content. */
  record Entry(String dtype, long length, long bytes, Source source) {}

  private final Map<String, Entry> entries = new TreeMap<>();

  ModelWriter() {}

  private void put(String name, String dtype, long length, long bytes, Source source) {
    if (!name.matches("[a-z0-9_.-]+") || name.equals(ModelIO.MANIFEST)) {
      throw new IllegalArgumentException("invalid entry name \"" + name + "\"");
    }
    if (entries.putIfAbsent(name, new Entry(dtype, length, bytes, source)) != null) {
      throw new IllegalArgumentException("entry " + name + " written twice");
    }
  }

  /**
   * @param name entry name
   * @param a float32 values (not copied)
   */
  public void putFloats(String name, float[] a) {
    Objects.requireNonNull(a, name);
    put(name, LittleEndianArrays.FLOAT32, a.length, 4L * a.length, out -> LittleEndianArrays.write(out, a));
  }

  /**
   * @param name entry name
   * @param a float64 values (not copied)
   */
  public void putDoubles(String name, double[] a) {
    Objects.requireNonNull(a, name);
    put(name, LittleEndianArrays.FLOAT64, a.length, 8L * a.length, out -> LittleEndianArrays.write(out, a));
  }

  /**
   * @param name entry name
   * @param a int32 values (not copied)
   */
  public void putInts(String name, int[] a) {
    Objects.requireNonNull(a, name);
    put(name, LittleEndianArrays.INT32, a.length, 4L * a.length, out -> LittleEndianArrays.write(out, a));
  }

  /**
   * @param name entry name
   * @param json a JSON document (serialised with sorted keys)
   */
  public void putJson(String name, JsonNode json) {
    byte[] bytes = ModelIO.json(json).getBytes(StandardCharsets.UTF_8);
    put(name, LittleEndianArrays.JSON, bytes.length, bytes.length, out -> out.write(bytes));
  }

  /**
   * Raw bytes, such as a file another system reads (a fastText {@code .bin}, an MXNet params file).
   *
   * @param name entry name
   * @param bytes the bytes (not copied)
   */
  public void putBytes(String name, byte[] bytes) {
    Objects.requireNonNull(bytes, name);
    put(name, LittleEndianArrays.BYTES, bytes.length, bytes.length, out -> out.write(bytes));
  }

  /**
   * A file's bytes as a raw entry, streamed from the file when the model is saved (the file must not change
   * until then).
   *
   * @param name entry name
   * @param file the file
   * @throws IOException if the file cannot be read
   */
  public void putFile(String name, Path file) throws IOException {
    long size = Files.size(file);
    put(name, LittleEndianArrays.BYTES, size, size, out -> Files.copy(file, out));
  }

  Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }
}

package dev.sagemill.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects a model's entries for {@link ModelIO}: typed arrays stored little-endian, and JSON documents. Entry
 * names are lowercase ASCII words ({@code [a-z0-9_.-]+}).
 *
 * <p>Not thread-safe.
 */
public final class ModelWriter {
  /** One entry: its data type name as written to the manifest, its element count and its bytes. */
  record Entry(String dtype, long length, byte[] bytes) {}

  private final Map<String, Entry> entries = new TreeMap<>();

  ModelWriter() {}

  private void put(String name, String dtype, long length, byte[] bytes) {
    if (!name.matches("[a-z0-9_.-]+") || name.equals(ModelIO.MANIFEST)) {
      throw new IllegalArgumentException("invalid entry name \"" + name + "\"");
    }
    if (entries.putIfAbsent(name, new Entry(dtype, length, bytes)) != null) {
      throw new IllegalArgumentException("entry " + name + " written twice");
    }
  }

  /**
   * @param name entry name
   * @param a float32 values
   */
  public void putFloats(String name, float[] a) {
    ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(a);
    put(name, "float32", a.length, b.array());
  }

  /**
   * @param name entry name
   * @param a float64 values
   */
  public void putDoubles(String name, double[] a) {
    ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(a);
    put(name, "float64", a.length, b.array());
  }

  /**
   * @param name entry name
   * @param a int32 values
   */
  public void putInts(String name, int[] a) {
    ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(a);
    put(name, "int32", a.length, b.array());
  }

  /**
   * @param name entry name
   * @param json a JSON document (serialised with sorted keys)
   */
  public void putJson(String name, JsonNode json) {
    byte[] bytes = ModelIO.json(json).getBytes(StandardCharsets.UTF_8);
    put(name, "json", bytes.length, bytes);
  }

  Map<String, Entry> entries() {
    return Collections.unmodifiableMap(entries);
  }
}

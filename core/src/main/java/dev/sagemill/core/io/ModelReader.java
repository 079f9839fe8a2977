package dev.sagemill.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.ModelCard;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives a {@link ModelCodec} the verified entries of a model file, plus the card and schema from its manifest.
 * Arrays were decoded while the file was read and checked; the first call for an entry hands over that array
 * itself (no copy, so a 1.2 GB table is in memory once), later calls get copies.
 *
 * <p>Not thread-safe.
 */
public final class ModelReader {
  /** A decoded entry: its manifest data type and its {@code float[]}, {@code double[]}, {@code int[]} or bytes. */
  record Decoded(String dtype, Object value) {}

  private final String file;
  private final Map<String, Decoded> entries;
  private final Set<String> handedOut = new HashSet<>();
  private final ModelCard card;
  private final Schema schema;

  ModelReader(String file, Map<String, Decoded> entries, ModelCard card, Schema schema) {
    this.file = file;
    this.entries = entries;
    this.card = card;
    this.schema = schema;
  }

  /** @return the card recorded in the manifest */
  public ModelCard card() {
    return card;
  }

  /** @return the schema recorded in the manifest */
  public Schema schema() {
    return schema;
  }

  /**
   * @param name an entry name
   * @return true if present
   */
  public boolean has(String name) {
    return entries.containsKey(name);
  }

  private Object entry(String name, String dtype) throws CorruptModelException {
    Decoded e = entries.get(name);
    if (e == null) {
      throw new CorruptModelException(file + ": entry " + name + " is missing");
    }
    if (!e.dtype().equals(dtype)) {
      throw new CorruptModelException(file + ": entry " + name + " has type " + e.dtype() + ", expected " + dtype);
    }
    return e.value();
  }

  /** The array itself the first time, a copy afterwards. */
  private boolean firstTime(String name) {
    return handedOut.add(name);
  }

  /**
   * @param name entry name
   * @return the float32 array
   * @throws CorruptModelException if missing or of another type
   */
  public float[] floats(String name) throws CorruptModelException {
    float[] a = (float[]) entry(name, LittleEndianArrays.FLOAT32);
    return firstTime(name) ? a : a.clone();
  }

  /**
   * @param name entry name
   * @return the float64 array
   * @throws CorruptModelException if missing or of another type
   */
  public double[] doubles(String name) throws CorruptModelException {
    double[] a = (double[]) entry(name, LittleEndianArrays.FLOAT64);
    return firstTime(name) ? a : a.clone();
  }

  /**
   * @param name entry name
   * @return the int32 array
   * @throws CorruptModelException if missing or of another type
   */
  public int[] ints(String name) throws CorruptModelException {
    int[] a = (int[]) entry(name, LittleEndianArrays.INT32);
    return firstTime(name) ? a : a.clone();
  }

  /**
   * @param name entry name
   * @return the raw bytes (a foreign file carried in the container)
   * @throws CorruptModelException if missing or of another type
   */
  public byte[] bytes(String name) throws CorruptModelException {
    byte[] a = (byte[]) entry(name, LittleEndianArrays.BYTES);
    return firstTime(name) ? a : a.clone();
  }

  /**
   * @param name entry name
   * @return the JSON document
   * @throws CorruptModelException if missing, of another type, or not valid JSON
   */
  public JsonNode json(String name) throws CorruptModelException {
    byte[] bytes = (byte[]) entry(name, LittleEndianArrays.JSON);
    try {
      return ModelIO.MAPPER.readTree(bytes);
    } catch (java.io.IOException ex) {
      throw new CorruptModelException(file + ": entry " + name + " is not valid JSON", ex);
    }
  }

  /**
   * Fails with a clear message when a codec finds inconsistent content.
   *
   * @param condition what must hold
   * @param what the inconsistency, e.g. "weights has 27 values for 28 features"
   * @throws CorruptModelException if the condition is false
   */
  public void require(boolean condition, String what) throws CorruptModelException {
    if (!condition) {
      throw new CorruptModelException(file + ": " + what);
    }
  }
}

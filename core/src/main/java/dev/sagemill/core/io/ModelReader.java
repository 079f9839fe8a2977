package dev.sagemill.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.ModelCard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Gives a {@link ModelCodec} the verified entries of a model file, plus the card and schema from its manifest.
 *
 * <p>Not thread-safe.
 */
public final class ModelReader {
  private final String file;
  private final Map<String, ModelWriter.Entry> entries;
  private final ModelCard card;
  private final Schema schema;

  ModelReader(String file, Map<String, ModelWriter.Entry> entries, ModelCard card, Schema schema) {
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

  private ModelWriter.Entry entry(String name, String dtype) throws CorruptModelException {
    ModelWriter.Entry e = entries.get(name);
    if (e == null) {
      throw new CorruptModelException(file + ": entry " + name + " is missing");
    }
    if (!e.dtype().equals(dtype)) {
      throw new CorruptModelException(file + ": entry " + name + " has type " + e.dtype() + ", expected " + dtype);
    }
    return e;
  }

  /**
   * @param name entry name
   * @return the float32 array
   * @throws CorruptModelException if missing or of another type
   */
  public float[] floats(String name) throws CorruptModelException {
    ModelWriter.Entry e = entry(name, "float32");
    float[] a = new float[(int) e.length()];
    ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
    return a;
  }

  /**
   * @param name entry name
   * @return the float64 array
   * @throws CorruptModelException if missing or of another type
   */
  public double[] doubles(String name) throws CorruptModelException {
    ModelWriter.Entry e = entry(name, "float64");
    double[] a = new double[(int) e.length()];
    ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(a);
    return a;
  }

  /**
   * @param name entry name
   * @return the int32 array
   * @throws CorruptModelException if missing or of another type
   */
  public int[] ints(String name) throws CorruptModelException {
    ModelWriter.Entry e = entry(name, "int32");
    int[] a = new int[(int) e.length()];
    ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(a);
    return a;
  }

  /**
   * @param name entry name
   * @return the JSON document
   * @throws CorruptModelException if missing, of another type, or not valid JSON
   */
  public JsonNode json(String name) throws CorruptModelException {
    ModelWriter.Entry e = entry(name, "json");
    try {
      return ModelIO.MAPPER.readTree(e.bytes());
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

package dev.sagemill.io.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.SparseRows;

/**
 * Turns one JSON object into a row, in the shapes SageMaker's algorithms accept in JSON requests and JSON Lines
 * files: {@code {"features": [1.5, 2]}} (dense), {@code {"data": {"features": {"values": [...], "keys": [...],
 * "shape": [dim]}}}} (sparse, or dense without keys), with an optional {@code "label"} (number or array) and
 * {@code "weight"}.
 *
 * <p>Thread-safe: stateless.
 */
public final class JsonRows {
  /** The widest dense row, as for CSV rows: 2^20 values. */
  static final int MAX_DENSE_WIDTH = 1 << 20;

  private JsonRows() {}

  /**
   * The features object of an instance, in whichever of the accepted shapes it comes.
   *
   * @param instance the JSON object
   * @return the {@code features} node (an array, or an object with values/keys/shape)
   * @throws IllegalArgumentException if there is none
   */
  static JsonNode features(JsonNode instance) {
    if (instance.isArray()) {
      return instance; // a bare array is a row of features, as in {"instances": [[1, 2], [3, 4]]}
    }
    JsonNode f = instance.get("features");
    if (f == null && instance.has("data")) {
      f = instance.get("data").get("features");
    }
    if (f == null) {
      throw new IllegalArgumentException("no \"features\" (or \"data\".\"features\") field");
    }
    return f;
  }

  /**
   * The feature dimension of an instance.
   *
   * @param instance the JSON object
   * @return the dimension
   */
  public static int dimension(JsonNode instance) {
    JsonNode f = features(instance);
    if (f.isArray()) {
      return denseWidth(f.size());
    }
    if (!f.isObject()) {
      throw new IllegalArgumentException("\"features\" must be an array or an object with \"values\", got "
          + f.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    JsonNode shape = f.get("shape");
    JsonNode values = f.get("values");
    if (!f.has("keys")) {
      if (values == null || !values.isArray()) {
        throw new IllegalArgumentException("dense features need a \"values\" array");
      }
      if (shape != null && (!shape.isArray() || shape.size() != 1 || shape.get(0).asLong() != values.size())) {
        throw new IllegalArgumentException("shape " + shape + " does not match the " + values.size() + " values");
      }
      return denseWidth(values.size());
    }
    if (shape != null && shape.isArray() && shape.size() == 1 && shape.get(0).canConvertToInt()
        && shape.get(0).asInt() >= 1) {
      return shape.get(0).asInt();
    }
    throw new IllegalArgumentException("sparse features need \"shape\": [feature_dim] with feature_dim >= 1, got "
        + shape);
  }

  /** Whether an instance's features are sparse ({@code keys} with {@code values} and {@code shape}). */
  static boolean isSparse(JsonNode instance) {
    JsonNode f = features(instance);
    return f.isObject() && f.has("keys");
  }

  /** Dense rows are bounded as CSV rows are: wider data comes as sparse rows, whose width costs nothing. */
  private static int denseWidth(int n) {
    if (n > MAX_DENSE_WIDTH) {
      throw new IllegalArgumentException("a dense row of " + n + " values is wider than " + MAX_DENSE_WIDTH
          + "; send wide rows sparse ({\"keys\", \"values\", \"shape\"})");
    }
    return n;
  }

  /**
   * The number of label values of an instance.
   *
   * @param instance the JSON object
   * @return 0 without a label, 1 for a number, n for an array
   */
  public static int labelDimension(JsonNode instance) {
    JsonNode l = instance.isObject() ? instance.get("label") : null;
    return l == null || l.isNull() ? 0 : (l.isArray() ? l.size() : 1);
  }

  /**
   * Appends an instance as a row.
   *
   * @param instance the JSON object
   * @param into the builder (its dimensions are the expected ones)
   * @param source file name for messages
   * @param line the line or instance number for messages
   * @throws InvalidDataException if the instance does not fit
   */
  public static void append(JsonNode instance, RowBatch.Builder into, String source, long line) {
    int dim = into.featureDim();
    JsonNode f;
    try {
      f = features(instance);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(source, "line", line, e.getMessage());
    }
    float[] label = label(instance, source, line);
    float weight = 1f;
    JsonNode w = instance.isObject() ? instance.get("weight") : null;
    if (w != null) {
      weight = (float) number(w, "weight", source, line);
      if (!(weight >= 0) || Float.isInfinite(weight)) {
        throw new InvalidDataException(source, "line", line, "weight must be a finite number >= 0, got " + w);
      }
    }
    if (!f.isArray() && !f.isObject()) {
      throw new InvalidDataException(source, "line", line, "\"features\" must be an array or an object with "
          + "\"values\", got " + f.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    if (f.isArray() || !f.has("keys")) {
      JsonNode values = f.isArray() ? f : f.get("values");
      if (values == null || !values.isArray() || values.size() != dim) {
        throw new InvalidDataException(source, "line", line, "expected " + dim + " feature values, found "
            + (values == null || !values.isArray() ? "none" : values.size()));
      }
      float[] x = new float[dim];
      for (int j = 0; j < dim; j++) {
        x[j] = (float) number(values.get(j), "feature " + j, source, line);
      }
      into.addDense(x, 0, label, weight);
      return;
    }
    JsonNode keys = f.get("keys");
    JsonNode values = f.get("values");
    if (keys == null || !keys.isArray() || values == null || !values.isArray() || keys.size() != values.size()) {
      throw new InvalidDataException(source, "line", line, "sparse features need \"keys\" and \"values\" arrays of"
          + " equal length");
    }
    int shape = f.has("shape") ? f.get("shape").path(0).asInt(-1) : -1;
    if (shape != dim) {
      throw new InvalidDataException(source, "line", line, "sparse features have shape [" + shape + "], expected ["
          + dim + "]");
    }
    int[] idx = new int[keys.size()];
    float[] val = new float[keys.size()];
    for (int k = 0; k < idx.length; k++) {
      JsonNode key = keys.get(k);
      if (!key.canConvertToInt() || key.asInt() < 0 || key.asInt() >= dim) {
        throw new InvalidDataException(source, "line", line, "key " + key + " is outside [0, " + dim + ")");
      }
      idx[k] = key.asInt();
      val[k] = (float) number(values.get(k), "value of key " + idx[k], source, line);
    }
    long dup = SparseRows.sort(idx, val, idx.length);
    if (dup >= 0) {
      throw new InvalidDataException(source, "line", line, "key " + dup + " appears twice");
    }
    into.addSparse(idx, val, idx.length, label, weight);
  }

  private static float[] label(JsonNode instance, String source, long line) {
    JsonNode l = instance.isObject() ? instance.get("label") : null;
    if (l == null || l.isNull()) {
      return null;
    }
    float[] out = new float[l.isArray() ? l.size() : 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) number(l.isArray() ? l.get(i) : l, "label", source, line);
      if (!Float.isFinite(out[i])) {
        throw new InvalidDataException(source, "line", line, "label must be a finite number, got " + l);
      }
    }
    return out;
  }

  private static double number(JsonNode n, String what, String source, long line) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isNull()) {
      return Double.NaN; // a missing feature value
    }
    if (n.isTextual()) {
      try {
        return Double.parseDouble(n.asText());
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw new InvalidDataException(source, "line", line, what + " is not a number: " + n);
  }
}

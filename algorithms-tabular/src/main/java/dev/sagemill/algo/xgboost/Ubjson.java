package dev.sagemill.algo.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.io.CorruptModelException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads Universal Binary JSON (ubjson.org, draft 12), the format of XGBoost's {@code .ubj} models and of the
 * {@code xgboost-model} file that SageMaker's XGBoost ≥ 2.1 containers write, into a Jackson tree: big-endian
 * numbers, length-prefixed strings and keys, and optimised containers ({@code [$type#count}) as XGBoost writes its
 * float and int arrays. Lengths and nesting are bounded by the input, so a truncated or hostile file fails with a
 * message instead of allocating without limit.
 */
final class Ubjson {
  private static final int MAX_DEPTH = 64;
  private final ByteBuffer in;
  private final String name;
  /**
   * Values that take no bytes of their own (the elements of a container typed null, true or false) still cost a
   * node each, so their number is bounded by the input's size: a few bytes cannot declare a billion of them.
   */
  private long freeValues;

  private Ubjson(byte[] bytes, String name) {
    this.in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    this.name = name;
    this.freeValues = bytes.length;
  }

  /**
   * @param bytes the file's bytes
   * @param name the file name for messages
   * @return the document
   * @throws CorruptModelException if the bytes are not valid UBJSON
   */
  static JsonNode parse(byte[] bytes, String name) throws CorruptModelException {
    Ubjson u = new Ubjson(bytes, name);
    try {
      return u.value(u.in.get(), 0);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new CorruptModelException(name + ": UBJSON ends in the middle of a value (truncated file?)", e);
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(name + ": " + e.getMessage(), e);
    }
  }

  private JsonNode value(byte marker, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("UBJSON nested deeper than " + MAX_DEPTH);
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (marker) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case 'Z' -> f.nullNode();
      case 'T' -> f.booleanNode(true);
      case 'F' -> f.booleanNode(false);
      case 'S' -> f.textNode(string());
      case 'C' -> f.textNode(String.valueOf((char) (in.get() & 0xFF)));
      case 'H' -> f.numberNode(new java.math.BigDecimal(string()));
      case 'd' -> f.numberNode(in.getFloat());
      case 'D' -> f.numberNode(in.getDouble());
      case 'i', 'U', 'I', 'l', 'L' -> f.numberNode(integer(marker));
      default -> throw new IllegalArgumentException(String.format("unknown UBJSON marker 0x%02x at byte %d",
          marker & 0xFF, in.position() - 1));
    };
  }

  private long integer(byte marker) {
    return switch (marker) {
      case 'i' -> in.get();
      case 'U' -> in.get() & 0xFF;
      case 'I' -> in.getShort();
      case 'l' -> in.getInt();
      case 'L' -> in.getLong();
      default -> throw new IllegalArgumentException(String.format("expected an integer marker, got 0x%02x at byte %d",
          marker & 0xFF, in.position() - 1));
    };
  }

  private int length() {
    long n = integer(in.get());
    if (n < 0 || n > in.remaining()) {
      throw new IllegalArgumentException("a length of " + n + " at byte " + in.position() + " exceeds the "
          + in.remaining() + " bytes left");
    }
    return (int) n;
  }

  private String string() {
    int n = length();
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A container's optional {@code $type} and {@code #count}: {type or 0, count or -1}. */
  private int[] header() {
    int type = 0;
    int count = -1;
    byte m = in.get();
    if (m == '$') {
      type = in.get();
      m = in.get();
    }
    if (m == '#') {
      count = length();
    } else if (type != 0) {
      // UBJSON requires a count after a type; without one, elements of a typed container consume no input and
      // the container would never end.
      throw new IllegalArgumentException("a typed container has no count (#) at byte " + (in.position() - 1));
    } else {
      in.position(in.position() - 1);
    }
    if (count > 0 && (type == 'Z' || type == 'T' || type == 'F')) {
      freeValues -= count;
      if (freeValues < 0) {
        throw new IllegalArgumentException("containers of null/true/false values hold more values than the file's "
            + in.capacity() + " bytes");
      }
    }
    return new int[] {type, count};
  }

  private ObjectNode object(int depth) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    int[] h = header();
    for (int i = 0; h[1] < 0 || i < h[1]; i++) {
      if (h[1] < 0 && in.get(in.position()) == '}') {
        in.get();
        return o;
      }
      String key = string();
      o.set(key, value(h[0] != 0 ? (byte) h[0] : in.get(), depth + 1));
    }
    return o;
  }

  private ArrayNode array(int depth) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    int[] h = header();
    for (int i = 0; h[1] < 0 || i < h[1]; i++) {
      byte marker = h[0] != 0 ? (byte) h[0] : in.get();
      if (h[1] < 0 && marker == ']') {
        return a;
      }
      a.add(value(marker, depth + 1));
    }
    return a;
  }

}

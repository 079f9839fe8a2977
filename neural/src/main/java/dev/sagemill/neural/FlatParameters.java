package dev.sagemill.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A network's trainable arrays seen as one flat float vector, in a fixed order: what core's optimizers update, what a
 * checkpoint and a model file hold ({@link #save} writes each array under its name with its shape, so a file made for
 * another architecture is refused), and what a snapshot of the best epoch copies.
 *
 * <p>Not thread-safe; the arrays belong to the network's memory scope.
 */
public final class FlatParameters {
  private final List<String> names;
  private final List<NDArray> arrays;
  private final int[] offsets;

  private FlatParameters(List<String> names, List<NDArray> arrays) {
    this.names = List.copyOf(names);
    this.arrays = List.copyOf(arrays);
    offsets = new int[arrays.size() + 1];
    for (int i = 0; i < arrays.size(); i++) {
      long n = arrays.get(i).size();
      if (offsets[i] + n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("more than 2^31 parameters");
      }
      offsets[i + 1] = (int) (offsets[i] + n);
    }
  }

  /**
   * The parameters of initialized blocks, then extra arrays (embedding tables kept outside a block), each named.
   *
   * @param blocks initialized blocks, each under a prefix
   * @param extra arrays by name, in order; each must require a gradient
   * @return the flat view
   */
  public static FlatParameters of(Map<String, Block> blocks, Map<String, NDArray> extra) {
    List<String> names = new ArrayList<>();
    List<NDArray> arrays = new ArrayList<>();
    for (Map.Entry<String, Block> b : blocks.entrySet()) {
      for (Pair<String, Parameter> p : b.getValue().getParameters()) {
        names.add(entryName(b.getKey() + "." + p.getKey()));
        arrays.add(p.getValue().getArray());
      }
    }
    for (Map.Entry<String, NDArray> e : extra.entrySet()) {
      names.add(entryName(e.getKey()));
      arrays.add(e.getValue());
    }
    return new FlatParameters(names, arrays);
  }

  /** A model-file entry name: lower case, with anything but letters, digits, '.', '-' and '_' as '_'. */
  private static String entryName(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
  }

  /** @return the number of scalar parameters */
  public int size() {
    return offsets[arrays.size()];
  }

  /** @return the arrays' names, in order */
  public List<String> names() {
    return Collections.unmodifiableList(names);
  }

  /** @return the current values, concatenated */
  public float[] values() {
    float[] out = new float[size()];
    for (int i = 0; i < arrays.size(); i++) {
      float[] a = arrays.get(i).toFloatArray();
      System.arraycopy(a, 0, out, offsets[i], a.length);
    }
    return out;
  }

  /**
   * The gradients of the last backward pass, concatenated, and resets them to zero (PyTorch adds each backward
   * pass's gradients to the stored ones).
   *
   * @param out the destination, {@link #size()} long
   */
  public void gradients(float[] out) {
    for (int i = 0; i < arrays.size(); i++) {
      NDArray g = arrays.get(i).getGradient();
      float[] a = g.toFloatArray();
      System.arraycopy(a, 0, out, offsets[i], a.length);
      g.muli(0);
      g.close();
    }
  }

  /**
   * Writes values into the arrays.
   *
   * @param values {@link #size()} values, in order
   */
  public void set(float[] values) {
    if (values.length != size()) {
      throw new IllegalArgumentException("expected " + size() + " parameter values, got " + values.length);
    }
    for (int i = 0; i < arrays.size(); i++) {
      arrays.get(i).set(FloatBuffer.wrap(values, offsets[i], offsets[i + 1] - offsets[i]).slice());
    }
  }

  /**
   * Saves every array as {@code prefix + name} with its shape under {@code prefix + name + ".shape"}.
   *
   * @param out the writer
   * @param prefix the entry prefix
   * @param values the values to save ({@link #values()} or a snapshot), {@link #size()} long
   */
  public void save(ModelWriter out, String prefix, float[] values) {
    for (int i = 0; i < arrays.size(); i++) {
      float[] a = new float[offsets[i + 1] - offsets[i]];
      System.arraycopy(values, offsets[i], a, 0, a.length);
      out.putFloats(prefix + names.get(i), a);
      out.putInts(prefix + names.get(i) + ".shape", toInts(arrays.get(i).getShape()));
    }
  }

  /**
   * Reads what {@link #save} wrote, checking every name and shape against this network.
   *
   * @param in the reader
   * @param prefix the entry prefix
   * @return the values, {@link #size()} long
   * @throws CorruptModelException if an array is missing or has another shape than this network's
   */
  public float[] read(ModelReader in, String prefix) throws CorruptModelException {
    float[] out = new float[size()];
    for (int i = 0; i < arrays.size(); i++) {
      String name = prefix + names.get(i);
      in.require(in.has(name), "the network array " + name + " is missing");
      int[] shape = in.ints(name + ".shape");
      int[] expected = toInts(arrays.get(i).getShape());
      in.require(java.util.Arrays.equals(shape, expected), name + " has shape " + java.util.Arrays.toString(shape)
          + " where this network has " + java.util.Arrays.toString(expected));
      float[] a = in.floats(name);
      in.require(a.length == offsets[i + 1] - offsets[i], name + " holds " + a.length + " values");
      System.arraycopy(a, 0, out, offsets[i], a.length);
    }
    return out;
  }

  private static int[] toInts(Shape s) {
    int[] out = new int[s.dimension()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) s.get(i);
    }
    return out;
  }
}

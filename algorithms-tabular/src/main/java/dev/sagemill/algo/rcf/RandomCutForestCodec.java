package dev.sagemill.algo.rcf;

import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelCodec;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Saves a Random Cut Forest: {@code shape} = (dim, capacity, trees); per tree its distinct points, node count, root
 * and mass ({@code sizes}); the trees' arrays concatenated in tree order ({@code points}, {@code leaf_mass},
 * {@code left}, {@code right}, {@code cut_dim}, {@code mass}, {@code cut_value}, {@code min}, {@code max}); and the
 * anomaly {@code threshold}. Version 1.
 *
 * <p>Thread-safe: stateless.
 */
public final class RandomCutForestCodec implements ModelCodec<RandomCutForestModel> {
  @Override
  public String formatName() {
    return "sagemill.randomcutforest";
  }

  @Override
  public int currentVersion() {
    return 1;
  }

  @Override
  public int minReadableVersion() {
    return 1;
  }

  @Override
  public Class<RandomCutForestModel> modelType() {
    return RandomCutForestModel.class;
  }

  @Override
  public void write(RandomCutForestModel model, ModelWriter out) {
    RandomCutForest f = model.forest();
    List<RandomCutTree.Parts> parts = f.trees().stream().map(RandomCutTree::parts).toList();
    int[] sizes = new int[parts.size() * 4];
    for (int t = 0; t < parts.size(); t++) {
      RandomCutTree.Parts p = parts.get(t);
      sizes[4 * t] = p.leafMass().length;
      sizes[4 * t + 1] = p.left().length;
      sizes[4 * t + 2] = p.root();
      sizes[4 * t + 3] = p.totalMass();
    }
    out.putInts("shape", new int[] {f.dim(), f.capacity(), parts.size()});
    out.putInts("sizes", sizes);
    out.putFloats("points", concatF(parts.stream().map(RandomCutTree.Parts::points).toList()));
    out.putInts("leaf_mass", concatI(parts.stream().map(RandomCutTree.Parts::leafMass).toList()));
    out.putInts("left", concatI(parts.stream().map(RandomCutTree.Parts::left).toList()));
    out.putInts("right", concatI(parts.stream().map(RandomCutTree.Parts::right).toList()));
    out.putInts("cut_dim", concatI(parts.stream().map(RandomCutTree.Parts::cutDim).toList()));
    out.putInts("mass", concatI(parts.stream().map(RandomCutTree.Parts::mass).toList()));
    out.putDoubles("cut_value", concatD(parts.stream().map(RandomCutTree.Parts::cutValue).toList()));
    out.putDoubles("min", concatD(parts.stream().map(RandomCutTree.Parts::min).toList()));
    out.putDoubles("max", concatD(parts.stream().map(RandomCutTree.Parts::max).toList()));
    out.putDoubles("threshold", new double[] {model.threshold()});
  }

  @Override
  public RandomCutForestModel read(ModelReader in, int version) throws IOException {
    int[] shape = in.ints("shape");
    in.require(shape.length == 3 && shape[0] > 0 && shape[1] > 0 && shape[2] > 0, "shape is "
        + Arrays.toString(shape));
    int dim = shape[0];
    int capacity = shape[1];
    int trees = shape[2];
    int[] sizes = in.ints("sizes");
    in.require(sizes.length == 4 * trees, "sizes holds " + sizes.length + " values for " + trees + " trees");
    float[] points = in.floats("points");
    int[] leafMass = in.ints("leaf_mass");
    int[] left = in.ints("left");
    int[] right = in.ints("right");
    int[] cutDim = in.ints("cut_dim");
    int[] mass = in.ints("mass");
    double[] cutValue = in.doubles("cut_value");
    double[] min = in.doubles("min");
    double[] max = in.doubles("max");
    double[] threshold = in.doubles("threshold");
    in.require(threshold.length == 1, "threshold holds " + threshold.length + " values");
    List<RandomCutTree> out = new ArrayList<>(trees);
    int s = 0;
    int n = 0;
    for (int t = 0; t < trees; t++) {
      int slots = sizes[4 * t];
      int nodes = sizes[4 * t + 1];
      in.require(slots >= 0 && nodes >= 0 && (long) s + slots <= leafMass.length && (long) n + nodes <= left.length
          && (long) (s + slots) * dim <= points.length && (long) (n + nodes) * dim <= min.length, "tree " + t
          + " runs past the arrays");
      try {
        out.add(RandomCutTree.of(dim, capacity, new RandomCutTree.Parts(
            Arrays.copyOfRange(points, s * dim, (s + slots) * dim), Arrays.copyOfRange(leafMass, s, s + slots),
            Arrays.copyOfRange(left, n, n + nodes), Arrays.copyOfRange(right, n, n + nodes),
            Arrays.copyOfRange(cutDim, n, n + nodes), Arrays.copyOfRange(cutValue, n, n + nodes),
            Arrays.copyOfRange(mass, n, n + nodes), Arrays.copyOfRange(min, n * dim, (n + nodes) * dim),
            Arrays.copyOfRange(max, n * dim, (n + nodes) * dim), sizes[4 * t + 2], sizes[4 * t + 3])));
      } catch (IllegalArgumentException e) {
        throw new CorruptModelException("tree " + t + ": " + e.getMessage());
      }
      s += slots;
      n += nodes;
    }
    in.require(s == leafMass.length && n == left.length, "the arrays hold more than the trees use");
    return new RandomCutForestModel(new RandomCutForest(out, dim, capacity), threshold[0], in.schema(), in.card());
  }

  private static float[] concatF(List<float[]> a) {
    float[] out = new float[a.stream().mapToInt(x -> x.length).sum()];
    int o = 0;
    for (float[] x : a) {
      System.arraycopy(x, 0, out, o, x.length);
      o += x.length;
    }
    return out;
  }

  private static int[] concatI(List<int[]> a) {
    return a.stream().flatMapToInt(Arrays::stream).toArray();
  }

  private static double[] concatD(List<double[]> a) {
    return a.stream().flatMapToDouble(Arrays::stream).toArray();
  }
}

package dev.sagemill.algo.rcf;

import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trees as model entries, shared by the batch and streaming codecs: per tree its slots, nodes, root and mass (and,
 * for streaming trees, the counts of its free slots and nodes) in {@code sizes}; the trees' arrays concatenated in
 * tree order ({@code points}, {@code leaf_mass}, {@code left}, {@code right}, {@code cut_dim}, {@code mass},
 * {@code cut_value}, {@code min}, {@code max}, and {@code free_slots}, {@code free_nodes}).
 */
final class TreeArrays {
  private TreeArrays() {}

  static void write(List<RandomCutTree> trees, boolean freeLists, ModelWriter out) {
    List<RandomCutTree.Parts> parts = trees.stream().map(RandomCutTree::parts).toList();
    int per = freeLists ? 6 : 4;
    int[] sizes = new int[parts.size() * per];
    List<int[]> freeSlots = new ArrayList<>();
    List<int[]> freeNodes = new ArrayList<>();
    for (int t = 0; t < parts.size(); t++) {
      RandomCutTree.Parts p = parts.get(t);
      sizes[per * t] = p.leafMass().length;
      sizes[per * t + 1] = p.left().length;
      sizes[per * t + 2] = p.root();
      sizes[per * t + 3] = p.totalMass();
      if (freeLists) {
        int[][] f = trees.get(t).freeLists();
        freeSlots.add(f[0]);
        freeNodes.add(f[1]);
        sizes[per * t + 4] = f[0].length;
        sizes[per * t + 5] = f[1].length;
      } else if (trees.get(t).hasFreeEntries()) {
        throw new IllegalStateException("a batch forest's tree has free entries");
      }
    }
    out.putInts("sizes", sizes);
    float[] points = new float[parts.stream().mapToInt(p -> p.points().length).sum()];
    int o = 0;
    for (RandomCutTree.Parts p : parts) {
      System.arraycopy(p.points(), 0, points, o, p.points().length);
      o += p.points().length;
    }
    out.putFloats("points", points);
    out.putInts("leaf_mass", ints(parts.stream().map(RandomCutTree.Parts::leafMass).toList()));
    out.putInts("left", ints(parts.stream().map(RandomCutTree.Parts::left).toList()));
    out.putInts("right", ints(parts.stream().map(RandomCutTree.Parts::right).toList()));
    out.putInts("cut_dim", ints(parts.stream().map(RandomCutTree.Parts::cutDim).toList()));
    out.putInts("mass", ints(parts.stream().map(RandomCutTree.Parts::mass).toList()));
    out.putDoubles("cut_value", doubles(parts.stream().map(RandomCutTree.Parts::cutValue).toList()));
    out.putDoubles("min", doubles(parts.stream().map(RandomCutTree.Parts::min).toList()));
    out.putDoubles("max", doubles(parts.stream().map(RandomCutTree.Parts::max).toList()));
    if (freeLists) {
      out.putInts("free_slots", ints(freeSlots));
      out.putInts("free_nodes", ints(freeNodes));
    }
  }

  static List<RandomCutTree> read(ModelReader in, int dim, int capacity, int trees, boolean freeLists)
      throws CorruptModelException {
    int per = freeLists ? 6 : 4;
    int[] sizes = in.ints("sizes");
    in.require(sizes.length == per * trees, "sizes holds " + sizes.length + " values for " + trees + " trees");
    float[] points = in.floats("points");
    int[] leafMass = in.ints("leaf_mass");
    int[] left = in.ints("left");
    int[] right = in.ints("right");
    int[] cutDim = in.ints("cut_dim");
    int[] mass = in.ints("mass");
    double[] cutValue = in.doubles("cut_value");
    double[] min = in.doubles("min");
    double[] max = in.doubles("max");
    int[] freeSlots = freeLists ? in.ints("free_slots") : new int[0];
    int[] freeNodes = freeLists ? in.ints("free_nodes") : new int[0];
    in.require(right.length == left.length && cutDim.length == left.length && mass.length == left.length
        && cutValue.length == left.length, "the node arrays differ in length");
    List<RandomCutTree> out = new ArrayList<>(trees);
    int s = 0;
    int n = 0;
    int fs = 0;
    int fn = 0;
    for (int t = 0; t < trees; t++) {
      int slots = sizes[per * t];
      int nodes = sizes[per * t + 1];
      int nfs = freeLists ? sizes[per * t + 4] : 0;
      int nfn = freeLists ? sizes[per * t + 5] : 0;
      in.require(slots >= 0 && nodes >= 0 && nfs >= 0 && nfn >= 0 && (long) s + slots <= leafMass.length
          && (long) n + nodes <= left.length && (long) (s + slots) * dim <= points.length
          && (long) (n + nodes) * dim <= min.length && (long) fs + nfs <= freeSlots.length
          && (long) fn + nfn <= freeNodes.length, "tree " + t + " runs past the arrays");
      try {
        RandomCutTree tree = RandomCutTree.of(dim, capacity, new RandomCutTree.Parts(
            Arrays.copyOfRange(points, s * dim, (s + slots) * dim), Arrays.copyOfRange(leafMass, s, s + slots),
            Arrays.copyOfRange(left, n, n + nodes), Arrays.copyOfRange(right, n, n + nodes),
            Arrays.copyOfRange(cutDim, n, n + nodes), Arrays.copyOfRange(cutValue, n, n + nodes),
            Arrays.copyOfRange(mass, n, n + nodes), Arrays.copyOfRange(min, n * dim, (n + nodes) * dim),
            Arrays.copyOfRange(max, n * dim, (n + nodes) * dim), sizes[per * t + 2], sizes[per * t + 3],
            freeLists));
        if (freeLists) {
          tree.restoreFreeLists(Arrays.copyOfRange(freeSlots, fs, fs + nfs),
              Arrays.copyOfRange(freeNodes, fn, fn + nfn));
          tree.validate();
        }
        out.add(tree);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new CorruptModelException("tree " + t + ": " + e.getMessage());
      }
      s += slots;
      n += nodes;
      fs += nfs;
      fn += nfn;
    }
    in.require(s == leafMass.length && n == left.length, "the arrays hold more than the trees use");
    return out;
  }

  private static int[] ints(List<int[]> a) {
    return a.stream().flatMapToInt(Arrays::stream).toArray();
  }

  private static double[] doubles(List<double[]> a) {
    return a.stream().flatMapToDouble(Arrays::stream).toArray();
  }
}

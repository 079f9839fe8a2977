package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link TreeEnsemble} as flat little-endian arrays inside a sagemill model container, and reads it back
 * with every index checked, so a corrupt or hostile file fails with a message instead of looping or indexing out
 * of bounds. Entries (all trees concatenated in order): {@code trees.nodes} (int, nodes per tree),
 * {@code trees.left}/{@code trees.right} (int, child ids within the tree, -1 at leaves), {@code trees.feature}
 * (int), {@code trees.default_left} (int 0/1), {@code trees.split_value}, {@code trees.leaf_value},
 * {@code trees.loss_change}, {@code trees.cover}, {@code trees.base_weight} (float32), {@code trees.group} (int,
 * output of each tree), {@code trees.weight} (float32, 1 except DART and random forests) and {@code base_margin}
 * (float64 per output). Categorical splits, when a model has any, add {@code trees.category_ptr} (int, per node
 * plus one: the node's run of category values in the next array, empty for numeric nodes) and
 * {@code trees.categories} (int, the categories each categorical node sends left, ascending); a file without them
 * has numeric splits only.
 */
public final class EnsembleCodec {
  private EnsembleCodec() {}

  /**
   * A tree model's objective as its codec stores it in {@code model.json}.
   *
   * @param objective the objective name
   * @param numClass classes (0 when not multiclass)
   */
  public record ObjectiveMeta(String objective, int numClass) {}

  /**
   * Writes the trees and {@code model.json} ({@code objective}, {@code num_class}).
   *
   * @param e the ensemble
   * @param meta the objective
   * @param out the container writer
   */
  public static void writeModel(TreeEnsemble e, ObjectiveMeta meta, ModelWriter out) {
    write(e, out);
    out.putJson("model.json", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("objective", meta.objective()).put("num_class", meta.numClass()));
  }

  /**
   * Reads {@code model.json}, checking the objective against the known names.
   *
   * @param in the container reader
   * @param known the objective names this model type knows
   * @return the objective
   * @throws CorruptModelException if the objective is unknown or num_class is missing
   */
  public static ObjectiveMeta readMeta(ModelReader in, List<String> known) throws CorruptModelException {
    com.fasterxml.jackson.databind.JsonNode meta = in.json("model.json");
    String objective = meta.path("objective").asText();
    in.require(known.contains(objective), "model.json names objective \"" + objective + "\"; known: " + known);
    int numClass = meta.path("num_class").asInt(-1);
    in.require(numClass >= 0, "model.json has no valid num_class");
    return new ObjectiveMeta(objective, numClass);
  }

  /**
   * Reads the trees of a model whose objective needs {@code outputs} margins per row.
   *
   * @param in the container reader
   * @param meta the model's objective
   * @param outputs the margins per row the objective needs
   * @return the ensemble
   * @throws CorruptModelException if the trees are malformed or have another number of outputs
   */
  public static TreeEnsemble readModel(ModelReader in, ObjectiveMeta meta, int outputs) throws CorruptModelException {
    TreeEnsemble e = read(in, in.schema().featureDim());
    if (e.outputs() != outputs) {
      throw new CorruptModelException("the trees have " + e.outputs() + " outputs, objective " + meta.objective()
          + " with num_class " + meta.numClass() + " needs " + outputs);
    }
    return e;
  }

  /**
   * @param e the ensemble
   * @param out the container writer
   */
  public static void write(TreeEnsemble e, ModelWriter out) {
    int total = 0;
    int[] nodes = new int[e.size()];
    for (int t = 0; t < e.size(); t++) {
      nodes[t] = e.tree(t).nodes();
      total += nodes[t];
    }
    int[] left = new int[total];
    int[] right = new int[total];
    int[] feature = new int[total];
    int[] dl = new int[total];
    float[] split = new float[total];
    float[] leaf = new float[total];
    float[] loss = new float[total];
    float[] cover = new float[total];
    float[] bw = new float[total];
    int[] group = new int[e.size()];
    float[] weight = new float[e.size()];
    boolean categorical = false;
    for (int t = 0; t < e.size(); t++) {
      categorical |= e.tree(t).hasCategoricalSplits();
    }
    int[] catPtr = categorical ? new int[total + 1] : null;
    List<Integer> cats = new ArrayList<>();
    int k = 0;
    for (int t = 0; t < e.size(); t++) {
      Tree tr = e.tree(t);
      for (int i = 0; i < tr.nodes(); i++, k++) {
        left[k] = tr.left[i];
        right[k] = tr.right[i];
        feature[k] = tr.left[i] < 0 ? 0 : tr.feature[i];
        dl[k] = tr.defaultLeft[i] ? 1 : 0;
        split[k] = tr.left[i] < 0 ? 0 : tr.splitValue[i];
        leaf[k] = tr.leafValue[i];
        loss[k] = tr.lossChange[i];
        cover[k] = tr.cover[i];
        bw[k] = tr.baseWeight[i];
        if (categorical) {
          int[] c = tr.leftCategories(i);
          for (int j = 0; c != null && j < c.length; j++) {
            cats.add(c[j]);
          }
          catPtr[k + 1] = cats.size();
        }
      }
      group[t] = e.group(t);
      weight[t] = e.weight(t);
    }
    out.putInts("trees.nodes", nodes);
    out.putInts("trees.left", left);
    out.putInts("trees.right", right);
    out.putInts("trees.feature", feature);
    out.putInts("trees.default_left", dl);
    out.putFloats("trees.split_value", split);
    out.putFloats("trees.leaf_value", leaf);
    out.putFloats("trees.loss_change", loss);
    out.putFloats("trees.cover", cover);
    out.putFloats("trees.base_weight", bw);
    out.putInts("trees.group", group);
    out.putFloats("trees.weight", weight);
    out.putDoubles("base_margin", e.baseMargin());
    if (categorical) {
      out.putInts("trees.category_ptr", catPtr);
      out.putInts("trees.categories", cats.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /**
   * @param in the container reader
   * @param featureDim the model's number of features
   * @return the ensemble
   * @throws CorruptModelException if the arrays are inconsistent or a tree is malformed
   */
  public static TreeEnsemble read(ModelReader in, int featureDim) throws CorruptModelException {
    int[] nodes = in.ints("trees.nodes");
    int[] left = in.ints("trees.left");
    int[] right = in.ints("trees.right");
    int[] feature = in.ints("trees.feature");
    int[] dl = in.ints("trees.default_left");
    float[] split = in.floats("trees.split_value");
    float[] leaf = in.floats("trees.leaf_value");
    float[] loss = in.floats("trees.loss_change");
    float[] cover = in.floats("trees.cover");
    float[] bw = in.floats("trees.base_weight");
    int[] group = in.ints("trees.group");
    float[] weight = in.floats("trees.weight");
    double[] base = in.doubles("base_margin");
    long total = 0;
    for (int n : nodes) {
      in.require(n >= 1, "a tree has " + n + " nodes");
      total += n;
    }
    for (int len : new int[] {left.length, right.length, feature.length, dl.length, split.length, leaf.length,
        loss.length, cover.length, bw.length}) {
      in.require(len == total, "node arrays hold " + len + " entries, the trees declare " + total + " nodes");
    }
    in.require(group.length == nodes.length && weight.length == nodes.length,
        "trees.group/trees.weight do not match the " + nodes.length + " trees");
    in.require(base.length >= 1, "base_margin is empty");
    int[] catPtr = in.has("trees.category_ptr") ? in.ints("trees.category_ptr") : null;
    int[] cats = catPtr != null ? in.ints("trees.categories") : null;
    if (catPtr != null) {
      in.require(catPtr.length == total + 1 && catPtr[0] == 0 && catPtr[(int) total] == cats.length,
          "trees.category_ptr does not match the " + total + " nodes and " + cats.length + " categories");
      for (int i = 0; i < total; i++) {
        in.require(catPtr[i] <= catPtr[i + 1], "trees.category_ptr decreases at node " + i);
      }
      for (int c : cats) {
        in.require(c >= 0 && c < FeatureCuts.MAX_CATEGORY, "category " + c + " is outside [0, "
            + FeatureCuts.MAX_CATEGORY + ")");
      }
    }
    List<Tree> trees = new ArrayList<>();
    int off = 0;
    for (int t = 0; t < nodes.length; t++) {
      int n = nodes[t];
      int[] l = java.util.Arrays.copyOfRange(left, off, off + n);
      int[] r = java.util.Arrays.copyOfRange(right, off, off + n);
      int[] f = java.util.Arrays.copyOfRange(feature, off, off + n);
      boolean[] d = new boolean[n];
      for (int i = 0; i < n; i++) {
        d[i] = dl[off + i] != 0;
        if (l[i] == -1) {
          in.require(r[i] == -1, "tree " + t + " node " + i + " has a right child but no left one");
        }
      }
      int[] p = Trees.checkedParents(l, r, f, featureDim, "tree " + t);
      in.require(group[t] >= 0 && group[t] < base.length, "tree " + t + " adds to output " + group[t] + " of "
          + base.length);
      long[][] leftCats = null;
      for (int i = 0; catPtr != null && i < n; i++) {
        int from = catPtr[off + i];
        int to = catPtr[off + i + 1];
        if (to > from) {
          in.require(l[i] >= 0, "tree " + t + " leaf " + i + " lists categories");
          java.util.BitSet bits = new java.util.BitSet();
          for (int j = from; j < to; j++) {
            bits.set(cats[j]);
          }
          leftCats = leftCats == null ? new long[n][] : leftCats;
          leftCats[i] = bits.toLongArray();
        }
      }
      trees.add(new Tree(l, r, p, f, java.util.Arrays.copyOfRange(split, off, off + n), d,
          java.util.Arrays.copyOfRange(leaf, off, off + n), java.util.Arrays.copyOfRange(loss, off, off + n),
          java.util.Arrays.copyOfRange(cover, off, off + n), java.util.Arrays.copyOfRange(bw, off, off + n), null,
          leftCats));
      off += n;
    }
    return new TreeEnsemble(featureDim, base.length, base, trees, group, weight);
  }
}

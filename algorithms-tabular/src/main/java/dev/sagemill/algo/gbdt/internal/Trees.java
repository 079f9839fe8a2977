package dev.sagemill.algo.gbdt.internal;

/**
 * Construction of and access to {@link Tree} internals for model converters outside this package (XGBoost JSON):
 * the tree's arrays stay package-private so the engine can read them without copies.
 */
public final class Trees {
  private Trees() {}

  /**
   * Builds a tree from node arrays (already validated by the caller: children after parents, one parent each).
   *
   * @param left left child per node, -1 at leaves
   * @param right right child per node, -1 at leaves
   * @param parent parent per node, -1 at the root
   * @param feature split feature per node
   * @param splitValue threshold per node (values below go left)
   * @param defaultLeft where missing values go per node
   * @param leafValue output per leaf
   * @param lossChange loss reduction per split
   * @param cover hessian sum per node
   * @param baseWeight unshrunk weight per node
   * @return the tree
   */
  public static Tree of(int[] left, int[] right, int[] parent, int[] feature, float[] splitValue,
      boolean[] defaultLeft, float[] leafValue, float[] lossChange, float[] cover, float[] baseWeight) {
    return new Tree(left, right, parent, feature, splitValue, defaultLeft, leafValue, lossChange, cover, baseWeight,
        null);
  }

  /**
   * Checks a tree's structure read from a file and derives its parents: every child comes after its parent in the
   * same tree, has exactly one parent, every node is reachable, and splits use features below {@code numFeature}.
   * Leaves have {@code left == -1}.
   *
   * @param left left children
   * @param right right children
   * @param feature split features (ignored at leaves)
   * @param numFeature the model's number of features
   * @param where "file: tree t", prefixed to messages
   * @return the parent of each node, -1 at the root
   * @throws dev.sagemill.core.io.CorruptModelException naming the node and what is wrong
   */
  public static int[] checkedParents(int[] left, int[] right, int[] feature, int numFeature, String where)
      throws dev.sagemill.core.io.CorruptModelException {
    int n = left.length;
    if (right.length != n || feature.length != n) {
      throw new dev.sagemill.core.io.CorruptModelException(where + " has node arrays of different lengths");
    }
    int[] parent = new int[n];
    java.util.Arrays.fill(parent, -2);
    if (n > 0) {
      parent[0] = -1;
    }
    for (int i = 0; i < n; i++) {
      if (left[i] == -1) {
        continue;
      }
      if (left[i] <= i || left[i] >= n || right[i] <= i || right[i] >= n || left[i] == right[i]) {
        throw new dev.sagemill.core.io.CorruptModelException(where + " node " + i + " has children " + left[i]
            + ", " + right[i] + " (must be later nodes of the same tree)");
      }
      if (feature[i] < 0 || feature[i] >= numFeature) {
        throw new dev.sagemill.core.io.CorruptModelException(where + " node " + i + " splits on feature "
            + feature[i] + ", the model has " + numFeature);
      }
      for (int c : new int[] {left[i], right[i]}) {
        if (parent[c] != -2) {
          throw new dev.sagemill.core.io.CorruptModelException(where + " node " + c + " has two parents");
        }
        parent[c] = i;
      }
    }
    for (int i = 1; i < n; i++) {
      if (parent[i] < 0) {
        throw new dev.sagemill.core.io.CorruptModelException(where + " node " + i + " is unreachable");
      }
    }
    return parent;
  }

  /**
   * @param t a tree
   * @param node a node
   * @return where missing values go
   */
  public static boolean defaultLeft(Tree t, int node) {
    return t.defaultLeft[node];
  }

  /**
   * @param t a tree
   * @param node a node
   * @return the loss reduction of its split (0 at leaves)
   */
  public static float lossChange(Tree t, int node) {
    return t.lossChange[node];
  }

  /**
   * @param t a tree
   * @param node a node
   * @return its unshrunk weight
   */
  public static float baseWeight(Tree t, int node) {
    return t.baseWeight[node];
  }
}

package dev.sagemill.algo.gbdt;

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

package dev.sagemill.algo.gbdt.internal;

/**
 * Exact TreeSHAP (Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for Tree Ensembles",
 * 2018, Algorithm 2), with XGBoost's conventions: the expectation over "absent" features follows the training
 * cover (hessian sums) down the tree, missing values take the default branch, and the last entry of each output's
 * contribution vector is the bias (the ensemble's expected margin), so a row's contributions sum to its margin.
 * SHAP interaction values condition each feature on and off as XGBoost's {@code pred_interactions} does.
 *
 * <p>Stateless; thread-safe.
 */
public final class TreeShap {
  private TreeShap() {}

  /** One element of the decision path: feature, fraction of zero and one paths that flow through, weight. */
  private static final class Path {
    final int[] feature;
    final double[] zero;
    final double[] one;
    final double[] weight;
    int length;

    Path(int capacity) {
      feature = new int[capacity];
      zero = new double[capacity];
      one = new double[capacity];
      weight = new double[capacity];
    }

    Path copy() {
      Path p = new Path(feature.length);
      System.arraycopy(feature, 0, p.feature, 0, length);
      System.arraycopy(zero, 0, p.zero, 0, length);
      System.arraycopy(one, 0, p.one, 0, length);
      System.arraycopy(weight, 0, p.weight, 0, length);
      p.length = length;
      return p;
    }

    void extend(double pz, double po, int f) {
      int l = length;
      feature[l] = f;
      zero[l] = pz;
      one[l] = po;
      weight[l] = l == 0 ? 1 : 0;
      for (int i = l - 1; i >= 0; i--) {
        weight[i + 1] += po * weight[i] * (i + 1) / (l + 1);
        weight[i] = pz * weight[i] * (l - i) / (l + 1);
      }
      length = l + 1;
    }

    void unwind(int i) {
      int l = length - 1;
      double o = one[i];
      double z = zero[i];
      double n = weight[l];
      for (int j = l - 1; j >= 0; j--) {
        if (o != 0) {
          double t = weight[j];
          weight[j] = n * (l + 1) / ((j + 1) * o);
          n = t - weight[j] * z * (l - j) / (l + 1);
        } else {
          weight[j] = weight[j] * (l + 1) / (z * (l - j));
        }
      }
      for (int j = i; j < l; j++) {
        feature[j] = feature[j + 1];
        zero[j] = zero[j + 1];
        one[j] = one[j + 1];
      }
      length = l;
    }

    /** The total weight the path would have with element i unwound, without changing the path. */
    double unwoundSum(int i) {
      int l = length - 1;
      double o = one[i];
      double z = zero[i];
      double n = weight[l];
      double total = 0;
      if (o != 0) {
        for (int j = l - 1; j >= 0; j--) {
          double t = n * (l + 1) / ((j + 1) * o);
          total += t;
          n = weight[j] - t * z * (l - j) / (l + 1);
        }
      } else {
        for (int j = l - 1; j >= 0; j--) {
          total += weight[j] * (l + 1) / (z * (l - j));
        }
      }
      return total;
    }
  }

  /**
   * The expected value of a tree's output under its training cover.
   *
   * @param t the tree
   * @return Σ over leaves of cover(leaf)/cover(root) · value(leaf)
   */
  static double expectedValue(Tree t) {
    double root = t.cover[0];
    if (!(root > 0)) {
      throw new IllegalArgumentException("a tree has no cover (hessian sum) statistics; TreeSHAP needs them");
    }
    double e = 0;
    for (int i = 0; i < t.nodes(); i++) {
      if (t.left[i] < 0) {
        e += t.cover[i] / root * t.leafValue[i];
      }
    }
    return e;
  }

  /**
   * SHAP contributions of one dense row.
   *
   * @param e the ensemble
   * @param x the row (NaN = missing)
   * @return {@code outputs × (features + 1)}, row-major; the last column of each output is its bias
   */
  public static double[] contributions(TreeEnsemble e, float[] x) {
    return contributions(e, x, 0, -1);
  }

  private static double[] contributions(TreeEnsemble e, float[] x, int condition, int conditionFeature) {
    int d = e.featureDim();
    int k = e.outputs();
    double[] phi = new double[k * (d + 1)];
    double[] base = e.baseMargin();
    for (int g = 0; g < k; g++) {
      phi[g * (d + 1) + d] = condition == 0 ? base[g] : 0;
    }
    double[] tmp = new double[d + 1];
    for (int t = 0; t < e.size(); t++) {
      Tree tree = e.tree(t);
      java.util.Arrays.fill(tmp, 0);
      int depth = tree.depth() + 2;
      recurse(tree, x, tmp, 0, new Path(depth + 1), 1, 1, -1, condition, conditionFeature, 1);
      int g = e.group(t);
      double w = e.weight(t);
      for (int f = 0; f < d; f++) {
        phi[g * (d + 1) + f] += w * tmp[f];
      }
      if (condition == 0) {
        phi[g * (d + 1) + d] += w * expectedValue(tree);
      }
    }
    return phi;
  }

  private static void recurse(Tree t, float[] x, double[] phi, int node, Path parentPath, double pz, double po,
      int pi, int condition, int conditionFeature, double conditionFraction) {
    if (conditionFraction == 0) {
      return;
    }
    Path m = parentPath.copy();
    if (condition == 0 || conditionFeature != pi) {
      m.extend(pz, po, pi);
    }
    if (t.left[node] < 0) {
      for (int i = 1; i < m.length; i++) {
        double w = m.unwoundSum(i);
        phi[m.feature[i]] += w * (m.one[i] - m.zero[i]) * t.leafValue[node] * conditionFraction;
      }
      return;
    }
    int f = t.feature[node];
    float v = x[f];
    boolean goLeft = t.goesLeft(node, v);
    int hot = goLeft ? t.left[node] : t.right[node];
    int cold = goLeft ? t.right[node] : t.left[node];
    double cover = t.cover[node];
    double hotZero = cover > 0 ? t.cover[hot] / cover : 0;
    double coldZero = cover > 0 ? t.cover[cold] / cover : 0;
    double iz = 1;
    double io = 1;
    int k = -1;
    for (int i = 1; i < m.length; i++) {
      if (m.feature[i] == f) {
        k = i;
        break;
      }
    }
    if (k >= 0) {
      iz = m.zero[k];
      io = m.one[k];
      m.unwind(k);
    }
    double hotCondition = conditionFraction;
    double coldCondition = conditionFraction;
    if (condition > 0 && f == conditionFeature) {
      coldCondition = 0;
    } else if (condition < 0 && f == conditionFeature) {
      hotCondition *= hotZero;
      coldCondition *= coldZero;
    }
    recurse(t, x, phi, hot, m, hotZero * iz, io, f, condition, conditionFeature, hotCondition);
    recurse(t, x, phi, cold, m, coldZero * iz, 0, f, condition, conditionFeature, coldCondition);
  }

  /**
   * SHAP interaction values of one dense row.
   *
   * @param e the ensemble
   * @param x the row
   * @return {@code outputs × (features + 1) × (features + 1)}, row-major; off-diagonal entries are the pairwise
   *     interactions (split evenly between (i, j) and (j, i)), diagonal entries the main effects, the last row and
   *     column the bias; each output's matrix sums to its margin and its rows sum to the contributions
   */
  public static double[] interactions(TreeEnsemble e, float[] x) {
    int d = e.featureDim();
    int k = e.outputs();
    int w = d + 1;
    double[] out = new double[k * w * w];
    double[] phi = contributions(e, x);
    for (int i = 0; i < d; i++) {
      double[] on = contributions(e, x, 1, i);
      double[] off = contributions(e, x, -1, i);
      for (int g = 0; g < k; g++) {
        double offDiagonal = 0;
        for (int j = 0; j < w; j++) {
          double v = (on[g * w + j] - off[g * w + j]) / 2;
          out[g * w * w + i * w + j] = v;
          offDiagonal += v;
        }
        out[g * w * w + i * w + i] = phi[g * w + i] - (offDiagonal - out[g * w * w + i * w + i]);
      }
    }
    for (int g = 0; g < k; g++) {
      out[g * w * w + d * w + d] = phi[g * w + d];
    }
    return out;
  }
}

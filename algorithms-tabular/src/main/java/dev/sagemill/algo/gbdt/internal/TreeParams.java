package dev.sagemill.algo.gbdt.internal;

import java.util.List;

/**
 * How one regression tree is grown, in XGBoost's terms: regularisation ({@code lambda}, {@code alpha},
 * {@code gamma}, {@code min_child_weight}, {@code max_delta_step}), shape ({@code max_depth}, {@code max_leaves},
 * grow policy), column sampling per level and node, and monotone / interaction constraints. Immutable.
 *
 * @param eta learning rate (shrinkage applied to leaf weights)
 * @param lambda L2 regularisation of leaf weights
 * @param alpha L1 regularisation of leaf weights
 * @param gamma minimum loss reduction for a split
 * @param minChildWeight minimum hessian sum in a child
 * @param maxDeltaStep cap on the absolute leaf weight before shrinkage; 0 = none
 * @param maxDepth maximum depth; 0 = unlimited (lossguide only)
 * @param maxLeaves maximum leaves; 0 = unlimited
 * @param lossguide true for best-first (leaf-wise) growth, false for level-wise
 * @param colsampleBylevel fraction of the tree's features sampled per level
 * @param colsampleBynode fraction of the level's features sampled per node
 * @param monotone per-feature constraint -1, 0 or 1 (empty = none)
 * @param interactions allowed interaction sets of feature indices (empty = none)
 * @param minDataInLeaf LightGBM's {@code min_data_in_leaf}: the fewest rows in a child, counted as LightGBM does
 *     from the hessians (a child's count is its hessian share of the node's rows); 0 = no limit
 * @param categorical how categorical features split
 */
public record TreeParams(double eta, double lambda, double alpha, double gamma, double minChildWeight,
    double maxDeltaStep, int maxDepth, int maxLeaves, boolean lossguide, double colsampleBylevel,
    double colsampleBynode, int[] monotone, List<int[]> interactions, int minDataInLeaf,
    CategoricalParams categorical) {

  /**
   * Validates ranges.
   *
   * @param eta learning rate (shrinkage applied to leaf weights)
   * @param lambda L2 regularisation of leaf weights
   * @param alpha L1 regularisation of leaf weights
   * @param gamma minimum loss reduction for a split
   * @param minChildWeight minimum hessian sum in a child
   * @param maxDeltaStep cap on the absolute leaf weight before shrinkage; 0 = none
   * @param maxDepth maximum depth; 0 = unlimited (lossguide only)
   * @param maxLeaves maximum leaves; 0 = unlimited
   * @param lossguide true for best-first (leaf-wise) growth, false for level-wise
   * @param colsampleBylevel fraction of the tree's features sampled per level
   * @param colsampleBynode fraction of the level's features sampled per node
   * @param monotone per-feature constraint -1, 0 or 1 (empty = none)
   * @param interactions allowed interaction sets of feature indices (empty = none)
   * @param minDataInLeaf the fewest rows in a child (counted from hessians, as LightGBM); 0 = no limit
   * @param categorical how categorical features split
   */
  public TreeParams {
    if (!(eta >= 0) || !(lambda >= 0) || !(alpha >= 0) || !(gamma >= 0) || !(minChildWeight >= 0)
        || !(maxDeltaStep >= 0) || maxDepth < 0 || maxLeaves < 0 || minDataInLeaf < 0) {
      throw new IllegalArgumentException("tree parameters out of range: " + this);
    }
    if (maxDepth == 0 && maxLeaves == 0) {
      throw new IllegalArgumentException("max_depth 0 (unlimited) needs max_leaves > 0");
    }
    monotone = monotone == null ? new int[0] : monotone.clone();
    interactions = interactions == null ? List.of() : List.copyOf(interactions);
    categorical = categorical == null ? CategoricalParams.LIGHTGBM : categorical;
  }

  /**
   * LightGBM's categorical split settings: a feature with at most {@code maxCatToOnehot} bins tries each category
   * against the rest; otherwise categories with at least {@code catSmooth} rows are sorted by
   * {@code G/(H + catSmooth)} and the best prefix of at most {@code maxCatThreshold} of them, from either end, goes
   * left, with {@code catL2} added to the L2 penalty and at least {@code minDataPerGroup} rows per tried group.
   *
   * @param maxCatToOnehot {@code max_cat_to_onehot}
   * @param maxCatThreshold {@code max_cat_threshold}
   * @param catSmooth {@code cat_smooth}
   * @param catL2 {@code cat_l2}
   * @param minDataPerGroup {@code min_data_per_group}
   */
  public record CategoricalParams(int maxCatToOnehot, int maxCatThreshold, double catSmooth, double catL2,
      int minDataPerGroup) {
    /** LightGBM's defaults: 4, 32, 10, 10, 100. */
    public static final CategoricalParams LIGHTGBM = new CategoricalParams(4, 32, 10, 10, 100);

    /**
     * Validates ranges.
     *
     * @param maxCatToOnehot {@code max_cat_to_onehot}, at least 1
     * @param maxCatThreshold {@code max_cat_threshold}, at least 1
     * @param catSmooth {@code cat_smooth}, at least 0
     * @param catL2 {@code cat_l2}, at least 0
     * @param minDataPerGroup {@code min_data_per_group}, at least 1
     */
    public CategoricalParams {
      if (maxCatToOnehot < 1 || maxCatThreshold < 1 || !(catSmooth >= 0) || !(catL2 >= 0) || minDataPerGroup < 1) {
        throw new IllegalArgumentException("categorical split parameters out of range: " + maxCatToOnehot + ", "
            + maxCatThreshold + ", " + catSmooth + ", " + catL2 + ", " + minDataPerGroup);
      }
    }
  }

  /** @return true if any feature has a monotone constraint */
  boolean hasMonotone() {
    for (int c : monotone) {
      if (c != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param feature a feature index
   * @return its monotone constraint, 0 if none
   */
  int monotone(int feature) {
    return feature < monotone.length ? monotone[feature] : 0;
  }

  /** Soft-thresholding of the gradient sum by alpha (L1). */
  double thresholdL1(double g) {
    if (g > alpha) {
      return g - alpha;
    }
    if (g < -alpha) {
      return g + alpha;
    }
    return 0;
  }

  /**
   * The optimal leaf weight (before shrinkage) of a node with these sums, clipped to the node's monotone bounds.
   *
   * @param g gradient sum
   * @param h hessian sum
   * @param lower lower bound
   * @param upper upper bound
   * @return the weight
   */
  double weight(double g, double h, double lower, double upper) {
    if (h < minChildWeight || h <= 0) {
      return 0;
    }
    double w = -thresholdL1(g) / (h + lambda);
    if (maxDeltaStep != 0 && Math.abs(w) > maxDeltaStep) {
      w = Math.copySign(maxDeltaStep, w);
    }
    return Math.max(lower, Math.min(upper, w));
  }

  /**
   * The structure score of a node: how much loss its optimal weight removes (XGBoost's CalcGain).
   *
   * @param g gradient sum
   * @param h hessian sum
   * @param w the node's (clipped) weight, used when constraints or max_delta_step apply
   * @param constrained whether monotone constraints are active
   * @return the gain
   */
  double gain(double g, double h, double w, boolean constrained) {
    if (h <= 0) {
      return 0;
    }
    if (maxDeltaStep == 0 && !constrained) {
      double t = thresholdL1(g);
      return t * t / (h + lambda);
    }
    return -(2.0 * g * w + (h + lambda) * w * w);
  }
}

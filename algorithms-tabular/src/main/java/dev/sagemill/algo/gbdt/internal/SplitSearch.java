package dev.sagemill.algo.gbdt.internal;

import java.util.Arrays;

/**
 * Split evaluation: the best split of one feature for one node from the node's histogram and sums, XGBoost's
 * numerical scan (both directions for missing values, monotone constraints, {@code max_delta_step}, L1/L2) and
 * LightGBM's categorical search. Holds the tree's fixed-point units, set by the grower for each tree.
 *
 * <p>Thread-safe between {@link #setUnits} calls: the searches of a level run in parallel, each on its own
 * {@link Split}.
 */
final class SplitSearch {
  private final BinnedData data;
  private final TreeParams p;
  private final boolean constrained;
  private double unitG;
  private double unitH;

  SplitSearch(BinnedData data, TreeParams p) {
    this.data = data;
    this.p = p;
    this.constrained = p.hasMonotone();
  }

  /**
   * The tree's fixed-point units: a histogram cell times a unit is its gradient or hessian sum.
   *
   * @param unitG gradient per unit
   * @param unitH hessian per unit
   */
  void setUnits(double unitG, double unitH) {
    this.unitG = unitG;
    this.unitH = unitH;
  }

  /**
   * Scans one feature's bins forward (missing values go right) and, if the node has missing values of it, backward
   * (missing go left). Without monotone constraints or max_delta_step the gain has XGBoost's closed form
   * {@code T(G)²/(H+λ)}, evaluated inline.
   *
   * @param h the node's fixed-point histogram
   * @param pg the node's gradient sum
   * @param ph the node's hessian sum
   * @param lo the node's lower bound on leaf weights (monotone constraints)
   * @param hi its upper bound
   * @param rows the node's row count
   * @param f the feature
   * @param rootGain the node's own structure score
   * @param s the best split so far, updated
   */
  void numerical(long[] h, double pg, double ph, double lo, double hi, int rows, int f, double rootGain, Split s) {
    double ug = unitG;
    double uh = unitH;
    int slot = data.slotOffsets[f];
    int nb = data.cuts.bins(f);
    double mcw = minChildHessian(ph, rows);
    FeatureCuts cuts = data.cuts;
    boolean simple = !constrained && p.maxDeltaStep() == 0;
    int mono = p.monotone(f);
    // The scan keeps its best candidate in locals and hands it to the split once: the same choice as offering
    // every improving bin in turn (Split.update's rule: strictly better, or not worse than a split on a later
    // feature), without writing the split's fields on every improving bin.
    long qgl = 0;
    long qhl = 0;
    double gl = 0;
    double hl = 0;
    int found = -1;
    double foundLoss = s.lossChange;
    boolean tieWins = s.feature > f;
    double fgl = 0;
    double fhl = 0;
    // A bin without rows leaves the sums, and so the gain, as they were: it cannot strictly improve on the bin before
    // it, and ties keep the earlier bin, so it is skipped (deep nodes leave most of their 256 bins empty).
    for (int i = 0; i < nb; i++) {
      long bg = h[2 * (slot + i)];
      long bh = h[2 * (slot + i) + 1];
      if (bg == 0 && bh == 0 && i > 0) {
        continue;
      }
      qgl += bg;
      qhl += bh;
      gl = qgl * ug;
      hl = qhl * uh;
      double gr = pg - gl;
      double hr = ph - hl;
      if (hl >= mcw && hr >= mcw) {
        double loss = gainOf(gl, hl, gr, hr, simple, lo, hi, mono) - rootGain;
        if (tieWins ? !(foundLoss > loss) : loss > foundLoss) {
          found = i;
          foundLoss = loss;
          tieWins = false;
          fgl = gl;
          fhl = hl;
        }
      }
    }
    if (found >= 0) {
      s.update(foundLoss, f, found, cuts.cut(f, found), false, fgl, fhl, pg - fgl, ph - fhl);
    }
    // No row of the node has the feature (common in sparse data): every split would be empty on one side.
    if (hl == 0 || !hasMissing(h, slot, nb, pg - gl, ph - hl, ph)) {
      return;
    }
    long qgr = 0;
    long qhr = 0;
    found = -2; // the bin before the first (-1) is a split: everything right, missing left
    foundLoss = s.lossChange;
    tieWins = s.feature > f;
    double fgr = 0;
    double fhr = 0;
    for (int i = nb - 1; i >= 0; i--) {
      long bg = h[2 * (slot + i)];
      long bh = h[2 * (slot + i) + 1];
      if (bg == 0 && bh == 0 && i < nb - 1) {
        continue;
      }
      qgr += bg;
      qhr += bh;
      double gr = qgr * ug;
      double hr = qhr * uh;
      double gL = pg - gr;
      double hL = ph - hr;
      if (hL >= mcw && hr >= mcw) {
        double loss = gainOf(gL, hL, gr, hr, simple, lo, hi, mono) - rootGain;
        if (tieWins ? !(foundLoss > loss) : loss > foundLoss) {
          found = i - 1;
          foundLoss = loss;
          tieWins = false;
          fgr = gr;
          fhr = hr;
        }
      }
    }
    if (found >= -1) {
      float v = found >= 0 ? cuts.cut(f, found) : cuts.minValue(f);
      s.update(foundLoss, f, found, v, true, pg - fgr, ph - fhr, fgr, fhr);
    }
  }

  /**
   * The smallest hessian sum a child may have: {@code min_child_weight}, and with {@code min_data_in_leaf} the
   * hessian at which LightGBM's estimated row count {@code round(h · rows / H)} reaches the minimum.
   */
  private double minChildHessian(double ph, int n) {
    int mdl = p.minDataInLeaf();
    if (mdl == 0) {
      return p.minChildWeight();
    }
    return Math.max(p.minChildWeight(), (mdl - 0.5) * ph / Math.max(1, n));
  }

  /**
   * LightGBM's categorical split search. With few bins, each category against the rest; otherwise the categories
   * with enough rows sorted by {@code G/(H + cat_smooth)}, and prefixes of that order (from either end, at most
   * {@code max_cat_threshold} categories) sent left, with {@code cat_l2} added to the L2 penalty. Rows of the
   * missing code and of rare categories always go right.
   *
   * @param hist the node's fixed-point histogram
   * @param pg the node's gradient sum
   * @param ph the node's hessian sum
   * @param rows the node's row count
   * @param f the feature, categorical
   * @param rootGain the node's own structure score
   * @param s the best split so far, updated
   */
  void categorical(long[] hist, double pg, double ph, int rows, int f, double rootGain, Split s) {
    int nb = data.cuts.bins(f);
    double[] h = toDouble(hist, data.slotOffsets[f], nb);
    double minH = minChildHessian(ph, rows);
    int rowsInNode = rows;
    double perHessian = rowsInNode / ph;
    TreeParams.CategoricalParams cp = p.categorical();
    if (nb <= cp.maxCatToOnehot()) {
      for (int b = 0; b < nb; b++) {
        double g = h[2 * b];
        double hh = h[2 * b + 1];
        double gr = pg - g;
        double hr = ph - hh;
        if (hh >= minH && hr >= minH && hh > 0) {
          double loss = leafGain(g, hh, p.lambda()) + leafGain(gr, hr, p.lambda()) - rootGain;
          if (loss > s.lossChange || s.feature > f) {
            boolean[] lb = new boolean[nb + 1];
            lb[b] = true;
            s.updateCategorical(loss, f, lb, g, hh, gr, hr);
          }
        }
      }
      return;
    }
    int[] used = new int[nb];
    int m = 0;
    for (int b = 0; b < nb; b++) {
      if (Math.round(h[2 * b + 1] * perHessian) >= cp.catSmooth() && h[2 * b + 1] > 0) {
        used[m++] = b;
      }
    }
    if (m == 0) {
      return;
    }
    double[] ctr = new double[nb];
    for (int i = 0; i < m; i++) {
      int b = used[i];
      ctr[b] = h[2 * b] / (h[2 * b + 1] + cp.catSmooth());
    }
    Integer[] sorted = new Integer[m];
    for (int i = 0; i < m; i++) {
      sorted[i] = used[i];
    }
    Arrays.sort(sorted, (a, b) -> Double.compare(ctr[a], ctr[b]));
    double l2 = p.lambda() + cp.catL2();
    int maxCats = Math.min(cp.maxCatThreshold(), (m + 1) / 2);
    double minGroup = cp.minDataPerGroup();
    int bestCount = 0;
    int bestDir = 0;
    double bestLoss = Double.NEGATIVE_INFINITY;
    double[] bestSums = new double[4];
    for (int dir = 1; dir >= -1; dir -= 2) {
      double gl = 0;
      double hl = 0;
      double group = 0;
      for (int i = 0; i < m && i < maxCats; i++) {
        int b = sorted[dir > 0 ? i : m - 1 - i];
        gl += h[2 * b];
        hl += h[2 * b + 1];
        group += h[2 * b + 1] * perHessian;
        if (hl < minH) {
          continue;
        }
        double hr = ph - hl;
        double rightRows = hr * perHessian;
        if (hr < minH || rightRows < minGroup - 0.5) {
          break;
        }
        if (group < minGroup - 0.5) {
          continue;
        }
        group = 0;
        double gr = pg - gl;
        double loss = leafGain(gl, hl, l2) + leafGain(gr, hr, l2) - rootGain;
        if (loss > bestLoss) {
          bestLoss = loss;
          bestCount = i + 1;
          bestDir = dir;
          bestSums[0] = gl;
          bestSums[1] = hl;
          bestSums[2] = gr;
          bestSums[3] = hr;
        }
      }
    }
    if (bestDir == 0 || !(bestLoss > s.lossChange || s.feature > f)) {
      return;
    }
    boolean[] lb = new boolean[nb + 1];
    for (int i = 0; i < bestCount; i++) {
      lb[sorted[bestDir > 0 ? i : m - 1 - i]] = true;
    }
    s.updateCategorical(bestLoss, f, lb, bestSums[0], bestSums[1], bestSums[2], bestSums[3]);
  }

  /** One feature's bins of a fixed-point histogram in units of gradient and hessian, from index 0. */
  private double[] toDouble(long[] h, int slot, int nb) {
    double[] out = new double[2 * nb];
    for (int k = 0; k < out.length; k += 2) {
      out[k] = h[2 * slot + k] * unitG;
      out[k + 1] = h[2 * slot + k + 1] * unitH;
    }
    return out;
  }

  /** LightGBM's GetLeafGain without output constraints: {@code T(G)²/(H + l2)}. */
  private double leafGain(double g, double h, double l2) {
    double t = p.thresholdL1(g);
    return t * t / (h + l2);
  }

  /**
   * Whether the node has rows with this feature missing. Dense data counts them exactly in the feature's sink
   * slot; for sparse data they are the node total minus the bins, up to rounding.
   */
  private boolean hasMissing(long[] h, int slot, int nb, double missingG, double missingH, double ph) {
    if (!data.isSparse()) {
      return h[2 * (slot + nb) + 1] != 0 || h[2 * (slot + nb)] != 0;
    }
    return Math.abs(missingH) > 1e-9 * Math.max(1, Math.abs(ph)) || Math.abs(missingG) > 1e-9 * Math.max(1,
        Math.abs(ph));
  }

  /** The children's summed structure scores; inline closed form when no constraint or step cap applies. */
  private double gainOf(double gl, double hl, double gr, double hr, boolean simple, double lo, double hi,
      int mono) {
    if (!simple) {
      return splitGain(gl, hl, gr, hr, lo, hi, mono);
    }
    double lambda = p.lambda();
    double tl = p.thresholdL1(gl);
    double tr = p.thresholdL1(gr);
    return (hl > 0 ? tl * tl / (hl + lambda) : 0) + (hr > 0 ? tr * tr / (hr + lambda) : 0);
  }

  private double splitGain(double gl, double hl, double gr, double hr, double lo, double hi, int mono) {
    double wl = p.weight(gl, hl, lo, hi);
    double wr = p.weight(gr, hr, lo, hi);
    double gain = p.gain(gl, hl, wl, constrained) + p.gain(gr, hr, wr, constrained);
    if (mono > 0 && wl > wr || mono < 0 && wl < wr) {
      return Double.NEGATIVE_INFINITY;
    }
    return gain;
  }
}

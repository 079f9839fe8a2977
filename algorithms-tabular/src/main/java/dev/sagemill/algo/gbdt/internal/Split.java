package dev.sagemill.algo.gbdt.internal;

/**
 * The best split of a node: which feature and bin (or, for a categorical feature, which bins go left), where
 * missing goes, and the children's sums.
 */
final class Split {
  int feature = -1;
  int bin;
  float value;
  boolean defaultLeft;
  double lossChange;
  double gl;
  double hl;
  double gr;
  double hr;
  /** Categorical splits: per bin code (the missing code last, always false), whether it goes left. */
  boolean[] leftBins;

  /** XGBoost's SplitEntry::NeedReplace: ties go to the lower feature index. */
  boolean update(double loss, int f, int b, float v, boolean dl, double gL, double hL, double gR, double hR) {
    boolean replace = feature < 0 ? loss > 0 : (feature <= f ? loss > lossChange : !(lossChange > loss));
    if (replace) {
      lossChange = loss;
      feature = f;
      bin = b;
      value = v;
      defaultLeft = dl;
      gl = gL;
      hl = hL;
      gr = gR;
      hr = hR;
      leftBins = null;
    }
    return replace;
  }

  /** Like {@link #update}, for a categorical split sending the marked bins left. */
  void updateCategorical(double loss, int f, boolean[] left, double gL, double hL, double gR, double hR) {
    if (update(loss, f, -1, Float.NaN, false, gL, hL, gR, hR)) {
      leftBins = left;
    }
  }

  void merge(Split o) {
    if (o.feature >= 0) {
      boolean[] lb = o.leftBins;
      if (update(o.lossChange, o.feature, o.bin, o.value, o.defaultLeft, o.gl, o.hl, o.gr, o.hr)) {
        leftBins = lb;
      }
    }
  }
}

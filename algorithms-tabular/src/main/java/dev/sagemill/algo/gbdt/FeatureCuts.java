package dev.sagemill.algo.gbdt;

import java.util.Arrays;

/**
 * Histogram bin boundaries of every feature, in XGBoost's {@code hist} convention: feature {@code f} has
 * {@link #bins(int)} bins whose upper bounds are its cut values; a value {@code v} falls into the first bin whose cut
 * is greater than {@code v}, so "bin ≤ b" is the same test as "v &lt; cut(f, b)". A split on bin {@code b} therefore
 * exports as XGBoost's {@code split_condition = cut(f, b)} with "less than goes left", and trees predict on raw
 * values exactly as they partitioned the binned training rows.
 *
 * <p>Cuts are stored flat: feature {@code f}'s cuts are {@code values[offsets[f] .. offsets[f+1])}; the global bin
 * id {@code offsets[f] + b} indexes histograms. {@link #minValue(int)} is the split value that sends every
 * non-missing value right. Immutable and thread-safe.
 */
public final class FeatureCuts {
  private final int[] offsets;
  private final float[] values;
  private final float[] minValues;

  FeatureCuts(int[] offsets, float[] values, float[] minValues) {
    this.offsets = offsets;
    this.values = values;
    this.minValues = minValues;
  }

  /**
   * Computes the cuts of one feature from its observed non-missing values, as XGBoost does from its quantile
   * summary: up to {@code maxBin} summary points (all distinct values when there are at most {@code maxBin}, else
   * weighted quantiles), the first of which is the minimum; the cuts are the summary points after the first, then one
   * value above the maximum.
   *
   * @param values the values (sorted in place); NaN must have been removed
   * @param weights per-value weights aligned with {@code values}, or null for unit weights
   * @param count how many leading entries of {@code values} to use
   * @param maxBin the most bins, at least 2
   * @return {cuts..., minValue} where the last element is the feature's min value for the "all right" split
   */
  static float[] cutsOf(float[] values, float[] weights, int count, int maxBin) {
    if (count == 0) {
      // A feature never observed: one bin, no split possible on it.
      return new float[] {Float.MIN_NORMAL, -Float.MIN_NORMAL};
    }
    float[] v;
    double[] w;
    if (weights == null) {
      v = Arrays.copyOf(values, count);
      Arrays.sort(v);
      w = null;
    } else {
      // Sort (value, index) pairs packed in longs: the value's order-preserving bits high, the index low.
      long[] packed = new long[count];
      for (int i = 0; i < count; i++) {
        int bits = Float.floatToIntBits(values[i]);
        int key = bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
        packed[i] = ((long) (key ^ Integer.MIN_VALUE) << 32) | i;
      }
      Arrays.sort(packed);
      v = new float[count];
      w = new double[count];
      for (int i = 0; i < count; i++) {
        int idx = (int) packed[i];
        v[i] = values[idx];
        w[i] = weights[idx];
      }
    }
    // Distinct values with their total weight.
    int distinct = 0;
    double[] dw = new double[count];
    float[] dv = new float[count];
    for (int i = 0; i < count; i++) {
      double wi = w == null ? 1.0 : w[i];
      if (distinct > 0 && dv[distinct - 1] == v[i]) {
        dw[distinct - 1] += wi;
      } else {
        dv[distinct] = v[i];
        dw[distinct] = wi;
        distinct++;
      }
    }
    float[] summary;
    if (distinct <= maxBin) {
      summary = Arrays.copyOf(dv, distinct);
    } else {
      summary = quantileSummary(dv, dw, distinct, maxBin + 1);
    }
    int n = Math.min(summary.length, maxBin);
    float[] out = new float[n + 1];
    int k = 0;
    for (int i = 1; i < n; i++) {
      if (k == 0 || summary[i] > out[k - 1]) {
        out[k++] = summary[i];
      }
    }
    float max = summary[summary.length - 1];
    out[k++] = max + (Math.abs(max) + 1e-5f);
    float min = summary[0];
    float minValue = min - (Math.abs(min) + 1e-5f);
    float[] result = Arrays.copyOf(out, k + 1);
    result[k] = minValue;
    return result;
  }

  /** The minimum, then the distinct values at weighted ranks k/(maxBin-1) of the total weight, then the maximum. */
  private static float[] quantileSummary(float[] dv, double[] dw, int distinct, int maxBin) {
    double total = 0;
    for (int i = 0; i < distinct; i++) {
      total += dw[i];
    }
    float[] s = new float[maxBin];
    int k = 0;
    s[k++] = dv[0];
    double cum = 0;
    int i = 0;
    for (int q = 1; q < maxBin - 1; q++) {
      double target = total * q / (maxBin - 1);
      // the smallest distinct value whose cumulative weight (including itself) reaches the target rank
      while (i < distinct - 1 && cum + dw[i] < target) {
        cum += dw[i];
        i++;
      }
      if (dv[i] > s[k - 1]) {
        s[k++] = dv[i];
      }
    }
    if (dv[distinct - 1] > s[k - 1]) {
      s[k++] = dv[distinct - 1];
    }
    return Arrays.copyOf(s, k);
  }

  /**
   * Assembles per-feature results of {@link #cutsOf}.
   *
   * @param perFeature one array per feature, cuts then min value
   * @return the cuts
   */
  static FeatureCuts assemble(float[][] perFeature) {
    int d = perFeature.length;
    int[] offsets = new int[d + 1];
    for (int f = 0; f < d; f++) {
      offsets[f + 1] = offsets[f] + perFeature[f].length - 1;
    }
    float[] values = new float[offsets[d]];
    float[] mins = new float[d];
    for (int f = 0; f < d; f++) {
      int nb = perFeature[f].length - 1;
      System.arraycopy(perFeature[f], 0, values, offsets[f], nb);
      mins[f] = perFeature[f][nb];
    }
    return new FeatureCuts(offsets, values, mins);
  }

  /** @return the number of features */
  public int features() {
    return minValues.length;
  }

  /**
   * @param feature a feature index
   * @return its number of bins, at least 1
   */
  public int bins(int feature) {
    return offsets[feature + 1] - offsets[feature];
  }

  /**
   * @param feature a feature index
   * @return the global id of its first bin
   */
  public int offset(int feature) {
    return offsets[feature];
  }

  /** @return the total number of bins over all features (histogram length in bins) */
  public int totalBins() {
    return offsets[offsets.length - 1];
  }

  /** @return the largest bin count of any feature */
  public int maxBins() {
    int m = 0;
    for (int f = 0; f < features(); f++) {
      m = Math.max(m, bins(f));
    }
    return m;
  }

  /**
   * @param feature a feature index
   * @param bin a bin of that feature
   * @return the upper bound of the bin: values below it fall in this bin or an earlier one
   */
  public float cut(int feature, int bin) {
    return values[offsets[feature] + bin];
  }

  /**
   * @param feature a feature index
   * @return a value below every observed value of the feature
   */
  public float minValue(int feature) {
    return minValues[feature];
  }

  /**
   * The bin of a non-missing value; values beyond the last cut go to the last bin.
   *
   * @param feature a feature index
   * @param v the value, not NaN
   * @return the bin index within the feature
   */
  public int binOf(int feature, float v) {
    int base = offsets[feature];
    int n = offsets[feature + 1] - base;
    // Branch-free upper bound: halve the range with a conditional move instead of an unpredictable branch.
    while (n > 1) {
      int half = n >>> 1;
      base = values[base + half - 1] <= v ? base + half : base;
      n -= half;
    }
    int bin = base - offsets[feature] + (values[base] <= v ? 1 : 0);
    return Math.min(bin, bins(feature) - 1);
  }

  /** @return a copy of the flat cut values */
  float[] flatValues() {
    return values.clone();
  }

  /** @return a copy of the feature offsets */
  int[] flatOffsets() {
    return offsets.clone();
  }

  /** @return a copy of the min values */
  float[] flatMinValues() {
    return minValues.clone();
  }
}

package dev.sagemill.algo.gbdt.internal;

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
 * non-missing value right.
 *
 * <p>A categorical feature (LightGBM's native categorical handling) has one bin per kept category instead: its
 * categories in ascending order, stored as cuts {@code c + 0.5}, so the same search finds a category's bin. Only
 * non-negative integer categories seen often enough in the sample are kept; any other value (negative, unseen,
 * rare) bins as missing ({@link #bins(int)}), which a categorical split always sends right, as LightGBM does.
 * Immutable and thread-safe.
 */
public final class FeatureCuts {
  /** Categories are integers below this bound, so that {@code c + 0.5} is exact in a float. */
  static final int MAX_CATEGORY = 1 << 22;
  /** LightGBM's fraction of the sampled rows that the kept categories must cover before rare ones are dropped. */
  private static final double CATEGORY_COVERAGE = 0.99;
  /** LightGBM's min_data_in_bin: a category seen fewer times in the sample is not kept (beyond the first two). */
  private static final int MIN_CATEGORY_COUNT = 3;

  private final int[] offsets;
  private final float[] values;
  private final float[] minValues;
  private final boolean[] categorical;

  FeatureCuts(int[] offsets, float[] values, float[] minValues, boolean[] categorical) {
    this.offsets = offsets;
    this.values = values;
    this.minValues = minValues;
    this.categorical = categorical;
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
   * @param midpoints place each cut halfway between the distinct values on either side of it, as LightGBM does,
   *     instead of at the upper one (XGBoost); the bins of the sampled values are the same, unseen values between
   *     them go to the nearer side
   * @return {cuts..., minValue} where the last element is the feature's min value for the "all right" split
   */
  static float[] cutsOf(float[] values, float[] weights, int count, int maxBin, boolean midpoints) {
    if (count == 0) {
      // A feature never observed: one bin, no split possible on it.
      return new float[] {Float.MIN_NORMAL, -Float.MIN_NORMAL};
    }
    float[] v;
    double[] w;
    if (weights == null) {
      v = Arrays.copyOf(values, count);
      RadixSort.sortFloats(v, count);
      w = null;
    } else {
      // Sort (value, index) pairs packed in longs: the value's order-preserving bits high, the index low.
      long[] packed = new long[count];
      for (int i = 0; i < count; i++) {
        packed[i] = ((long) (RadixSort.orderKey(values[i]) ^ Integer.MIN_VALUE) << 32) | i;
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
      float c = summary[i];
      if (midpoints) {
        int at = Arrays.binarySearch(dv, 0, distinct, c);
        float below = dv[at - 1];
        float mid = below + (c - below) / 2;
        c = mid > below ? mid : c;
      }
      if (k == 0 || c > out[k - 1]) {
        out[k++] = c;
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

  /**
   * The bins of a categorical feature from its sampled values, as LightGBM chooses them: categories by descending
   * count are kept while they cover less than 99% of the sample or fewer than {@code maxBin - 1} are kept, and
   * only while seen at least 3 times (the two most frequent always). Values are truncated to integers; negative
   * ones are missing.
   *
   * @param values the sampled values (NaN removed); not modified
   * @param count how many leading entries to use
   * @param maxBin the most bins
   * @return {cuts..., minValue} in the layout of {@link #cutsOf}, one cut {@code c + 0.5} per kept category
   */
  static float[] categoricalCutsOf(float[] values, int count, int maxBin) {
    int[] cats = new int[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      float v = values[i];
      if (v >= 0 && v < MAX_CATEGORY) {
        cats[n++] = (int) v;
      }
    }
    Arrays.sort(cats, 0, n);
    // (count, category) packed so that one sort orders by count descending, then category ascending.
    long[] byCount = new long[n];
    int distinct = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && cats[j] == cats[i]) {
        j++;
      }
      byCount[distinct++] = ((long) (Integer.MAX_VALUE - (j - i)) << 32) | cats[i];
      i = j;
    }
    Arrays.sort(byCount, 0, distinct);
    int[] kept = new int[distinct];
    int k = 0;
    long used = 0;
    for (int i = 0; i < distinct; i++) {
      int c = Integer.MAX_VALUE - (int) (byCount[i] >>> 32);
      boolean needed = used < CATEGORY_COVERAGE * n || k < maxBin - 1;
      if (!needed || (c < MIN_CATEGORY_COUNT && k >= 2)) {
        break;
      }
      kept[k++] = (int) byCount[i];
      used += c;
    }
    if (k == 0) {
      // One bin that no value reaches (its category is out of range): every value of the feature is missing.
      return new float[] {MAX_CATEGORY + 0.5f, -0.5f};
    }
    Arrays.sort(kept, 0, k);
    float[] out = new float[k + 1];
    for (int i = 0; i < k; i++) {
      out[i] = kept[i] + 0.5f;
    }
    out[k] = -0.5f;
    return out;
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
   * @param categorical which features are categorical (built by {@link #categoricalCutsOf}); null if none
   * @return the cuts
   */
  static FeatureCuts assemble(float[][] perFeature, boolean[] categorical) {
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
    boolean any = false;
    for (int f = 0; categorical != null && f < d; f++) {
      any |= categorical[f];
    }
    return new FeatureCuts(offsets, values, mins, any ? categorical.clone() : null);
  }

  /**
   * @param feature a feature index
   * @return whether its bins are categories
   */
  public boolean isCategorical(int feature) {
    return categorical != null && categorical[feature];
  }

  /** @return whether any feature is categorical */
  public boolean anyCategorical() {
    return categorical != null;
  }

  /**
   * @param feature a categorical feature
   * @param bin one of its bins
   * @return the category value the bin holds
   */
  public int category(int feature, int bin) {
    return (int) values[offsets[feature] + bin];
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
   * The bin of a non-missing value; numeric values beyond the last cut go to the last bin, and a categorical
   * value that is not one of the feature's kept categories gets the missing code {@link #bins(int)}.
   *
   * @param feature a feature index
   * @param v the value, not NaN
   * @return the bin index within the feature, or {@code bins(feature)} for an unknown category
   */
  public int binOf(int feature, float v) {
    if (categorical != null && categorical[feature]) {
      return categoryBin(feature, v);
    }
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

  private int categoryBin(int feature, float v) {
    int missing = bins(feature);
    if (!(v >= 0 && v < MAX_CATEGORY)) {
      return missing;
    }
    int c = (int) v;
    int lo = offsets[feature];
    int hi = offsets[feature + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int m = (int) values[mid];
      if (m < c) {
        lo = mid + 1;
      } else if (m > c) {
        hi = mid - 1;
      } else {
        return mid - offsets[feature];
      }
    }
    return missing;
  }
}

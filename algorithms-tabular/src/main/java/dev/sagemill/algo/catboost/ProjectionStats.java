package dev.sagemill.algo.catboost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CatBoost's target statistics of one projection (a categorical feature or a combination) on the training rows.
 * Each row's Borders statistics count only the rows before it in a random permutation ("ordered target statistics",
 * Prokhorenkova et al. 2018), so a row's own label never leaks into its feature; the Counter statistic uses every row
 * (it does not read labels). The full-data counts become the {@link CtrTable} the model applies at prediction.
 * Each statistic is quantized into {@link #CTR_BORDERS} uniform borders over its observed range, as CatBoost's
 * default CTR quantization. Immutable after construction.
 */
final class ProjectionStats {
  /** CatBoost's default number of borders of a CTR feature. */
  static final int CTR_BORDERS = 15;

  private final int[] projection;
  private final LongIntMap index;
  private final int[] counts;
  private final int stride;
  private final List<SplitCandidate> candidates;

  /**
   * Computes the statistics.
   *
   * @param projection categorical feature indices, ascending
   * @param categories per raw feature, the {@link CategoricalEncoder#categoryKey} of every row (null for features
   *     that are not categorical)
   * @param labels training labels
   * @param targetBorders label borders of the Borders statistics
   * @param priors the priors of the Borders statistics
   * @param permutation the training rows in the order the statistics accumulate
   */
  ProjectionStats(int[] projection, int[][] categories, float[] labels, float[] targetBorders, float[] priors,
      int[] permutation) {
    this.projection = projection.clone();
    int n = labels.length;
    int nb = targetBorders.length;
    this.stride = 1 + nb;
    long[] key = new long[n];
    for (int r = 0; r < n; r++) {
      long h = CategoricalEncoder.startKey();
      for (int f : projection) {
        h = CategoricalEncoder.extendKey(h, categories[f][r]);
      }
      key[r] = h;
    }
    index = new LongIntMap(1024);
    int[] id = new int[n];
    int[] c = new int[1024 * stride];
    float[][] values = new float[nb * priors.length + 1][n];
    for (int p = 0; p < n; p++) {
      int r = permutation[p];
      int i = index.idOf(key[r]);
      id[r] = i;
      if ((i + 1) * stride > c.length) {
        c = Arrays.copyOf(c, c.length * 2);
      }
      int base = i * stride;
      int count = c[base];
      for (int b = 0; b < nb; b++) {
        int above = c[base + 1 + b];
        for (int j = 0; j < priors.length; j++) {
          values[b * priors.length + j][r] = CategoricalEncoder.borders(above, count, priors[j]);
        }
        if (labels[r] > targetBorders[b]) {
          c[base + 1 + b]++;
        }
      }
      c[base]++;
    }
    counts = Arrays.copyOf(c, index.size() * stride);
    float[] counter = values[values.length - 1];
    for (int r = 0; r < n; r++) {
      counter[r] = counts[id[r] * stride] / (float) n;
    }
    candidates = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      for (int j = 0; j < priors.length; j++) {
        addCandidate(new DerivedFeature(DerivedFeature.Kind.BORDERS, projection, 0f, b, priors[j]),
            values[b * priors.length + j]);
      }
    }
    addCandidate(new DerivedFeature(DerivedFeature.Kind.COUNTER, projection, 0f, 0, 0f), counter);
  }

  private void addCandidate(DerivedFeature d, float[] v) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    if (!(max > min)) {
      return; // constant: no split
    }
    float[] cuts = new float[CTR_BORDERS];
    int kept = 0;
    for (int j = 1; j <= CTR_BORDERS; j++) {
      float cut = min + (max - min) * j / (CTR_BORDERS + 1);
      if (kept == 0 || cut > cuts[kept - 1]) {
        cuts[kept++] = cut;
      }
    }
    cuts = Arrays.copyOf(cuts, kept);
    char[] bins = new char[v.length];
    for (int r = 0; r < v.length; r++) {
      bins[r] = (char) binOf(cuts, v[r]);
    }
    candidates.add(new SplitCandidate(-1, d, bins, cuts));
  }

  /**
   * @param cuts ascending split values
   * @param v a value
   * @return the number of cuts at or below {@code v}
   */
  static int binOf(float[] cuts, float v) {
    int lo = 0;
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cuts[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  int[] projection() {
    return projection.clone();
  }

  /** @return the split candidates: the non-constant Borders statistics, then Counter */
  List<SplitCandidate> candidates() {
    return candidates;
  }

  /** @return the full-data counts as the model's table */
  CtrTable table() {
    int m = index.size();
    long[] keys = new long[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      keys[i] = index.keyOf(i);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
    long[] sortedKeys = new long[m];
    int[] sortedCounts = new int[m * stride];
    for (int i = 0; i < m; i++) {
      sortedKeys[i] = keys[order[i]];
      System.arraycopy(counts, order[i] * stride, sortedCounts, i * stride, stride);
    }
    return new CtrTable(sortedKeys, sortedCounts, stride);
  }
}

package dev.sagemill.algo.catboost;

import dev.sagemill.core.data.FeatureVector;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Maps a raw row to the feature space a CatBoost model's trees split on: the raw features, then every
 * {@link DerivedFeature} the trees use, with target statistics from the whole training set (the ordered,
 * leakage-free statistics exist only during training). An unseen category has count 0, so its Borders statistic is
 * its prior and its Counter 0. Immutable and thread-safe.
 */
final class CategoricalEncoder {
  private final int rawDim;
  private final float[] targetBorders;
  private final int trainRows;
  private final List<DerivedFeature> derived;
  private final Map<String, CtrTable> tables;

  /**
   * @param rawDim the raw feature count
   * @param targetBorders label borders of the Borders statistics (a label above border b counts for b)
   * @param trainRows training rows (the Counter denominator)
   * @param derived the derived features in model order
   * @param tables the statistics per projection, keyed by {@link #projectionId(int[])}
   */
  CategoricalEncoder(int rawDim, float[] targetBorders, int trainRows, List<DerivedFeature> derived,
      Map<String, CtrTable> tables) {
    this.rawDim = rawDim;
    this.targetBorders = targetBorders.clone();
    this.trainRows = trainRows;
    this.derived = List.copyOf(derived);
    this.tables = Map.copyOf(tables);
    for (DerivedFeature d : derived) {
      if (d.kind() != DerivedFeature.Kind.ONE_HOT && !tables.containsKey(projectionId(d.projection()))) {
        throw new IllegalArgumentException("no statistics for " + d);
      }
      for (int f : d.projection()) {
        if (f < 0 || f >= rawDim) {
          throw new IllegalArgumentException(d + " uses feature " + f + " outside [0, " + rawDim + ")");
        }
      }
    }
  }

  int rawDim() {
    return rawDim;
  }

  /** @return raw plus derived features */
  int dim() {
    return rawDim + derived.size();
  }

  float[] targetBorders() {
    return targetBorders.clone();
  }

  int trainRows() {
    return trainRows;
  }

  List<DerivedFeature> derived() {
    return derived;
  }

  Map<String, CtrTable> tables() {
    return tables;
  }

  /**
   * @param projection categorical feature indices, ascending
   * @return the name of its statistics table
   */
  static String projectionId(int[] projection) {
    return Arrays.toString(projection);
  }

  /**
   * The key of one categorical value: the float's bits, with every NaN (a missing category) one key and −0 equal
   * to 0.
   *
   * @param v the value
   * @return its key
   */
  static int categoryKey(float v) {
    return Float.floatToIntBits(v == 0f ? 0f : v);
  }

  /**
   * Starts a projection key.
   *
   * @return the key of the empty combination
   */
  static long startKey() {
    return 0x243F6A8885A308D3L;
  }

  /**
   * Extends a projection key by one more feature's category (in ascending feature order).
   *
   * @param h the key so far
   * @param category the next feature's {@link #categoryKey}
   * @return the extended key
   */
  static long extendKey(long h, int category) {
    long z = (h ^ (category & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A Borders statistic.
   *
   * @param above rows with the category and a label above the border
   * @param count rows with the category
   * @param prior the prior
   * @return {@code (above + prior) / (count + 1)}
   */
  static float borders(int above, int count, float prior) {
    return (above + prior) / (count + 1f);
  }

  /**
   * Writes the model-space features of a row.
   *
   * @param x the raw row
   * @param out receives {@link #dim()} values at {@code offset}
   * @param offset where to write
   */
  void encode(FeatureVector x, float[] out, int offset) {
    for (int f = 0; f < rawDim; f++) {
      out[offset + f] = x.get(f);
    }
    for (int i = 0; i < derived.size(); i++) {
      out[offset + rawDim + i] = value(derived.get(i), out, offset);
    }
  }

  /**
   * The value of one derived feature for a raw row laid out densely.
   *
   * @param d the feature
   * @param raw raw values at {@code offset}
   * @param offset the row's first raw value
   * @return the value
   */
  float value(DerivedFeature d, float[] raw, int offset) {
    int[] p = d.projection();
    if (d.kind() == DerivedFeature.Kind.ONE_HOT) {
      return categoryKey(raw[offset + p[0]]) == categoryKey(d.value()) ? 1f : 0f;
    }
    long key = startKey();
    for (int f : p) {
      key = extendKey(key, categoryKey(raw[offset + f]));
    }
    CtrTable t = tables.get(projectionId(p));
    int count = t.count(key);
    if (d.kind() == DerivedFeature.Kind.COUNTER) {
      return count / (float) trainRows;
    }
    return borders(t.above(key, d.targetBorder()), count, d.prior());
  }
}

package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.random.RandomStream;
import java.util.Arrays;
import java.util.List;

/**
 * Which features a tree, a level and a node may split on: XGBoost's {@code colsample_bytree}, {@code _bylevel} and
 * {@code _bynode} samples, and its interaction constraints. Stateless.
 */
final class FeatureSampling {
  private FeatureSampling() {}

  /**
   * XGBoost's column sampler: max(1, floor(fraction × n)) features drawn without replacement, kept sorted.
   *
   * @param features the features to sample from, ascending
   * @param fraction the share to keep, in (0, 1]
   * @param rng the stream of this tree, level or node
   * @return the sample, ascending
   */
  static int[] sample(int[] features, double fraction, RandomStream rng) {
    if (fraction >= 1.0 || features.length == 0) {
      return features;
    }
    int n = Math.max(1, (int) (fraction * features.length));
    int[] copy = features.clone();
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(copy.length - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    int[] out = Arrays.copyOf(copy, n);
    Arrays.sort(out);
    return out;
  }

  /**
   * The features a node may split on under XGBoost's {@code interaction_constraints}: those of every group that holds
   * all the features already used on the node's path.
   *
   * @param set the sampled features, ascending
   * @param pathFeatures the features split on above the node
   * @param interactions the constraint groups, each ascending; empty for none
   * @param features the number of features
   * @return the allowed features of {@code set}, in order
   */
  static int[] allowedByInteractions(int[] set, int[] pathFeatures, List<int[]> interactions, int features) {
    if (interactions.isEmpty() || pathFeatures.length == 0) {
      return set;
    }
    boolean[] allowed = new boolean[features];
    for (int[] group : interactions) {
      boolean containsPath = true;
      for (int f : pathFeatures) {
        if (Arrays.binarySearch(group, f) < 0) {
          containsPath = false;
          break;
        }
      }
      if (containsPath) {
        for (int f : group) {
          if (f < allowed.length) {
            allowed[f] = true;
          }
        }
      }
    }
    int[] out = new int[set.length];
    int k = 0;
    for (int f : set) {
      if (allowed[f]) {
        out[k++] = f;
      }
    }
    return Arrays.copyOf(out, k);
  }
}

package dev.sagemill.algo.catboost;

/**
 * A quantized training column the tree search may split on: a raw numeric feature ({@code derived == null}) or a
 * {@link DerivedFeature}. Bin {@code b} holds values below {@code cuts[b]} (and at least {@code cuts[b − 1]}), so the
 * split "bin ≤ b goes left" is the model's "value &lt; cuts[b] goes left"; missing raw values are in bin 0, left of
 * every split (CatBoost's {@code nan_mode=Min}).
 *
 * @param rawFeature the raw feature index, or -1 for a derived feature
 * @param derived the derived feature, or null
 * @param bins one bin per training row
 * @param cuts {@code bins − 1} split values, ascending
 */
record SplitCandidate(int rawFeature, DerivedFeature derived, char[] bins, float[] cuts) {
  /** @return the number of bins */
  int binCount() {
    return cuts.length + 1;
  }
}

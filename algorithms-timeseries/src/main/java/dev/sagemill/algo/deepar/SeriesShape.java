package dev.sagemill.algo.deepar;

import java.util.Arrays;

/**
 * What a DeepAR network reads per time point and per series, fixed when training starts: the frequency (lags and
 * calendar features), the likelihood, the categorical features' cardinalities and the number of dynamic features.
 * The network's input per time point is the lagged scaled targets, the calendar features, the age feature
 * {@code log10(2 + t)}, the dynamic features, then the static part: each categorical feature's embedding and the log
 * of the series' scale.
 *
 * <p>Immutable and thread-safe.
 *
 * @param frequency the series' frequency
 * @param likelihood the noise model
 * @param lags the lags read, ascending
 * @param cardinality per categorical feature, its number of values (empty when none are used)
 * @param dynamicFeatures the dynamic features per time point
 * @param embeddingDimension the size of each categorical feature's embedding
 */
record SeriesShape(TimeFrequency frequency, Likelihood likelihood, int[] lags, int[] cardinality,
    int dynamicFeatures, int embeddingDimension) {
  SeriesShape {
    lags = lags.clone();
    cardinality = cardinality.clone();
  }

  @Override
  public int[] lags() {
    return lags.clone();
  }

  @Override
  public int[] cardinality() {
    return cardinality.clone();
  }

  /** @return the largest lag */
  int maxLag() {
    return lags[lags.length - 1];
  }

  /** @return the per-time-point inputs built in Java (lags, calendar, age, dynamic) */
  int pointInputs() {
    return lags.length + frequency.timeFeatureCount() + 1 + dynamicFeatures;
  }

  /** @return the static inputs (embeddings and log scale) */
  int staticInputs() {
    return cardinality.length * embeddingDimension + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesShape s && s.frequency.equals(frequency) && s.likelihood == likelihood
        && Arrays.equals(s.lags, lags) && Arrays.equals(s.cardinality, cardinality)
        && s.dynamicFeatures == dynamicFeatures && s.embeddingDimension == embeddingDimension;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lags) * 31 + Arrays.hashCode(cardinality);
  }

  @Override
  public String toString() {
    return "SeriesShape[" + frequency + ", " + likelihood.sageMakerName() + ", " + lags.length + " lags, cardinality "
        + Arrays.toString(cardinality) + ", " + dynamicFeatures + " dynamic features]";
  }
}

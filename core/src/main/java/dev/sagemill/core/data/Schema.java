package dev.sagemill.core.data;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a dataset's rows: feature dimension, label dimension, and optionally feature names and which
 * features are categorical. Frozen into every model, so predict can reject rows of the wrong dimension.
 *
 * <p>Immutable and thread-safe.
 */
public final class Schema {
  private final int featureDim;
  private final int labelDim;
  private final List<String> featureNames;
  private final BitSet categorical;

  private Schema(int featureDim, int labelDim, List<String> featureNames, BitSet categorical) {
    if (featureDim < 0 || labelDim < 0) {
      throw new IllegalArgumentException("featureDim and labelDim must be >= 0, got " + featureDim + ", " + labelDim);
    }
    if (featureNames != null && featureNames.size() != featureDim) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + featureDim + " features");
    }
    if (categorical.length() > featureDim) {
      throw new IllegalArgumentException("categorical feature " + (categorical.length() - 1)
          + " is outside [0, " + featureDim + ")");
    }
    this.featureDim = featureDim;
    this.labelDim = labelDim;
    this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
    this.categorical = (BitSet) categorical.clone();
  }

  /**
   * A schema with unnamed, numeric features.
   *
   * @param featureDim number of features
   * @param labelDim number of label values per row (0 = unlabelled)
   * @return the schema
   */
  public static Schema of(int featureDim, int labelDim) {
    return new Schema(featureDim, labelDim, null, new BitSet());
  }

  /**
   * A copy with feature names.
   *
   * @param names one name per feature
   * @return the new schema
   */
  public Schema withFeatureNames(List<String> names) {
    return new Schema(featureDim, labelDim, new ArrayList<>(Objects.requireNonNull(names, "names")), categorical);
  }

  /**
   * A copy marking the given features categorical.
   *
   * @param featureIndices 0-based feature indices
   * @return the new schema
   */
  public Schema withCategorical(int... featureIndices) {
    BitSet c = (BitSet) categorical.clone();
    for (int i : featureIndices) {
      c.set(i);
    }
    return new Schema(featureDim, labelDim, featureNames, c);
  }

  /** @return the number of features */
  public int featureDim() {
    return featureDim;
  }

  /** @return the number of label values per row; 0 for unlabelled data */
  public int labelDim() {
    return labelDim;
  }

  /** @return the feature names, when known */
  public Optional<List<String>> featureNames() {
    return Optional.ofNullable(featureNames);
  }

  /**
   * Whether a feature is categorical.
   *
   * @param feature 0-based index
   * @return true if categorical
   */
  public boolean isCategorical(int feature) {
    return categorical.get(feature);
  }

  /** @return the categorical feature indices in increasing order */
  public int[] categoricalFeatures() {
    return categorical.stream().toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.featureDim == featureDim && s.labelDim == labelDim
        && Objects.equals(s.featureNames, featureNames) && s.categorical.equals(categorical);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureDim, labelDim, featureNames, categorical);
  }

  @Override
  public String toString() {
    return "Schema[featureDim=" + featureDim + ", labelDim=" + labelDim + "]";
  }
}

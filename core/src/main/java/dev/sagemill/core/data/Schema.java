package dev.sagemill.core.data;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The shape of a dataset's rows: feature dimension, label dimension, and optionally feature names, which
 * features are categorical, and the number the data gave its first feature when it numbered them itself (libsvm's
 * {@code index:value} pairs may start at 0 or 1). Frozen into every model, so predict can reject rows of the wrong
 * dimension and read sparse text rows with the numbering the model was trained on.
 *
 * <p>Immutable and thread-safe.
 */
public final class Schema {
  private final int featureDim;
  private final int labelDim;
  private final List<String> featureNames;
  private final BitSet categorical;
  /** The first feature's number in the data's own numbering, or -1 when the data did not number its features. */
  private final int indexBase;

  private Schema(int featureDim, int labelDim, List<String> featureNames, BitSet categorical, int indexBase) {
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
    if (indexBase < -1 || indexBase > 1) {
      throw new IllegalArgumentException("index base must be 0 or 1, got " + indexBase);
    }
    this.featureDim = featureDim;
    this.labelDim = labelDim;
    this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
    this.categorical = (BitSet) categorical.clone();
    this.indexBase = indexBase;
  }

  /**
   * A schema with unnamed, numeric features.
   *
   * @param featureDim number of features
   * @param labelDim number of label values per row (0 = unlabelled)
   * @return the schema
   */
  public static Schema of(int featureDim, int labelDim) {
    return new Schema(featureDim, labelDim, null, new BitSet(), -1);
  }

  /**
   * A copy with feature names.
   *
   * @param names one name per feature
   * @return the new schema
   */
  public Schema withFeatureNames(List<String> names) {
    return new Schema(featureDim, labelDim, new ArrayList<>(Objects.requireNonNull(names, "names")), categorical,
        indexBase);
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
    return new Schema(featureDim, labelDim, featureNames, c, indexBase);
  }

  /**
   * A copy recording how the data numbered its features.
   *
   * @param base the number of the first feature: 0 or 1
   * @return the new schema
   */
  public Schema withIndexBase(int base) {
    if (base != 0 && base != 1) {
      throw new IllegalArgumentException("index base must be 0 or 1, got " + base);
    }
    return new Schema(featureDim, labelDim, featureNames, categorical, base);
  }

  /**
   * A copy carrying another schema's index base, if it has one.
   *
   * @param from the schema whose numbering to keep (the training data's)
   * @return the new schema
   */
  public Schema withIndexBaseOf(Schema from) {
    return new Schema(featureDim, labelDim, featureNames, categorical, from.indexBase);
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

  /**
   * The number the data gave its first feature, when it numbered its features itself (libsvm files); empty for
   * data whose features are positions (CSV, dense records) and for models saved before sagemill recorded it.
   *
   * @return 0 or 1, or empty
   */
  public OptionalInt indexBase() {
    return indexBase < 0 ? OptionalInt.empty() : OptionalInt.of(indexBase);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.featureDim == featureDim && s.labelDim == labelDim
        && Objects.equals(s.featureNames, featureNames) && s.categorical.equals(categorical)
        && s.indexBase == indexBase;
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureDim, labelDim, featureNames, categorical, indexBase);
  }

  @Override
  public String toString() {
    return "Schema[featureDim=" + featureDim + ", labelDim=" + labelDim
        + (indexBase < 0 ? "" : ", indexBase=" + indexBase) + "]";
  }
}

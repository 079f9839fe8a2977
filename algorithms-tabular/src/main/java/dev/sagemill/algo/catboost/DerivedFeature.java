package dev.sagemill.algo.catboost;

import java.util.Arrays;

/**
 * A feature CatBoost derives from categorical columns, appended after the raw features in the model's feature space:
 * a one-hot indicator ({@code 1} when the column holds {@code value}, else {@code 0}), a {@code Borders} target
 * statistic of a projection (one categorical feature or a combination) — the smoothed share of rows with the
 * projection's category whose label exceeds {@code targetBorder}: {@code (count_above + prior) / (count + 1)} — or a
 * {@code Counter} statistic, the projection's category frequency {@code count / rows}.
 *
 * @param kind which statistic
 * @param projection the categorical feature indices combined, ascending (one for one-hot); callers must not modify
 *     the array the accessor returns
 * @param value the category of a one-hot indicator (unused otherwise)
 * @param targetBorder index of the label border of a Borders statistic (unused otherwise)
 * @param prior the prior of a Borders statistic (unused otherwise)
 */
record DerivedFeature(Kind kind, int[] projection, float value, int targetBorder, float prior) {
  /** The kinds of derived feature. */
  enum Kind {
    ONE_HOT, BORDERS, COUNTER
  }

  DerivedFeature {
    projection = projection.clone();
  }

  /** @return a stable text form, used as a map key and in model files */
  String key() {
    return kind + ":" + Arrays.toString(projection) + ":" + Float.floatToIntBits(value) + ":" + targetBorder + ":"
        + Float.floatToIntBits(prior);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DerivedFeature d && d.key().equals(key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ONE_HOT -> "f" + projection[0] + "==" + value;
      case COUNTER -> "Counter" + Arrays.toString(projection);
      case BORDERS -> "Borders" + Arrays.toString(projection) + "[border " + targetBorder + ", prior " + prior + "]";
    };
  }
}

package dev.sagemill.core.estimator;

import dev.sagemill.core.data.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model that scores how much each feature contributes (tree ensembles: XGBoost's {@code weight}, {@code gain},
 * {@code cover}, {@code total_gain}, {@code total_cover}), keyed by feature name: the schema's names, else
 * XGBoost's {@code f0}, {@code f1}, ....
 *
 * <p>Thread-safe, as every {@link Model}.
 */
public interface FeatureImportance {
  /** @return the importance types this model computes, the first being the default */
  List<String> importanceTypes();

  /**
   * @param type one of {@link #importanceTypes()}
   * @return every feature's importance in feature order (0 for features never used)
   * @throws IllegalArgumentException if the type is not one of {@link #importanceTypes()}, naming them
   */
  Map<String, Double> featureImportance(String type);

  /**
   * Keys values by feature name.
   *
   * @param schema the model's schema
   * @param values one value per feature
   * @return the values by name ({@code f<i>} when the schema has no names), in feature order
   */
  static Map<String, Double> byName(Schema schema, double[] values) {
    List<String> names = schema.featureNames().orElse(null);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int f = 0; f < values.length; f++) {
      out.put(names != null ? names.get(f) : "f" + f, values[f]);
    }
    return out;
  }
}

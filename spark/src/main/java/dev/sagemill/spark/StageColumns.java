package dev.sagemill.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The column params both sagemill stages share, owned by one stage's uid: the features column (a Spark ML
 * {@code Vector}, dense or sparse), the label and weight columns (numeric) and the prefix put before the answer
 * fields' names in the output columns.
 */
final class StageColumns implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final Param<String> featuresCol;
  final Param<String> labelCol;
  final Param<String> weightCol;
  final Param<String> outputPrefix;

  StageColumns(String uid) {
    featuresCol = new Param<>(uid, "featuresCol", "the features column: a Spark ML Vector, dense or sparse");
    labelCol = new Param<>(uid, "labelCol", "the label column (numeric); rows train unlabelled when the default "
        + "column 'label' is absent");
    weightCol = new Param<>(uid, "weightCol", "the row-weight column (numeric); unset: every row weighs 1");
    outputPrefix = new Param<>(uid, "outputPrefix", "put before each answer field's name (score, predicted_label, "
        + "closest_cluster, ...) to name its output column");
  }

  /** Sets the defaults on the owning stage. */
  void setDefaults(Params owner) {
    owner.setDefault(featuresCol, "features");
    owner.setDefault(labelCol, "label");
    owner.setDefault(outputPrefix, "");
  }

  Param<?>[] all() {
    return new Param<?>[] {featuresCol, labelCol, weightCol, outputPrefix};
  }
}

package dev.sagemill.algo.linear;

import dev.sagemill.core.param.Choice;

/** What a linear learner predicts: SageMaker's {@code predictor_type}. */
public enum PredictorType implements Choice {
  /** Labels 0/1; answers {@code score} (probability for logistic loss) and {@code predicted_label}. */
  BINARY_CLASSIFIER("binary_classifier"),
  /** Labels 0..num_classes-1; answers per-class {@code score} and {@code predicted_label}. */
  MULTICLASS_CLASSIFIER("multiclass_classifier"),
  /** Real-valued labels; answers {@code score}. */
  REGRESSOR("regressor");

  private final String value;

  PredictorType(String value) {
    this.value = value;
  }

  @Override
  public String value() {
    return value;
  }

  /**
   * @param name SageMaker's name
   * @return the type
   */
  public static PredictorType fromValue(String name) {
    for (PredictorType t : values()) {
      if (t.value.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown predictor_type " + name);
  }
}

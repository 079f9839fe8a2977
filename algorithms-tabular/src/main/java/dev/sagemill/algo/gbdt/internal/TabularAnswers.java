package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.estimator.Prediction;

/**
 * The answer of SageMaker's JumpStart tabular algorithms (LightGBM, CatBoost) for one row: classifiers give
 * {@code probabilities} (one per class; {@code [1 − p, p]} for binary), {@code predicted_label} (the most probable
 * class) and, for binary, {@code probability}; every other objective gives {@code prediction}, the margin through
 * the objective's link.
 */
public final class TabularAnswers {
  private TabularAnswers() {}

  /**
   * @param objective maps margins to predictions
   * @param classifier whether the objective is a classification loss
   * @param m margins
   * @param offset the row's first margin
   * @param k margins per row
   * @return the answer
   */
  public static Prediction of(Objective objective, boolean classifier, double[] m, int offset, int k) {
    Prediction.Builder b = Prediction.builder();
    if (!classifier) {
      double[] v = new double[1];
      objective.transform(m, offset, k, v, 0);
      return b.put("prediction", v[0]).build();
    }
    double[] probs;
    if (k > 1) {
      probs = new double[k];
      Objectives.softmaxInto(m, offset, k, probs, 0);
    } else {
      double[] p = new double[1];
      objective.transform(m, offset, 1, p, 0);
      probs = new double[] {1 - p[0], p[0]};
      b.put("probability", p[0]);
    }
    int best = 0;
    for (int j = 1; j < probs.length; j++) {
      if (probs[j] > probs[best]) {
        best = j;
      }
    }
    return b.put("probabilities", probs).put("predicted_label", best).build();
  }
}

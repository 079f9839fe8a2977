package dev.sagemill.core.metrics;

/**
 * The area under the ROC curve, swept from the highest score down one group of tied scores at a time, ties counted
 * half (the Mann-Whitney statistic). The one AUC of sagemill: {@link Metrics#auc} feeds it groups of equal doubles,
 * the tree engine groups of equal float32 predictions (as XGBoost scores them) from its radix sort, and sweeps of
 * consecutive score ranges run apart combine exactly with {@link #addBelow}.
 *
 * <p>Not thread-safe: one sweep per instance.
 */
public final class RocArea {
  private double tp;
  private double fp;
  private double area;

  /**
   * Adds the next group of tied scores (lower than every group added so far).
   *
   * @param groupPositives the group's positive weight
   * @param groupNegatives the group's negative weight
   */
  public void addGroup(double groupPositives, double groupNegatives) {
    area += groupNegatives * (tp + groupPositives / 2);
    tp += groupPositives;
    fp += groupNegatives;
  }

  /**
   * Adds a sweep of the scores just below those swept so far, whose own sweep started from zero.
   *
   * @param below the lower sweep
   */
  public void addBelow(RocArea below) {
    area += below.area + below.fp * tp;
    tp += below.tp;
    fp += below.fp;
  }

  /** @return the area, NaN when one class is absent (as XGBoost and scikit-learn report it) */
  public double auc() {
    return tp == 0 || fp == 0 ? Double.NaN : area / (tp * fp);
  }
}

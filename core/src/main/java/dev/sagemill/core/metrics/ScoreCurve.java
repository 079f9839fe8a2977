package dev.sagemill.core.metrics;

/**
 * The ranking of binary labels by score, one point per distinct score from the highest down: at each, the weight of
 * positives and negatives with that score and the cumulative true and false positives of the threshold "score ≥ it".
 * ROC and precision-recall curves, the ROC area and average precision are all read from it.
 *
 * <p>Immutable.
 */
public final class ScoreCurve {
  private final double[] thresholds;
  private final double[] groupPositives;
  private final double[] groupNegatives;
  private final double[] truePositives;
  private final double[] falsePositives;
  private final double positives;
  private final double negatives;

  private ScoreCurve(double[] thresholds, double[] groupPositives, double[] groupNegatives, double[] tp, double[] fp,
      double positives, double negatives) {
    this.thresholds = thresholds;
    this.groupPositives = groupPositives;
    this.groupNegatives = groupNegatives;
    this.truePositives = tp;
    this.falsePositives = fp;
    this.positives = positives;
    this.negatives = negatives;
  }

  /**
   * Ranks labels by score, grouping equal scores.
   *
   * @param y labels in {0, 1} (above 0.5 is positive)
   * @param score scores, higher = more likely positive
   * @param weights row weights, or null for 1 each
   * @return the curve
   * @throws IllegalArgumentException if the lengths differ
   */
  public static ScoreCurve of(double[] y, double[] score, double[] weights) {
    if (y.length != score.length || (weights != null && weights.length != y.length)) {
      throw new IllegalArgumentException("labels, scores and weights differ in length: " + y.length + ", "
          + score.length + ", " + (weights == null ? "none" : Integer.toString(weights.length)));
    }
    int[] order = Ranking.descending(score, score.length);
    int groups = 0;
    for (int i = 0; i < order.length; i++) {
      if (i == 0 || score[order[i]] != score[order[i - 1]]) {
        groups++;
      }
    }
    double[] thresholds = new double[groups];
    double[] pos = new double[groups];
    double[] neg = new double[groups];
    double[] tps = new double[groups];
    double[] fps = new double[groups];
    double tp = 0;
    double fp = 0;
    int g = -1;
    for (int i = 0; i < order.length; i++) {
      int r = order[i];
      if (i == 0 || score[r] != score[order[i - 1]]) {
        g++;
        thresholds[g] = score[r];
      }
      double w = weights == null ? 1 : weights[r];
      if (y[r] > 0.5) {
        pos[g] += w;
      } else {
        neg[g] += w;
      }
      if (i + 1 == order.length || score[order[i + 1]] != score[r]) {
        tp += pos[g];
        fp += neg[g];
        tps[g] = tp;
        fps[g] = fp;
      }
    }
    return new ScoreCurve(thresholds, pos, neg, tps, fps, tp, fp);
  }

  /** @return the number of distinct scores */
  public int points() {
    return thresholds.length;
  }

  /**
   * @param i a point, 0 for the highest score
   * @return its score
   */
  public double threshold(int i) {
    return thresholds[i];
  }

  /**
   * @param i a point
   * @return the positive weight of the rows with exactly its score
   */
  public double groupPositives(int i) {
    return groupPositives[i];
  }

  /**
   * @param i a point
   * @return the negative weight of the rows with exactly its score
   */
  public double groupNegatives(int i) {
    return groupNegatives[i];
  }

  /**
   * @param i a point
   * @return the positive weight scored at or above its score
   */
  public double truePositives(int i) {
    return truePositives[i];
  }

  /**
   * @param i a point
   * @return the negative weight scored at or above its score
   */
  public double falsePositives(int i) {
    return falsePositives[i];
  }

  /** @return the total positive weight */
  public double positives() {
    return positives;
  }

  /** @return the total negative weight */
  public double negatives() {
    return negatives;
  }

  /**
   * The ROC curve from (0, 0): one point per distinct score.
   *
   * @return {false positive rates, true positive rates}, {@code points() + 1} each; NaN rates when a class is absent
   */
  public double[][] roc() {
    double[] fpr = new double[points() + 1];
    double[] tpr = new double[points() + 1];
    for (int i = 0; i < points(); i++) {
      fpr[i + 1] = falsePositives[i] / negatives;
      tpr[i + 1] = truePositives[i] / positives;
    }
    return new double[][] {fpr, tpr};
  }

  /**
   * The precision-recall curve, one point per distinct score (recall ascending).
   *
   * @return {recalls, precisions}, {@code points()} each
   */
  public double[][] precisionRecall() {
    double[] recall = new double[points()];
    double[] precision = new double[points()];
    for (int i = 0; i < points(); i++) {
      recall[i] = truePositives[i] / positives;
      precision[i] = truePositives[i] / (truePositives[i] + falsePositives[i]);
    }
    return new double[][] {recall, precision};
  }
}

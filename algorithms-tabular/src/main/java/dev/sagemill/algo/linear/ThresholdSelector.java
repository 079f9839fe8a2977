package dev.sagemill.algo.linear;

import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.metrics.Ranking;

/**
 * Chooses a binary classifier's decision threshold on calibration samples for SageMaker's
 * {@code binary_classifier_model_selection_criteria}: the threshold maximising accuracy or F-beta, the best
 * precision among thresholds reaching {@code target_recall}, or the best recall among those reaching
 * {@code target_precision}. Rows with score &gt; threshold are predicted positive. Stateless.
 */
final class ThresholdSelector {
  /** A chosen threshold and the criterion value it reaches (higher is better). */
  record Choice(double threshold, double value) {}

  private ThresholdSelector() {}

  /**
   * @param score scores (n)
   * @param label labels in {0, 1} (n)
   * @param weight weights (n)
   * @param n number of samples
   * @param criterion accuracy, f_beta, precision_at_target_recall or recall_at_target_precision
   * @param beta F-beta's beta
   * @param targetRecall the recall target
   * @param targetPrecision the precision target
   * @return the best threshold
   */
  static Choice select(double[] score, double[] label, double[] weight, int n, String criterion, double beta,
      double targetRecall, double targetPrecision) {
    int[] order = Ranking.descending(score, n);
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < n; i++) {
      if (label[i] > 0.5) {
        pos += weight[i];
      } else {
        neg += weight[i];
      }
    }
    // Start with nothing predicted positive: threshold above the highest score.
    double bestT = n == 0 ? 0.5 : Math.nextUp(score[order[0]]);
    double bestV = value(0, 0, pos, neg, criterion, beta, targetRecall, targetPrecision);
    double tp = 0;
    double fp = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && score[order[j]] == score[order[i]]) {
        int r = order[j];
        if (label[r] > 0.5) {
          tp += weight[r];
        } else {
          fp += weight[r];
        }
        j++;
      }
      double v = value(tp, fp, pos, neg, criterion, beta, targetRecall, targetPrecision);
      if (v > bestV) {
        bestV = v;
        // Midway to the next lower score, so rows scoring exactly score[order[i]] are positive.
        bestT = j < n ? (score[order[i]] + score[order[j]]) / 2 : Math.nextDown(score[order[i]]);
      }
      i = j;
    }
    return new Choice(bestT, bestV);
  }

  private static double value(double tp, double fp, double pos, double neg, String criterion, double beta,
      double targetRecall, double targetPrecision) {
    double fn = pos - tp;
    double precision = tp + fp == 0 ? 1 : tp / (tp + fp);
    double recall = pos == 0 ? 0 : tp / pos;
    return switch (criterion) {
      case "accuracy" -> (tp + (neg - fp)) / Math.max(pos + neg, Double.MIN_VALUE);
      case "f_beta" -> Metrics.fBetaFromCounts(tp, fp, fn, beta);
      // Thresholds missing the target rank below every one reaching it, ordered by how close they come.
      case "precision_at_target_recall" -> recall >= targetRecall ? precision : recall - 1;
      case "recall_at_target_precision" -> precision >= targetPrecision && tp > 0 ? recall : precision - 1;
      default -> throw new IllegalArgumentException("not a threshold criterion: " + criterion);
    };
  }
}

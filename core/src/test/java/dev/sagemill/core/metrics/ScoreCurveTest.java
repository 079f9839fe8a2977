package dev.sagemill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** ROC and precision-recall points of a small ranking worked out by hand. */
class ScoreCurveTest {
  @Test
  void rocAndPrecisionRecallOfAHandWorkedRanking() {
    // Ranked: + (0.9), - (0.8), + and - tied (0.7), - (0.1).
    double[] y = {0, 1, 0, 1, 0};
    double[] score = {0.8, 0.9, 0.1, 0.7, 0.7};
    ScoreCurve c = ScoreCurve.of(y, score, null);
    assertEquals(4, c.points());
    assertEquals(2, c.positives());
    assertEquals(3, c.negatives());
    double[][] roc = c.roc();
    assertArrayEquals(new double[] {0, 0, 1.0 / 3, 2.0 / 3, 1}, roc[0], 1e-15);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc[1], 1e-15);
    double[][] pr = c.precisionRecall();
    assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, pr[0], 1e-15);
    assertArrayEquals(new double[] {1, 0.5, 0.5, 0.4}, pr[1], 1e-15);
    // The trapezoids under those points: the tie's diagonal counts half.
    assertEquals((0.5 / 3 + (0.5 + 1) / 2 / 3 + 1.0 / 3), Metrics.auc(y, score, null), 1e-15);
    // Average precision: recall steps 0.5 at precision 1, then 0.5 at precision 0.5.
    assertEquals(0.75, Metrics.aucpr(y, score, null), 1e-15);
  }

  @Test
  void weightsCountAsRepeatedRows() {
    ScoreCurve weighted = ScoreCurve.of(new double[] {1, 0}, new double[] {0.9, 0.1}, new double[] {2, 3});
    ScoreCurve repeated = ScoreCurve.of(new double[] {1, 1, 0, 0, 0}, new double[] {0.9, 0.9, 0.1, 0.1, 0.1}, null);
    assertArrayEquals(repeated.roc()[0], weighted.roc()[0], 0);
    assertArrayEquals(repeated.roc()[1], weighted.roc()[1], 0);
    assertThrows(IllegalArgumentException.class, () -> ScoreCurve.of(new double[2], new double[3], null));
  }
}

package dev.sagemill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * Reference values were computed with scikit-learn 1.9.1 (numpy 2.4.6, Python 3.11) on the arrays below:
 * roc_auc_score, average_precision_score, log_loss, accuracy_score, precision_score, recall_score, f1_score,
 * fbeta_score, mean_squared_error, mean_absolute_error, r2_score, each with and without sample_weight.
 */
class MetricsTest {
  private static final double TOL = 1e-12;
  private static final double[] Y = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0};
  private static final double[] S = {0.9, 0.1, 0.8, 0.4, 0.4, 0.3, 0.65, 0.7, 0.2, 0.05};
  private static final double[] W = {1, 2, 1, 0.5, 1, 1, 3, 1, 1, 2};
  private static final double[] YR = {3.0, -0.5, 2.0, 7.0, 4.2};
  private static final double[] PR = {2.5, 0.0, 2.0, 8.0, 3.9};
  private static final double[] WR = {1, 2, 1, 0.5, 3};

  private static double[] labels(double[] s) {
    double[] l = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      l[i] = s[i] > 0.5 ? 1 : 0;
    }
    return l;
  }

  @Test
  void binaryMetricsMatchScikitLearn() {
    assertEquals(0.78, Metrics.auc(Y, S, null), TOL);
    assertEquals(0.8516483516483516, Metrics.auc(Y, S, W), TOL);
    assertEquals(0.8083333333333333, Metrics.aucpr(Y, S, null), TOL);
    assertEquals(0.8539811066126856, Metrics.aucpr(Y, S, W), TOL);
    assertEquals(0.5513142809448781, Metrics.logloss(Y, S, null), TOL);
    assertEquals(0.44986793227718447, Metrics.logloss(Y, S, W), TOL);
    double[] pl = labels(S);
    assertEquals(0.7, Metrics.accuracy(Y, pl, null), TOL);
    assertEquals(0.8148148148148148, Metrics.accuracy(Y, pl, W), TOL);
    assertEquals(0.3, Metrics.error(Y, S, 0.5, null), TOL);
    assertEquals(0.75, Metrics.precision(Y, pl, null), TOL);
    assertEquals(0.8333333333333334, Metrics.precision(Y, pl, W), TOL);
    assertEquals(0.6, Metrics.recall(Y, pl, null), TOL);
    assertEquals(0.7692307692307693, Metrics.recall(Y, pl, W), TOL);
    assertEquals(0.6666666666666666, Metrics.f1(Y, pl, null), TOL);
    assertEquals(0.78125, Metrics.fBeta(Y, pl, 2.0, W), TOL);
  }

  @Test
  void regressionMetricsMatchScikitLearn() {
    assertEquals(0.318, Metrics.mse(YR, PR, null), TOL);
    assertEquals(0.20266666666666672, Metrics.mse(YR, PR, WR), TOL);
    assertEquals(Math.sqrt(0.318), Metrics.rmse(YR, PR, null), TOL);
    assertEquals(0.4600000000000001, Metrics.mae(YR, PR, null), TOL);
    assertEquals(0.38666666666666677, Metrics.mae(YR, PR, WR), TOL);
    assertEquals(0.9480256276150627, Metrics.r2(YR, PR, null), TOL);
    assertEquals(0.9589765734643204, Metrics.r2(YR, PR, WR), TOL);
  }

  @Test
  void multiclassMetricsMatchScikitLearn() {
    double[] y = {0, 2, 1, 2, 0, 1};
    double[] p = {.7, .2, .1, .1, .3, .6, .2, .5, .3, .3, .4, .3, .5, .25, .25, .1, .1, .8};
    assertEquals(0.9600588043574326, Metrics.mlogloss(y, p, 3, null), TOL);
    assertEquals(0.33333333333333337, Metrics.merror(y, p, 3, null), TOL);
    assertThrows(IllegalArgumentException.class, () -> Metrics.mlogloss(new double[] {3}, new double[] {.2, .3, .5}, 3, null));
  }

  @Test
  void multiclassTopKAndMacroAveragesMatchScikitLearn() {
    // top_k_accuracy_score(k=2), precision/recall/fbeta_score(beta=0.5, average="macro"), scikit-learn 1.9.1
    double[] y = {0, 2, 1, 2, 0, 1, 1, 2};
    double[] p = {.7, .2, .1, .1, .3, .6, .2, .5, .3, .3, .4, .3, .5, .25, .25, .1, .1, .8, .4, .35, .25, .6, .3, .1};
    double[] w = {1, 2, 1, 1, 0.5, 1, 3, 1};
    double[] predicted = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      predicted[i] = Metrics.argmax(p, i * 3, 3);
    }
    assertEquals(0.875, Metrics.topKAccuracy(y, p, 3, 2, null), TOL);
    double[] macro = Metrics.macroPrecisionRecallFBeta(y, predicted, 3, 0.5, null);
    assertEquals(0.5, macro[0], TOL);
    assertEquals(0.5555555555555555, macro[1], TOL);
    assertEquals(0.48821548821548827, macro[2], TOL);
    double[] weighted = Metrics.macroPrecisionRecallFBeta(y, predicted, 3, 0.5, w);
    assertEquals(0.47979797979797983, weighted[0], TOL);
    assertEquals(0.5666666666666667, weighted[1], TOL);
    assertEquals(0.4429214402618658, weighted[2], TOL);
  }

  @Test
  void aucEqualsPairCountingOnRandomDataWithTies() {
    RandomStream rng = RandomStream.of(17);
    int n = 300;
    double[] y = new double[n];
    double[] s = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextDouble() < 0.4 ? 1 : 0;
      s[i] = Math.round(rng.nextDouble() * 20) / 20.0 + 0.1 * y[i]; // coarse scores: many ties
      w[i] = 0.5 + rng.nextDouble();
    }
    double concordant = 0;
    double pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 0) {
          double ww = w[i] * w[j];
          pairs += ww;
          concordant += s[i] > s[j] ? ww : (s[i] == s[j] ? ww / 2 : 0);
        }
      }
    }
    assertEquals(concordant / pairs, Metrics.auc(y, s, w), 1e-12);
  }

  @Test
  void clusteringDistances() {
    double[] d2 = {1, 4, 9};
    assertEquals(14, Metrics.ssd(d2, null), TOL);
    assertEquals(14 / 3.0, Metrics.msd(d2, null), TOL);
    assertEquals((1 + 8 + 9) / 4.0, Metrics.msd(d2, new double[] {1, 2, 1}), TOL);
  }

  @Test
  void degenerateInputs() {
    assertTrue(Double.isNaN(Metrics.auc(new double[] {1, 1}, new double[] {0.2, 0.3}, null)));
    assertTrue(Double.isNaN(Metrics.r2(new double[] {2, 2}, new double[] {1, 3}, null)));
    assertEquals(0, Metrics.precision(new double[] {1, 0}, new double[] {0, 0}, null));
    assertThrows(IllegalArgumentException.class, () -> Metrics.mse(new double[2], new double[3], null));
  }
}

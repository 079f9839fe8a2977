package dev.sagemill.algo.gbdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import org.junit.jupiter.api.Test;

class EvalMetricTest {
  @Test
  void radixAucEqualsTheMannWhitneyStatisticWithTiesAndWeights() {
    RandomStream rng = RandomStream.of(4);
    int n = 5000;
    double[] y = new double[n];
    double[] s = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextDouble() < 0.3 ? 1 : 0;
      // few distinct values, both signs, so ties and the sign handling matter
      s[i] = Math.round((rng.nextGaussian() + y[i]) * 4) / 4.0;
      w[i] = 0.5 + rng.nextDouble();
    }
    assertEquals(Metrics.auc(y, s, null), EvalMetric.binaryAuc(y, s, null), 1e-12);
    assertEquals(Metrics.auc(y, s, w), EvalMetric.binaryAuc(y, s, w), 1e-12);
  }

  @Test
  void xgboostMetricDefinitions() {
    double[] y = {0, 1, 1, 0};
    double[] margin = {-2, 0.5, -0.1, 0.3};
    Objective logistic = Objectives.of("binary:logistic", 0.7, 1.5, 1);
    EvalMetric.EvalData d = new EvalMetric.EvalData(y, null, null, margin, 1, logistic);
    // p = sigmoid(margin): 0.119, 0.622, 0.475, 0.574 -> error counts p > 0.5 as 1: rows 2 and 3 are wrong
    assertEquals(0.5, EvalMetric.of("error").evaluate(d), 1e-12);
    assertEquals(0.25, EvalMetric.of("error@0.6").evaluate(d), 1e-12);
    double ll = 0;
    for (int i = 0; i < 4; i++) {
      double p = 1 / (1 + Math.exp(-margin[i]));
      ll -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
    }
    assertEquals(ll / 4, EvalMetric.of("logloss").evaluate(d), 1e-12);
    // NDCG@2 of one query: ranking by margin 0.5, 0.3, -0.1, -2 puts relevances 1, 0 on top; ideal is 1, 1.
    Objective rank = Objectives.of("rank:ndcg", 0.7, 1.5, 1);
    EvalMetric.EvalData q = new EvalMetric.EvalData(y, null, new int[] {0, 4}, margin, 1, rank);
    assertEquals(1 / (1 + 1 / (Math.log(3) / Math.log(2))), EvalMetric.of("ndcg@2").evaluate(q), 1e-12);
    // MAP: relevant at ranks 1 and 3 -> (1/1 + 2/3) / 2
    assertEquals((1 + 2.0 / 3) / 2, EvalMetric.of("map").evaluate(q), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> EvalMetric.of("ndcg@x"));
  }
}

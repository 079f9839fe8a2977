package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EvalMetricTest {
  /** Binary labels, scores rounded to 1/steps (so they tie) that lean towards the label, and weights in [0.5, 1.5). */
  private record Scored(double[] y, double[] s, double[] w) {
    static Scored draw(long seed, int n, double positiveRate, int steps) {
      RandomStream rng = RandomStream.of(seed);
      double[] y = new double[n];
      double[] s = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = rng.nextDouble() < positiveRate ? 1 : 0;
        s[i] = Math.round((rng.nextGaussian() + y[i]) * steps) / (double) steps;
        w[i] = 0.5 + rng.nextDouble();
      }
      return new Scored(y, s, w);
    }
  }

  /** Logistic transforms of the scores (ties kept), with the lowest score mapped to -0 and the next to +0. */
  private static double[] probabilities(double[] s) {
    double min = Arrays.stream(s).min().orElseThrow();
    double next = Arrays.stream(s).filter(v -> v > min).min().orElseThrow();
    double[] p = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      p[i] = s[i] == min ? -0.0 : s[i] == next ? 0.0 : 1 / (1 + Math.exp(-s[i]));
    }
    return p;
  }

  @Test
  void radixAucEqualsTheMannWhitneyStatisticWithTiesAndWeights() {
    // few distinct values, both signs, so ties and the sign handling matter
    Scored d = Scored.draw(4, 5000, 0.3, 4);
    double[] y = d.y();
    double[] s = d.s();
    double[] w = d.w();
    assertEquals(Metrics.auc(y, s, null), BinaryAuc.auc(y, s, null), 1e-12);
    assertEquals(Metrics.auc(y, s, w), BinaryAuc.auc(y, s, w), 1e-12);
    // Probabilities (the compact path for non-negative scores), zeros of both signs among them.
    double[] p = probabilities(s);
    assertEquals(Metrics.auc(y, p, null), BinaryAuc.auc(y, p, null), 1e-12);
    // One class only: undefined, as XGBoost reports it.
    assertEquals(Double.NaN, BinaryAuc.auc(new double[] {1, 1}, new double[] {0.2, -0.3}, null));
    assertEquals(Double.NaN, BinaryAuc.auc(new double[] {0, 0}, new double[] {0.2, -0.3}, new double[] {1, 2}));
  }

  @Test
  void aucSortedOnThreadsEqualsTheOneThreadResult() {
    Scored d = Scored.draw(9, 300_000, 0.4, 64);
    double[] y = d.y();
    double[] s = d.s();
    double[] w = d.w();
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(3);
    try {
      assertEquals(BinaryAuc.auc(y, s, null), BinaryAuc.auc(y, s, null, pool), 0);
      assertEquals(BinaryAuc.auc(y, s, w), BinaryAuc.auc(y, s, w, pool), 0);
      assertEquals(Metrics.auc(y, s, null), BinaryAuc.auc(y, s, null, pool), 1e-12);
      double[] p = probabilities(s);
      assertEquals(BinaryAuc.auc(y, p, null), BinaryAuc.auc(y, p, null, pool), 0);
      assertEquals(Metrics.auc(y, p, null), BinaryAuc.auc(y, p, null, pool), 1e-12);
      // Through EvalData, predictions are made from the margins block by block and never stored.
      float[] labels = new float[y.length];
      double[] sigmoid = new double[y.length];
      double logloss = 0;
      for (int i = 0; i < y.length; i++) {
        labels[i] = (float) y[i];
        sigmoid[i] = 1 / (1 + Math.exp(-s[i]));
        logloss -= y[i] * Math.log(sigmoid[i]) + (1 - y[i]) * Math.log(1 - sigmoid[i]);
      }
      EvalMetric auc = EvalMetric.of("auc");
      Objective logistic = Objectives.of("binary:logistic", 0.7, 1.5, 1);
      EvalData probs = new EvalData(labels, null, null, s, 1, logistic, pool);
      assertEquals(BinaryAuc.auc(y, sigmoid, null), auc.evaluate(probs), 0);
      assertEquals(logloss / y.length, EvalMetric.of("logloss").evaluate(probs), 1e-12);
      // Raw margins are negative too: the general path, from the same data.
      Objective raw = Objectives.of("binary:logitraw", 0.7, 1.5, 1);
      assertEquals(BinaryAuc.auc(y, s, null), auc.evaluate(new EvalData(labels, null, null, s, 1,
          raw, pool)), 0);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void xgboostMetricDefinitions() {
    float[] y = {0, 1, 1, 0};
    double[] margin = {-2, 0.5, -0.1, 0.3};
    Objective logistic = Objectives.of("binary:logistic", 0.7, 1.5, 1);
    EvalData d = new EvalData(y, null, null, margin, 1, logistic);
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
    EvalData q = new EvalData(y, null, new int[] {0, 4}, margin, 1, rank);
    assertEquals(1 / (1 + 1 / (Math.log(3) / Math.log(2))), EvalMetric.of("ndcg@2").evaluate(q), 1e-12);
    // MAP: relevant at ranks 1 and 3 -> (1/1 + 2/3) / 2
    assertEquals((1 + 2.0 / 3) / 2, EvalMetric.of("map").evaluate(q), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> EvalMetric.of("ndcg@x"));
  }

  @Test
  void lightgbmMetricDefinitions() {
    Objective identity = Objectives.lightgbm("regression", 0, 1.5);
    EvalData reg = new EvalData(new float[] {0, 0}, null, null, new double[] {0.5, 2}, 1,
        identity);
    // huber (alpha 0.9): 0.5·0.25 and 0.9·(2 − 0.45); fair (c 1): |x| − log(1 + |x|); l2 = mean square
    assertEquals((0.125 + 0.9 * 1.55) / 2, MetricDialects.lightgbm("huber").evaluate(reg), 1e-12);
    assertEquals((0.5 - Math.log(1.5) + 2 - Math.log(3)) / 2, MetricDialects.lightgbm("fair").evaluate(reg), 1e-12);
    assertEquals((0.25 + 4) / 2, MetricDialects.lightgbm("l2").evaluate(reg), 1e-12);
    assertEquals("l2", MetricDialects.lightgbm("l2").name());
    // average precision: scores 0.9 (pos), 0.8 (neg), 0.7 (pos) -> (1/2)·1 + (1/2)·(2/3)
    Objective logistic = Objectives.lightgbm("binary", 0, 1.5);
    double[] m = {logit(0.9), logit(0.8), logit(0.7)};
    EvalData bin = new EvalData(new float[] {1, 0, 1}, null, null, m, 1, logistic);
    assertEquals(0.5 + 0.5 * 2 / 3.0, MetricDialects.lightgbm("average_precision").evaluate(bin), 1e-12);
    // auc_mu of perfectly ranked three classes is 1; reversed pair scores give 0 for that pair
    Objective softmax = Objectives.lightgbm("multiclass", 3, 1.5);
    double[] margins = {5, 0, 0, 0, 5, 0, 0, 0, 5};
    EvalData multi = new EvalData(new float[] {0, 1, 2}, null, null, margins, 3, softmax);
    assertEquals(1.0, MetricDialects.lightgbm("auc_mu").evaluate(multi), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> MetricDialects.lightgbm("rmsle"));
  }

  @Test
  void kthLargestMatchesSorting() {
    RandomStream rng = RandomStream.of(8);
    float[] a = new float[1001];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.floor(rng.nextGaussian() * 20);
    }
    float[] sorted = a.clone();
    java.util.Arrays.sort(sorted);
    for (int k : new int[] {1, 2, 200, 500, 1001}) {
      assertEquals(sorted[a.length - k], GbdtTrainer.kthLargest(a.clone(), k), 0, "k = " + k);
    }
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }
}

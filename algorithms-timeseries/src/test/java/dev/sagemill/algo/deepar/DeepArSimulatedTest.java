package dev.sagemill.algo.deepar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryRecords;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.estimator.FitOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DeepAR on a process whose forecast distribution is known. */
class DeepArSimulatedTest {
  static final int HORIZON = 24;

  @Test
  void quantilesAreCalibratedOnASeasonalArProcess() throws Exception {
    List<TimeSeries> all = SimulatedSeries.generate(60, 400, 7);
    List<TimeSeries> train = new ArrayList<>();
    for (TimeSeries s : all) {
      train.add(new TimeSeries(s.start(), Arrays.copyOf(s.target(), 400 - HORIZON), s.cat(), s.dynamicFeat()));
    }
    DeepArParams p = DeepArParams.builder(48, HORIZON, "H", 60).set("likelihood", "gaussian").build();
    long t0 = System.nanoTime();
    DeepArModel model = new DeepArEstimator(p).fit(InMemoryRecords.series(train), FitOptions.builder().threads(2).listener(new dev.sagemill.core.listen.TrainingListener() {
          @Override
          public void onEpoch(int e, int pl, java.util.Map<String, Double> m) {
            System.err.println(e + " " + m);
          }
        })
        .channel(DeepArEstimator.TEST, InMemoryRecords.series(all)).build());
    System.err.println("fit " + (System.nanoTime() - t0) / 1e9 + " s " + model.card().metrics());
    List<String> where = new ArrayList<>();
    train.forEach(s -> where.add("s"));
    double[][][] paths = model.sample(train, where, 200);
    int inside = 0;
    int n = 0;
    double se = 0;
    for (int i = 0; i < paths.length; i++) {
      SampleSummary sum = new SampleSummary(paths[i]);
      double[] lo = sum.quantile(0.1);
      double[] hi = sum.quantile(0.9);
      double[] mean = sum.mean();
      double[] y = all.get(i).target();
      for (int j = 0; j < HORIZON; j++) {
        double actual = y[400 - HORIZON + j];
        inside += actual >= lo[j] && actual <= hi[j] ? 1 : 0;
        se += (actual - mean[j]) * (actual - mean[j]);
        n++;
      }
    }
    double coverage = (double) inside / n;
    System.err.println("coverage " + coverage + " rmse " + Math.sqrt(se / n));
    assertTrue(coverage >= 0.75 && coverage <= 0.85, "coverage " + coverage);
  }
}

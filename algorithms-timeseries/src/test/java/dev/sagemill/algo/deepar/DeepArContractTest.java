package dev.sagemill.algo.deepar;

import dev.sagemill.core.data.InMemoryRecords;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.testing.RecordEstimatorContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The estimator contract for {@code forecasting-deepar}: 8 simulated hourly series with a category each. */
class DeepArContractTest extends RecordEstimatorContract<SeriesBatch, DeepArModel> {
  @Override
  protected RecordEstimator<SeriesBatch, DeepArModel> newEstimator(long seed) {
    return new DeepArEstimator(DeepArParams.builder(12, 6, "H", 3).set("num_cells", "30")
        .set("mini_batch_size", "32").set("num_eval_samples", "20").set("seed", Long.toString(seed)).build());
  }

  private static List<TimeSeries> series(int count, int length, long seed) {
    List<TimeSeries> out = new ArrayList<>();
    int i = 0;
    for (TimeSeries s : SimulatedSeries.generate(count, length, seed)) {
      out.add(new TimeSeries(s.start(), s.target(), new int[] {i++ % 3}, new double[0][]));
    }
    return out;
  }

  @Override
  protected RecordSource<SeriesBatch> trainRecords() {
    return InMemoryRecords.series(series(8, 120, 3));
  }

  @Override
  protected SeriesBatch probe() {
    return new SeriesBatch(series(3, 60, 5), "probe", 1);
  }

  @Override
  protected Map<String, String> twoInvalidHyperparameters() {
    return Map.of("context_length", "0", "prediction_length", "6", "time_freq", "H", "epochs", "2", "num_cells",
        "5");
  }

  /**
   * PyTorch picks its CPU kernels by instruction set, so another machine may differ in the last bits: the golden
   * answers must agree in text apart from the numbers, and the numbers to a relative 1e-4.
   */
  @Override
  protected void assertGoldenAnswers(String expected, String actual, String message) {
    java.util.regex.Pattern number = java.util.regex.Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?");
    org.junit.jupiter.api.Assertions.assertEquals(number.matcher(expected).replaceAll("#"),
        number.matcher(actual).replaceAll("#"), message);
    java.util.regex.Matcher e = number.matcher(expected);
    java.util.regex.Matcher a = number.matcher(actual);
    while (e.find() && a.find()) {
      double x = Double.parseDouble(e.group());
      double y = Double.parseDouble(a.group());
      org.junit.jupiter.api.Assertions.assertEquals(x, y, 1e-4 * Math.max(1, Math.abs(x)), message);
    }
  }

  @Override
  protected int[] goldenVersions() {
    return new int[] {1};
  }
}

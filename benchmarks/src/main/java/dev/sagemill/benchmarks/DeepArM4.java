package dev.sagemill.benchmarks;

import dev.sagemill.algo.deepar.DeepArEstimator;
import dev.sagemill.algo.deepar.DeepArModel;
import dev.sagemill.algo.deepar.DeepArParams;
import dev.sagemill.algo.deepar.DeepArProvider;
import dev.sagemill.core.data.InMemoryRecords;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.metrics.ForecastScores;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DeepAR on the M4 competition's Hourly (414 series, horizon 48, seasonal period 24) or Weekly (359 series, horizon
 * 13, period 1) subsets ({@code ../shared/data/m4}): trains on {@code *-train.csv}, forecasts the next horizon with
 * 100 sample paths, and scores the median as the competition scores point forecasts (sMAPE, MASE, averaged over
 * series) and the 2.5–97.5% interval by MSIS, beside seasonal naive computed here and the published benchmarks.
 *
 * <p>{@code benchmarks/run.sh DeepArM4 set=hourly epochs=100 [any DeepAR hyperparameter=value]}
 */
public final class DeepArM4 {
  private DeepArM4() {}

  /**
   * @param args {@code set=hourly|weekly}, {@code threads=N}, then DeepAR hyperparameters as {@code name=value}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>(Map.of("set", "hourly", "threads", "2"));
    Map<String, String> hp = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      (kv[0].equals("set") || kv[0].equals("threads") || kv[0].equals("detail") ? a : hp).put(kv[0], kv[1]);
    }
    boolean hourly = a.get("set").equals("hourly");
    String name = hourly ? "Hourly" : "Weekly";
    int horizon = hourly ? 48 : 13;
    int period = hourly ? 24 : 1;
    List<double[]> train = readM4(Path.of("../shared/data/m4/" + name + "-train.csv"));
    List<double[]> test = readM4(Path.of("../shared/data/m4/" + name + "-test.csv"));
    String start = hourly ? "1750-01-01 00:00:00" : "1750-01-04";
    List<TimeSeries> series = new ArrayList<>();
    for (double[] y : train) {
      series.add(new TimeSeries(start, y, new int[0], new double[0][]));
    }
    hp.putIfAbsent("time_freq", hourly ? "H" : "W");
    hp.putIfAbsent("prediction_length", Integer.toString(horizon));
    hp.putIfAbsent("context_length", Integer.toString(hourly ? horizon : 2 * horizon));
    hp.putIfAbsent("epochs", "100");
    DeepArParams params = DeepArParams.parse(hp);
    System.out.println("M4 " + name + ": " + series.size() + " series; hyperparameters " + params.values()
        .toSageMaker());
    long t0 = System.nanoTime();
    DeepArModel model = new DeepArEstimator(params).fit(InMemoryRecords.series(series), FitOptions.builder()
        .threads(Integer.parseInt(a.get("threads"))).listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            if (epoch % 10 == 0) {
              System.out.printf("  epoch %d: %s (%.0f s)%n", epoch, metrics, (System.nanoTime() - t0) / 1e9);
            }
          }
        }).build());
    double fit = (System.nanoTime() - t0) / 1e9;
    Model answering = new DeepArProvider().answering(model, new AnswerRequest(List.of(), Map.of(), Map.of(
        "num_samples", "100", "output_types", "[\"mean\", \"quantiles\"]",
        "quantiles", "[\"0.025\", \"0.5\", \"0.975\"]")));
    long t1 = System.nanoTime();
    List<Prediction> forecasts = answering.predictBatch(new SeriesBatch(series, "m4", 1));
    double predict = (System.nanoTime() - t1) / 1e9;
    double smape = 0;
    double mase = 0;
    double smapeMean = 0;
    double maseMean = 0;
    double msis = 0;
    double naiveSmape = 0;
    double naiveMase = 0;
    int inside = 0;
    double[] perSeries = new double[series.size()];
    for (int i = 0; i < series.size(); i++) {
      double[] y = train.get(i);
      double[] actual = test.get(i);
      Map<String, Object> q = forecasts.get(i).getMap("quantiles");
      double[] median = (double[]) q.get("0.5");
      double[] lo = (double[]) q.get("0.025");
      double[] hi = (double[]) q.get("0.975");
      double[] mean = forecasts.get(i).getVector("mean");
      double[] naive = new double[horizon];
      for (int j = 0; j < horizon; j++) {
        naive[j] = y[y.length - period + (j % period)];
        inside += actual[j] >= lo[j] && actual[j] <= hi[j] ? 1 : 0;
      }
      smape += ForecastScores.smape(actual, median);
      perSeries[i] = ForecastScores.mase(y, actual, median, period);
      mase += perSeries[i];
      smapeMean += ForecastScores.smape(actual, mean);
      maseMean += ForecastScores.mase(y, actual, mean, period);
      msis += ForecastScores.msis(y, actual, lo, hi, 0.05, period);
      naiveSmape += ForecastScores.smape(actual, naive);
      naiveMase += ForecastScores.mase(y, actual, naive, period);
    }
    int n = series.size();
    System.out.printf("fit %.1f s, forecast of 100 paths for %d series %.1f s%n", fit, n, predict);
    System.out.printf("DeepAR median: sMAPE %.3f MASE %.3f | mean: sMAPE %.3f MASE %.3f | MSIS(95%%) %.3f, "
        + "coverage of the 95%% interval %.3f%n", smape / n, mase / n, smapeMean / n, maseMean / n, msis / n,
        (double) inside / (n * horizon));
    System.out.printf("seasonal naive (here): sMAPE %.3f MASE %.3f; published: %s%n", naiveSmape / n,
        naiveMase / n, hourly ? "sNaive 13.912 / 1.193, winner 9.328 / 0.893; MSIS ETS 17.49, ARIMA 7.54, winner 7.93"
            : "sNaive 9.161 / 2.777, winner 7.817 / 2.356");
    double[] sorted = perSeries.clone();
    Arrays.sort(sorted);
    System.out.printf("per-series MASE: median %.3f, 90th percentile %.3f, largest %.3f %.3f %.3f%n",
        sorted[n / 2], sorted[n * 9 / 10], sorted[n - 1], sorted[n - 2], sorted[n - 3]);
    if (Boolean.parseBoolean(a.getOrDefault("detail", "false"))) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Double.compare(perSeries[y], perSeries[x]));
      for (int k = 0; k < 8; k++) {
        int i = order[k];
        double[] y = train.get(i);
        double[] med = (double[]) forecasts.get(i).getMap("quantiles").get("0.5");
        System.out.printf("  series %d (length %d): MASE %.2f; last values %s; actual %s; median %s%n", i + 1,
            y.length, perSeries[i], fmt(Arrays.copyOfRange(y, y.length - 6, y.length)),
            fmt(Arrays.copyOf(test.get(i), 6)), fmt(Arrays.copyOf(med, 6)));
      }
    }
    model.close();
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(String.format(java.util.Locale.ROOT, "%.1f ", x));
    }
    return b.toString().trim();
  }

  /** Reads an M4 file: a header, then per row the id and the values, padded with empty fields. */
  static List<double[]> readM4(Path file) throws Exception {
    List<double[]> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        double[] v = new double[f.length - 1];
        int n = 0;
        for (int i = 1; i < f.length; i++) {
          String s = f[i].replace("\"", "").trim();
          if (!s.isEmpty()) {
            v[n++] = Double.parseDouble(s);
          }
        }
        out.add(Arrays.copyOf(v, n));
      }
    }
    return out;
  }
}

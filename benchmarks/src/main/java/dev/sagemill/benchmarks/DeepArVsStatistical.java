package dev.sagemill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * DeepAR against seasonal naive and statsmodels' exponential smoothing ({@code benchmarks/deepar/statistical.py},
 * Debian's {@code python3-statsmodels}) on the same splits:
 * <ul>
 *   <li>{@code set=hourly}: M4 Hourly ({@code ../shared/data/m4}, 414 series, horizon 48, seasonal period 24);
 *   <li>{@code set=weekly}: M4 Weekly (359 series, horizon 13, period 1);
 *   <li>{@code set=exchange}: the 8 daily exchange rates ({@code ../shared/data/exchange_rate}), trained on all but
 *       the last 150 days, forecast 30 days ahead from 5 origins 30 days apart (40 forecasts, period 1).
 * </ul>
 * DeepAR's point forecast is the median of 100 sample paths, scored as the M4 competition scores point forecasts
 * (sMAPE, MASE, averaged over forecasts); its 2.5–97.5% interval by MSIS and coverage.
 *
 * <p>{@code benchmarks/run.sh DeepArVsStatistical set=hourly epochs=100 [any DeepAR hyperparameter=value]}
 */
public final class DeepArVsStatistical {
  private DeepArVsStatistical() {}

  /** One forecast to score: the history it starts from, what followed, and the seasonal period of MASE. */
  private record Case(double[] history, double[] actual, int period) {}

  /**
   * @param args {@code set=hourly|weekly|exchange}, {@code threads=N}, {@code peers=true|false},
   *     {@code detail=true}, then DeepAR hyperparameters as {@code name=value}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>(Map.of("set", "hourly", "threads", "2", "peers", "true", "detail",
        "false", "ensemble", "1"));
    Map<String, String> hp = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      (a.containsKey(kv[0]) ? a : hp).put(kv[0], kv[1]);
    }
    String set = a.get("set");
    List<TimeSeries> train = new ArrayList<>();
    List<Case> cases = new ArrayList<>();
    String start;
    int horizon;
    switch (set) {
      case "hourly", "weekly" -> {
        boolean hourly = set.equals("hourly");
        String name = hourly ? "Hourly" : "Weekly";
        horizon = hourly ? 48 : 13;
        start = hourly ? "1750-01-01 00:00:00" : "1750-01-05";
        List<double[]> history = readM4(Path.of("../shared/data/m4/" + name + "-train.csv"));
        List<double[]> test = readM4(Path.of("../shared/data/m4/" + name + "-test.csv"));
        for (int i = 0; i < history.size(); i++) {
          train.add(new TimeSeries(start, history.get(i), new int[0], new double[0][]));
          cases.add(new Case(history.get(i), test.get(i), hourly ? 24 : 1));
        }
        hp.putIfAbsent("time_freq", hourly ? "H" : "W");
        hp.putIfAbsent("context_length", Integer.toString(hourly ? horizon : 2 * horizon));
      }
      case "exchange" -> {
        horizon = 30;
        start = "1990-01-01";
        double[][] columns = readExchange(Path.of("../shared/data/exchange_rate/exchange_rate.txt.gz"));
        int n = columns[0].length;
        for (double[] c : columns) {
          train.add(new TimeSeries(start, Arrays.copyOf(c, n - 150), new int[0], new double[0][]));
        }
        for (int origin = n - 150; origin < n; origin += 30) {
          for (double[] c : columns) {
            cases.add(new Case(Arrays.copyOf(c, origin), Arrays.copyOfRange(c, origin, origin + 30), 1));
          }
        }
        hp.putIfAbsent("time_freq", "D");
        hp.putIfAbsent("context_length", "60");
      }
      default -> throw new IllegalArgumentException("set must be hourly, weekly or exchange, got " + set);
    }
    hp.putIfAbsent("prediction_length", Integer.toString(horizon));
    hp.putIfAbsent("epochs", "100");
    DeepArParams params = DeepArParams.parse(hp);
    System.out.println(set + ": " + train.size() + " training series, " + cases.size() + " forecasts of " + horizon
        + "; hyperparameters " + params.values().toSageMaker());
    int members = Integer.parseInt(a.get("ensemble"));
    if (members > 1) {
      ensemble(params, train, cases, start, horizon, members, Integer.parseInt(a.get("threads")));
      return;
    }
    long t0 = System.nanoTime();
    DeepArModel model = new DeepArEstimator(params).fit(InMemoryRecords.series(train), FitOptions.builder()
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
    List<TimeSeries> histories = new ArrayList<>();
    for (Case c : cases) {
      histories.add(new TimeSeries(start, c.history(), new int[0], new double[0][]));
    }
    long t1 = System.nanoTime();
    List<Prediction> forecasts = answering.predictBatch(new SeriesBatch(histories, set, 1));
    double predict = (System.nanoTime() - t1) / 1e9;
    int n = cases.size();
    double smape = 0;
    double mase = 0;
    double msis = 0;
    int inside = 0;
    double[] perCase = new double[n];
    double[] naivePerCase = new double[n];
    for (int i = 0; i < n; i++) {
      Case c = cases.get(i);
      Map<String, Object> q = forecasts.get(i).getMap("quantiles");
      double[] median = (double[]) q.get("0.5");
      double[] lo = (double[]) q.get("0.025");
      double[] hi = (double[]) q.get("0.975");
      for (int j = 0; j < horizon; j++) {
        inside += c.actual()[j] >= lo[j] && c.actual()[j] <= hi[j] ? 1 : 0;
      }
      smape += ForecastScores.smape(c.actual(), median);
      perCase[i] = ForecastScores.mase(c.history(), c.actual(), median, c.period());
      mase += perCase[i];
      msis += ForecastScores.msis(c.history(), c.actual(), lo, hi, 0.05, c.period());
      naivePerCase[i] = ForecastScores.mase(c.history(), c.actual(), seasonalNaive(c, horizon), c.period());
    }
    int better = 0;
    for (int i = 0; i < n; i++) {
      better += perCase[i] < naivePerCase[i] ? 1 : 0;
    }
    System.out.printf("DeepAR: fit %.1f s, forecast of 100 paths for %d series %.1f s%n", fit, n, predict);
    System.out.printf("DeepAR (median of 100 paths): sMAPE %.3f MASE %.3f; MSIS(95%%) %.3f, coverage of the 95%% "
        + "interval %.3f; MASE below seasonal naive's on %d of %d%n", smape / n, mase / n, msis / n,
        (double) inside / (n * horizon), better, n);
    if (Boolean.parseBoolean(a.get("peers"))) {
      Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/deepar/statistical.py", set, "../shared/data")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() == 0) {
        JsonNode peers = new ObjectMapper().readTree(out);
        peers.properties().forEach(e -> System.out.printf("%s: sMAPE %.3f MASE %.3f (%.1f s)%n", e.getKey(),
            e.getValue().get("sMAPE").asDouble(), e.getValue().get("MASE").asDouble(),
            e.getValue().get("seconds").asDouble()));
      } else {
        System.out.println("the statistical peers did not run (apt-get install python3-statsmodels)");
      }
    }
    if (set.equals("hourly")) {
      System.out.println("published M4 Hourly: sNaive 13.912 / 1.193, winner (Smyl) 9.328 / 0.893; MSIS: ETS 17.49, "
          + "ARIMA 7.54, Smyl 7.93, Naive 71.2");
    } else if (set.equals("weekly")) {
      System.out.println("published M4 Weekly: sNaive 9.161 / 2.777, winner (Smyl) 7.817 / 2.356, Montero-Manso "
          + "7.625 / 2.108");
    }
    if (Boolean.parseBoolean(a.get("detail"))) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (x, y) -> Double.compare(perCase[y], perCase[x]));
      for (int k = 0; k < Math.min(8, n); k++) {
        int i = order[k];
        System.out.printf("  forecast %d: MASE %.2f (seasonal naive %.2f)%n", i + 1, perCase[i], naivePerCase[i]);
      }
    }
    model.close();
  }

  /**
   * Trains {@code members} models with seeds 0, 1, ... and scores the median of their pooled sample paths (an
   * experiment: ensembling is not part of DeepAR).
   */
  private static void ensemble(DeepArParams params, List<TimeSeries> train, List<Case> cases, String start,
      int horizon, int members, int threads) throws Exception {
    List<TimeSeries> histories = new ArrayList<>();
    for (Case c : cases) {
      histories.add(new TimeSeries(start, c.history(), new int[0], new double[0][]));
    }
    int n = cases.size();
    List<List<double[]>> pooled = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pooled.add(new ArrayList<>());
    }
    long t0 = System.nanoTime();
    for (int m = 0; m < members; m++) {
      Map<String, String> hp = new HashMap<>(params.values().toSageMaker());
      hp.put("seed", Integer.toString(m));
      DeepArModel model = new DeepArEstimator(DeepArParams.parse(hp)).fit(InMemoryRecords.series(train),
          FitOptions.builder().threads(threads).build());
      Model answering = new DeepArProvider().answering(model, new AnswerRequest(List.of(), Map.of(), Map.of(
          "num_samples", "100", "output_types", "[\"samples\"]")));
      List<Prediction> out = answering.predictBatch(new SeriesBatch(histories, "ensemble", 1));
      double smape = 0;
      double mase = 0;
      for (int i = 0; i < n; i++) {
        List<Object> paths = out.get(i).getList("samples");
        for (Object p : paths) {
          pooled.get(i).add((double[]) p);
        }
        double[] median = medianOf(pooled.get(i), horizon);
        smape += ForecastScores.smape(cases.get(i).actual(), median);
        mase += ForecastScores.mase(cases.get(i).history(), cases.get(i).actual(), median, cases.get(i).period());
      }
      System.out.printf("ensemble of %d (%.0f s): sMAPE %.3f MASE %.3f%n", m + 1, (System.nanoTime() - t0) / 1e9,
          smape / n, mase / n);
      model.close();
    }
  }

  private static double[] medianOf(List<double[]> paths, int horizon) {
    double[] out = new double[horizon];
    double[] v = new double[paths.size()];
    for (int j = 0; j < horizon; j++) {
      for (int p = 0; p < v.length; p++) {
        v[p] = paths.get(p)[j];
      }
      Arrays.sort(v);
      out[j] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
    return out;
  }

  private static double[] seasonalNaive(Case c, int horizon) {
    double[] out = new double[horizon];
    double[] h = c.history();
    for (int j = 0; j < horizon; j++) {
      out[j] = h[h.length - c.period() + (j % c.period())];
    }
    return out;
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

  /** Reads the LSTNet exchange-rate file: one day per line, one comma-separated column per currency. */
  static double[][] readExchange(Path file) throws Exception {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    double[][] columns = new double[rows.get(0).length][rows.size()];
    for (int t = 0; t < rows.size(); t++) {
      for (int c = 0; c < columns.length; c++) {
        columns[c][t] = rows.get(t)[c];
      }
    }
    return columns;
  }
}

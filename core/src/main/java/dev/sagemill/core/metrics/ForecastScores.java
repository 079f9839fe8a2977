package dev.sagemill.core.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates the accuracy of probabilistic forecasts over many series, under the names SageMaker's DeepAR logs
 * (GluonTS's evaluator): {@code RMSE} of the mean forecast, {@code wQuantileLoss[q]} (the quantile loss
 * {@code 2·Σ|(y − ŷ_q)(1{y ≤ ŷ_q} − q)|} divided by {@code Σ|y|}), their mean {@code mean_wQuantileLoss}, and
 * {@code mean_absolute_QuantileLoss} (the mean over quantiles of the undivided loss). Missing actual values (NaN) are
 * left out of every sum. Also the M4 competition's per-series point and interval scores ({@link #smape},
 * {@link #mase}, {@link #msis}).
 *
 * <p>Not thread-safe.
 */
public final class ForecastScores {
  private final double[] quantiles;
  private final double[] quantileLoss;
  private double squaredError;
  private double absoluteActual;
  private long count;

  /**
   * @param quantiles the quantile levels scored, each in (0, 1)
   */
  public ForecastScores(double[] quantiles) {
    for (double q : quantiles) {
      if (!(q > 0 && q < 1)) {
        throw new IllegalArgumentException("quantile levels must lie in (0, 1), got " + q);
      }
    }
    this.quantiles = quantiles.clone();
    this.quantileLoss = new double[quantiles.length];
  }

  /**
   * Adds one series' forecast.
   *
   * @param actual the actual values over the horizon (NaN where missing)
   * @param mean the mean forecast, as long as {@code actual}
   * @param quantileForecasts per quantile level (in the constructor's order), the forecast quantile per step
   */
  public void add(double[] actual, double[] mean, double[][] quantileForecasts) {
    if (mean.length != actual.length || quantileForecasts.length != quantiles.length) {
      throw new IllegalArgumentException("expected " + actual.length + " means and " + quantiles.length
          + " quantile rows, got " + mean.length + " and " + quantileForecasts.length);
    }
    for (int t = 0; t < actual.length; t++) {
      double y = actual[t];
      if (Double.isNaN(y)) {
        continue;
      }
      squaredError += (y - mean[t]) * (y - mean[t]);
      absoluteActual += Math.abs(y);
      count++;
      for (int k = 0; k < quantiles.length; k++) {
        double f = quantileForecasts[k][t];
        quantileLoss[k] += 2 * Math.abs((y - f) * ((y <= f ? 1 : 0) - quantiles[k]));
      }
    }
  }

  /**
   * The scores under DeepAR's metric names, each prefixed ({@code test:}).
   *
   * @param prefix the channel prefix, e.g. {@code test:}
   * @return {@code RMSE}, {@code mean_absolute_QuantileLoss}, {@code mean_wQuantileLoss}, then
   *     {@code wQuantileLoss[q]} per level
   */
  public Map<String, Double> metrics(String prefix) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(prefix + "RMSE", count == 0 ? Double.NaN : Math.sqrt(squaredError / count));
    double meanAbs = Arrays.stream(quantileLoss).average().orElse(Double.NaN);
    out.put(prefix + "mean_absolute_QuantileLoss", meanAbs);
    out.put(prefix + "mean_wQuantileLoss", meanAbs / absoluteActual);
    for (int k = 0; k < quantiles.length; k++) {
      out.put(prefix + "wQuantileLoss[" + quantiles[k] + "]", quantileLoss[k] / absoluteActual);
    }
    return out;
  }

  /**
   * The M4 competition's symmetric MAPE of one series, in percent: {@code 200/h · Σ |y − f| / (|y| + |f|)}.
   *
   * @param actual the actual values over the horizon
   * @param forecast the point forecast
   * @return sMAPE in percent
   */
  public static double smape(double[] actual, double[] forecast) {
    double sum = 0;
    for (int t = 0; t < actual.length; t++) {
      double d = Math.abs(actual[t]) + Math.abs(forecast[t]);
      sum += d == 0 ? 0 : Math.abs(actual[t] - forecast[t]) / d;
    }
    return 200 * sum / actual.length;
  }

  /**
   * The M4 competition's mean absolute scaled error of one series: the forecast's mean absolute error divided by the
   * in-sample mean absolute error of the seasonal naive forecast with period {@code m}.
   *
   * @param history the in-sample values
   * @param actual the actual values over the horizon
   * @param forecast the point forecast
   * @param m the seasonal period (24 for hourly, 1 for weekly in M4)
   * @return MASE
   */
  public static double mase(double[] history, double[] actual, double[] forecast, int m) {
    return meanAbsError(actual, forecast) / seasonalNaiveError(history, m);
  }

  /**
   * The M4 competition's mean scaled interval score of one series' central {@code 1 − a} interval:
   * {@code (1/h) Σ [(U − L) + (2/a)(L − y)1{y < L} + (2/a)(y − U)1{y > U}]} divided by the seasonal naive in-sample
   * error.
   *
   * @param history the in-sample values
   * @param actual the actual values over the horizon
   * @param lower the interval's lower bounds
   * @param upper the interval's upper bounds
   * @param a the interval's miss rate (0.05 for 95% intervals)
   * @param m the seasonal period
   * @return MSIS
   */
  public static double msis(double[] history, double[] actual, double[] lower, double[] upper, double a, int m) {
    double sum = 0;
    for (int t = 0; t < actual.length; t++) {
      double y = actual[t];
      sum += (upper[t] - lower[t]) + (y < lower[t] ? 2 / a * (lower[t] - y) : 0)
          + (y > upper[t] ? 2 / a * (y - upper[t]) : 0);
    }
    return sum / actual.length / seasonalNaiveError(history, m);
  }

  private static double meanAbsError(double[] actual, double[] forecast) {
    double sum = 0;
    for (int t = 0; t < actual.length; t++) {
      sum += Math.abs(actual[t] - forecast[t]);
    }
    return sum / actual.length;
  }

  private static double seasonalNaiveError(double[] history, int m) {
    if (history.length <= m) {
      throw new IllegalArgumentException("the history has " + history.length + " values, at most the period " + m);
    }
    double sum = 0;
    for (int t = m; t < history.length; t++) {
      sum += Math.abs(history[t] - history[t - m]);
    }
    return sum / (history.length - m);
  }
}

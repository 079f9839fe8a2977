package dev.sagemill.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A probabilistic forecast (DeepAR's answer): the end of the series' history, the forecast median, a central band
 * drawn by its lower and upper quantiles, and, when known, what actually followed. The x axis counts time points,
 * the history's last at −1 and the first forecast at 0.
 */
public final class ForecastChart {
  private ForecastChart() {}

  /**
   * @param title the chart's title
   * @param history the values before the forecast (the last ones are drawn)
   * @param median the forecast median per step
   * @param lower the band's lower quantile per step
   * @param upper the band's upper quantile per step
   * @param band the band's name, e.g. {@code 10-90%}
   * @param actual the values that followed, or null when unknown
   * @return the chart
   * @throws IllegalArgumentException if the forecast arrays differ in length or are empty
   */
  public static XYChart of(String title, double[] history, double[] median, double[] lower, double[] upper,
      String band, double[] actual) {
    int h = median.length;
    if (h == 0 || lower.length != h || upper.length != h || (actual != null && actual.length != h)) {
      throw new IllegalArgumentException("the median, band and actual values must have the same non-zero length, "
          + "got " + h + ", " + lower.length + ", " + upper.length + (actual == null ? "" : ", " + actual.length));
    }
    int shown = Math.min(history.length, 3 * h);
    double[] tx = new double[shown];
    double[] ty = new double[shown];
    for (int i = 0; i < shown; i++) {
      tx[i] = i - shown;
      ty[i] = history[history.length - shown + i];
    }
    double[] fx = new double[h];
    for (int j = 0; j < h; j++) {
      fx[j] = j;
    }
    XYChart chart = Layout.xy(title, "time point (0 = first forecast)", "value");
    if (shown > 0) {
      chart.addSeries("history", tx, ty).setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY);
    }
    Color forecast = new Color(31, 119, 180);
    BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f},
        0f);
    chart.addSeries(band + " lower", fx, lower).setMarker(SeriesMarkers.NONE).setLineColor(forecast)
        .setLineStyle(dashed);
    chart.addSeries(band + " upper", fx, upper).setMarker(SeriesMarkers.NONE).setLineColor(forecast)
        .setLineStyle(dashed);
    XYSeries m = chart.addSeries("median", fx, median);
    m.setMarker(SeriesMarkers.NONE).setLineColor(forecast);
    if (actual != null) {
      chart.addSeries("actual", fx, actual).setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
    }
    return chart;
  }
}

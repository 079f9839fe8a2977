package dev.sagemill.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** A regression's residuals (actual − predicted) against its predictions, with the zero line. */
public final class ResidualChart {
  private ResidualChart() {}

  /**
   * @param title the chart's title
   * @param actual the targets
   * @param predicted the predictions
   * @return the chart
   * @throws IllegalArgumentException if the lengths differ or there is no row
   */
  public static XYChart of(String title, double[] actual, double[] predicted) {
    if (actual.length != predicted.length || actual.length == 0) {
      throw new IllegalArgumentException(actual.length + " targets, " + predicted.length + " predictions");
    }
    double[] residual = new double[actual.length];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < actual.length; i++) {
      residual[i] = actual[i] - predicted[i];
      lo = Math.min(lo, predicted[i]);
      hi = Math.max(hi, predicted[i]);
    }
    XYChart chart = Layout.xy(title, "predicted", "actual - predicted");
    chart.addSeries("residuals", predicted, residual).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.addSeries("zero", new double[] {lo, hi}, new double[] {0, 0}).setMarker(
        org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    return chart;
  }
}

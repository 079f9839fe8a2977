package dev.sagemill.charts;

import dev.sagemill.core.listen.MetricHistory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Learning curves: each metric of a training run (train and validation alike) against the epoch or round. */
public final class LearningCurveChart {
  private LearningCurveChart() {}

  /**
   * @param title the chart's title
   * @param history the run's per-epoch metrics
   * @param metrics which metrics to draw (names as recorded, e.g. {@code train:logloss}); all when empty
   * @return the chart
   * @throws IllegalArgumentException if there is nothing to draw
   */
  public static XYChart of(String title, MetricHistory history, String... metrics) {
    String[] names = metrics.length > 0 ? metrics : history.metrics().toArray(new String[0]);
    XYChart chart = Layout.xy(title, "epoch", "metric");
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    for (String name : names) {
      double[][] s = history.series(name);
      if (s[0].length > 0) {
        XYSeries series = chart.addSeries(name, s[0], s[1]);
        series.setMarker(s[0].length > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("no metric to draw among " + java.util.Arrays.toString(names));
    }
    return chart;
  }
}

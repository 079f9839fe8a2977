package dev.sagemill.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Anomaly scores over time (Random Cut Forest's {@code score} per record, in arrival order), the records above a
 * threshold marked, and the threshold drawn.
 */
public final class AnomalyScoreChart {
  private AnomalyScoreChart() {}

  /**
   * @param title the chart's title
   * @param scores each record's score, in order
   * @param threshold the score above which a record counts as anomalous (NaN: none drawn)
   * @return the chart
   * @throws IllegalArgumentException if there is no score
   */
  public static XYChart of(String title, double[] scores, double threshold) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("no score to draw");
    }
    double[] t = new double[scores.length];
    int above = 0;
    for (int i = 0; i < scores.length; i++) {
      t[i] = i;
      above += scores[i] > threshold ? 1 : 0;
    }
    XYChart chart = Layout.xy(title, "record", "anomaly score");
    chart.addSeries("score", t, scores).setMarker(SeriesMarkers.NONE);
    if (!Double.isNaN(threshold)) {
      chart.addSeries("threshold " + threshold, new double[] {0, scores.length - 1}, new double[] {threshold,
          threshold}).setMarker(SeriesMarkers.NONE);
      if (above > 0) {
        double[] x = new double[above];
        double[] y = new double[above];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
          if (scores[i] > threshold) {
            x[k] = i;
            y[k++] = scores[i];
          }
        }
        XYSeries s = chart.addSeries("above the threshold", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(java.awt.Color.RED);
      }
    }
    return chart;
  }
}

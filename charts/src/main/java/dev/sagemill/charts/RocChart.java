package dev.sagemill.charts;

import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.metrics.ScoreCurve;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The ROC curve of binary scores, with its area in the legend and the chance diagonal. */
public final class RocChart {
  private RocChart() {}

  /**
   * @param title the chart's title
   * @param labels labels in {0, 1}
   * @param scores scores, higher = more likely positive
   * @return the chart
   */
  public static XYChart of(String title, double[] labels, double[] scores) {
    double[][] roc = ScoreCurve.of(labels, scores, null).roc();
    XYChart chart = Layout.xy(title, "false positive rate", "true positive rate");
    Layout.unitSquare(chart);
    chart.addSeries(String.format(Locale.ROOT, "ROC (AUC %.4f)", Metrics.auc(labels, scores, null)), roc[0], roc[1])
        .setMarker(SeriesMarkers.NONE);
    chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
    return chart;
  }
}

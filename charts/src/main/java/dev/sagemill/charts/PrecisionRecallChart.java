package dev.sagemill.charts;

import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.metrics.ScoreCurve;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The precision-recall curve of binary scores, with the average precision in the legend. */
public final class PrecisionRecallChart {
  private PrecisionRecallChart() {}

  /**
   * @param title the chart's title
   * @param labels labels in {0, 1}
   * @param scores scores, higher = more likely positive
   * @return the chart
   */
  public static XYChart of(String title, double[] labels, double[] scores) {
    double[][] pr = ScoreCurve.of(labels, scores, null).precisionRecall();
    XYChart chart = Layout.xy(title, "recall", "precision");
    Layout.unitSquare(chart);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
    chart.addSeries(String.format(Locale.ROOT, "average precision %.4f", Metrics.aucpr(labels, scores, null)),
        pr[0], pr[1]).setMarker(SeriesMarkers.NONE);
    return chart;
  }
}

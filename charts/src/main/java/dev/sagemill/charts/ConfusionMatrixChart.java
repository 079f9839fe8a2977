package dev.sagemill.charts;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** A confusion matrix as a heat map: true classes down, predicted classes across, each cell its row count. */
public final class ConfusionMatrixChart {
  private ConfusionMatrixChart() {}

  /**
   * @param title the chart's title
   * @param classes the class names, in label order
   * @param labels true class indices
   * @param predicted predicted class indices
   * @return the chart
   * @throws IllegalArgumentException if the lengths differ or a class index is outside the names
   */
  public static HeatMapChart of(String title, List<String> classes, int[] labels, int[] predicted) {
    if (labels.length != predicted.length) {
      throw new IllegalArgumentException(labels.length + " labels, " + predicted.length + " predictions");
    }
    int k = classes.size();
    int[][] counts = new int[k][k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        throw new IllegalArgumentException("row " + i + ": class " + labels[i] + " or " + predicted[i]
            + " is not one of the " + k + " classes");
      }
      counts[labels[i]][predicted[i]]++;
    }
    List<Number[]> cells = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        cells.add(new Number[] {p, t, counts[t][p]});
      }
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(Layout.WIDTH).height(Layout.HEIGHT).title(title)
        .xAxisTitle("predicted").yAxisTitle("true").build();
    chart.getStyler().setShowValue(true);
    chart.addSeries("rows", classes, classes, cells);
    return chart;
  }
}

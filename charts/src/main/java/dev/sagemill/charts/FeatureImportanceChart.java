package dev.sagemill.charts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Feature importance as bars, the most important first. */
public final class FeatureImportanceChart {
  private FeatureImportanceChart() {}

  /**
   * @param title the chart's title (say which importance: gain, weight, mean |SHAP|)
   * @param importance importance by feature name
   * @param top how many of the most important features to draw
   * @return the chart
   * @throws IllegalArgumentException if there is no feature or top is not positive
   */
  public static CategoryChart of(String title, Map<String, Double> importance, int top) {
    if (importance.isEmpty() || top <= 0) {
      throw new IllegalArgumentException("nothing to draw: " + importance.size() + " features, top " + top);
    }
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(importance.entrySet());
    sorted.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(
        Map.Entry.comparingByKey()));
    List<Map.Entry<String, Double>> shown = sorted.subList(0, Math.min(top, sorted.size()));
    CategoryChart chart = new CategoryChartBuilder().width(Layout.WIDTH).height(Layout.HEIGHT).title(title)
        .xAxisTitle("feature").yAxisTitle("importance").build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.addSeries("importance", shown.stream().map(Map.Entry::getKey).toList(),
        shown.stream().map(Map.Entry::getValue).toList());
    return chart;
  }
}

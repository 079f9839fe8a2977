package dev.sagemill.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** A SHAP dependence plot: each data row's value of one feature against that feature's SHAP value for the row. */
public final class ShapDependenceChart {
  private ShapDependenceChart() {}

  /**
   * @param title the chart's title
   * @param feature the feature's name
   * @param values each row's value of the feature (NaN rows are left out)
   * @param shap each row's SHAP value of the feature
   * @return the chart
   * @throws IllegalArgumentException if the lengths differ or no row has a value
   */
  public static XYChart of(String title, String feature, double[] values, double[] shap) {
    if (values.length != shap.length) {
      throw new IllegalArgumentException(values.length + " values, " + shap.length + " SHAP values");
    }
    int n = 0;
    for (double v : values) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    if (n == 0) {
      throw new IllegalArgumentException("no row has a value of " + feature);
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        x[k] = values[i];
        y[k++] = shap[i];
      }
    }
    XYChart chart = Layout.xy(title, feature, "SHAP value of " + feature);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("rows", x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    return chart;
  }
}

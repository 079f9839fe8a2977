package dev.sagemill.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A tuning job's parameter scatter: each training job's objective against the value it tried for one numeric
 * hyperparameter, the best job marked, on a logarithmic axis when the range was searched on one.
 */
public final class TuningParameterChart {
  private TuningParameterChart() {}

  /**
   * @param title the chart's title
   * @param parameter the hyperparameter's name, for the axis
   * @param values each job's value of it
   * @param objective each job's objective, parallel to {@code values} (NaN for a failed job, not drawn)
   * @param maximize whether larger is better
   * @param metric the objective's name, for the axis
   * @param logScale whether the parameter was searched on a logarithmic scale
   * @return the chart
   * @throws IllegalArgumentException if the arrays differ in length or no job has an objective
   */
  public static XYChart of(String title, String parameter, double[] values, double[] objective, boolean maximize,
      String metric, boolean logScale) {
    if (values.length != objective.length) {
      throw new IllegalArgumentException(values.length + " values and " + objective.length + " objectives");
    }
    int n = 0;
    int best = -1;
    for (int i = 0; i < objective.length; i++) {
      if (!Double.isNaN(objective[i])) {
        n++;
        if (best < 0 || (maximize ? objective[i] > objective[best] : objective[i] < objective[best])) {
          best = i;
        }
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no training job has an objective");
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (int i = 0; i < objective.length; i++) {
      if (!Double.isNaN(objective[i])) {
        x[k] = values[i];
        y[k++] = objective[i];
      }
    }
    XYChart chart = Layout.xy(title, parameter, metric);
    chart.getStyler().setXAxisLogarithmic(logScale);
    chart.addSeries("training job", x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    XYSeries b = chart.addSeries("best", new double[] {values[best]}, new double[] {objective[best]});
    b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    b.setMarkerColor(java.awt.Color.RED);
    return chart;
  }
}

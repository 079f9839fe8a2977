package dev.sagemill.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A tuning job's progress: every training job's objective in launch order, and the best so far as a step line. */
public final class TuningProgressChart {
  private TuningProgressChart() {}

  /**
   * @param title the chart's title
   * @param objective each training job's final objective, in launch order (NaN for a failed job, not drawn)
   * @param maximize whether larger is better
   * @param metric the objective's name, for the axis
   * @return the chart
   * @throws IllegalArgumentException if no job has an objective
   */
  public static XYChart of(String title, double[] objective, boolean maximize, String metric) {
    int n = 0;
    for (double v : objective) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    if (n == 0) {
      throw new IllegalArgumentException("no training job has an objective");
    }
    double[] jobs = new double[n];
    double[] values = new double[n];
    double[] best = new double[n];
    double bestSoFar = Double.NaN;
    int k = 0;
    for (int i = 0; i < objective.length; i++) {
      double v = objective[i];
      if (Double.isNaN(v)) {
        continue;
      }
      bestSoFar = Double.isNaN(bestSoFar) || (maximize ? v > bestSoFar : v < bestSoFar) ? v : bestSoFar;
      jobs[k] = i + 1;
      values[k] = v;
      best[k++] = bestSoFar;
    }
    XYChart chart = Layout.xy(title, "training job", metric);
    chart.addSeries("job", jobs, values).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    XYSeries line = chart.addSeries("best so far", jobs, best);
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    line.setMarker(SeriesMarkers.NONE);
    return chart;
  }
}

package dev.sagemill.charts;

import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Rows projected to two dimensions (PCA's first two components, or any two coordinates), one colour per group (the
 * k-means cluster each row is closest to, or its class), with the groups' centres marked when given.
 */
public final class ProjectionChart {
  private ProjectionChart() {}

  /**
   * @param title the chart's title
   * @param x each row's first coordinate
   * @param y each row's second coordinate
   * @param group each row's group (cluster or class index)
   * @param centers the groups' centres as {x, y} pairs in group order, or null
   * @return the chart
   * @throws IllegalArgumentException if the lengths differ
   */
  public static XYChart of(String title, double[] x, double[] y, int[] group, double[][] centers) {
    if (x.length != y.length || x.length != group.length) {
      throw new IllegalArgumentException(x.length + ", " + y.length + " and " + group.length + " values");
    }
    Map<Integer, Integer> sizes = new TreeMap<>();
    for (int g : group) {
      sizes.merge(g, 1, Integer::sum);
    }
    XYChart chart = Layout.xy(title, "component 1", "component 2");
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    for (Map.Entry<Integer, Integer> e : sizes.entrySet()) {
      double[] gx = new double[e.getValue()];
      double[] gy = new double[e.getValue()];
      int n = 0;
      for (int i = 0; i < group.length; i++) {
        if (group[i] == e.getKey()) {
          gx[n] = x[i];
          gy[n++] = y[i];
        }
      }
      chart.addSeries("group " + e.getKey(), gx, gy).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    if (centers != null && centers.length > 0) {
      double[] cx = new double[centers.length];
      double[] cy = new double[centers.length];
      for (int c = 0; c < centers.length; c++) {
        cx[c] = centers[c][0];
        cy[c] = centers[c][1];
      }
      XYSeries s = chart.addSeries("centres", cx, cy);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
      s.setMarkerColor(java.awt.Color.BLACK);
    }
    return chart;
  }
}

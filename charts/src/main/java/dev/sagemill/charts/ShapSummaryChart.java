package dev.sagemill.charts;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The SHAP summary plot (Lundberg &amp; Lee's "beeswarm"): one row per feature, the most influential (largest mean
 * |SHAP|) at the top, each data row a dot at its SHAP value, red where the feature's value is above its median and
 * blue where it is below, so the direction of each feature's effect shows.
 */
public final class ShapSummaryChart {
  private static final double JITTER = 0.3;

  private ShapSummaryChart() {}

  /**
   * @param title the chart's title
   * @param features the feature names, in column order
   * @param shap per data row, each feature's SHAP value ({@code rows × features})
   * @param values per data row, each feature's value (same shape; NaN for missing)
   * @param top how many of the most influential features to show
   * @return the chart
   * @throws IllegalArgumentException if the shapes disagree or there is no row
   */
  public static XYChart of(String title, List<String> features, double[][] shap, double[][] values, int top) {
    int d = features.size();
    if (shap.length == 0 || shap.length != values.length || top <= 0) {
      throw new IllegalArgumentException(shap.length + " SHAP rows, " + values.length + " value rows, top " + top);
    }
    double[] meanAbs = new double[d];
    for (double[] row : shap) {
      if (row.length != d) {
        throw new IllegalArgumentException("a SHAP row has " + row.length + " values for " + d + " features");
      }
      for (int f = 0; f < d; f++) {
        meanAbs[f] += Math.abs(row[f]) / shap.length;
      }
    }
    Integer[] order = new Integer[d];
    for (int f = 0; f < d; f++) {
      order[f] = f;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -meanAbs[f]).thenComparing(f -> f));
    int shown = Math.min(top, d);
    int n = shap.length;
    double[] hiX = new double[n * shown];
    double[] hiY = new double[n * shown];
    double[] loX = new double[n * shown];
    double[] loY = new double[n * shown];
    int hi = 0;
    int lo = 0;
    java.util.SplittableRandom jitter = new java.util.SplittableRandom(1);
    for (int k = 0; k < shown; k++) {
      int f = order[k];
      double median = median(values, f);
      double y = shown - 1 - k; // the most influential at the top
      for (int r = 0; r < n; r++) {
        double yy = y + (jitter.nextDouble() - 0.5) * JITTER;
        if (values[r][f] > median) {
          hiX[hi] = shap[r][f];
          hiY[hi++] = yy;
        } else {
          loX[lo] = shap[r][f];
          loY[lo++] = yy;
        }
      }
    }
    XYChart chart = Layout.xy(title, "SHAP value (effect on the model's margin)", "");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisMin(-0.5).setYAxisMax(shown - 0.5);
    // Each row is named by a label at its left edge: the y axis has no numbers worth showing.
    chart.getStyler().setYAxisTicksVisible(false);
    double left = Double.POSITIVE_INFINITY;
    double right = Double.NEGATIVE_INFINITY;
    for (double[] row : shap) {
      for (int k = 0; k < shown; k++) {
        left = Math.min(left, row[order[k]]);
        right = Math.max(right, row[order[k]]);
      }
    }
    for (int k = 0; k < shown; k++) {
      chart.addAnnotation(new org.knowm.xchart.AnnotationText(features.get(order[k]), left + 0.06 * (right - left),
          shown - 1 - k + 0.35, false));
    }
    addDots(chart, "feature value below its median", Arrays.copyOf(loX, lo), Arrays.copyOf(loY, lo),
        new java.awt.Color(30, 110, 230));
    addDots(chart, "feature value above its median", Arrays.copyOf(hiX, hi), Arrays.copyOf(hiY, hi),
        new java.awt.Color(230, 40, 60));
    return chart;
  }

  private static void addDots(XYChart chart, String name, double[] x, double[] y, java.awt.Color colour) {
    if (x.length > 0) {
      XYSeries s = chart.addSeries(name, x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarkerColor(colour);
    }
  }

  private static double median(double[][] values, int f) {
    double[] v = Arrays.stream(values).mapToDouble(row -> row[f]).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v[v.length / 2];
  }
}

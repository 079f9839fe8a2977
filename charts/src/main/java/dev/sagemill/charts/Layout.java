package dev.sagemill.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The common size and style of sagemill's line and scatter charts. */
final class Layout {
  /** Width of every chart, pixels. */
  static final int WIDTH = 800;
  /** Height of every chart, pixels. */
  static final int HEIGHT = 600;

  private Layout() {}

  /** Fixes both axes to [0, 1] with one-decimal ticks (rates, precision, recall). */
  static void unitSquare(XYChart chart) {
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
        .setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
  }

  static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setMarkerSize(4);
    return chart;
  }
}

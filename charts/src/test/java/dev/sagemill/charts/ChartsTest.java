package dev.sagemill.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.listen.MetricHistory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** Every chart draws the numbers it is given, and renders headless to a non-blank 800 × 600 PNG. */
class ChartsTest {
  @TempDir
  Path dir;

  /** Decodes a chart's PNG and checks its size and that it is a picture rather than a blank canvas. */
  private static void rendersAPicture(Chart<?, ?> chart) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Png.bytes(chart)));
    assertEquals(Layout.WIDTH, img.getWidth());
    assertEquals(Layout.HEIGHT, img.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 20, "a near-blank image: " + colours.size() + " colours");
  }

  private static double[] ys(XYChart chart, String series) {
    return chart.getSeriesMap().get(series).getYData();
  }

  @Test
  void learningCurvesDrawEachMetricByEpoch() throws IOException {
    MetricHistory h = new MetricHistory();
    for (int e = 1; e <= 20; e++) {
      h.onEpoch(e, 20, Map.of("train:logloss", 1.0 / e, "validation:logloss", 1.0 / e + 0.1));
    }
    XYChart chart = LearningCurveChart.of("xgboost", h);
    assertEquals(Set.of("train:logloss", "validation:logloss"), chart.getSeriesMap().keySet());
    assertEquals(0.05, ys(chart, "train:logloss")[19], 1e-15);
    assertEquals(20, chart.getSeriesMap().get("validation:logloss").getXData()[19]);
    rendersAPicture(chart);
    assertThrows(IllegalArgumentException.class, () -> LearningCurveChart.of("none", h, "validation:auc"));
  }

  @Test
  void rocAndPrecisionRecallCurvesCarryTheirAreas() throws IOException {
    double[] y = {0, 1, 0, 1, 0};
    double[] s = {0.8, 0.9, 0.1, 0.7, 0.7};
    XYChart roc = RocChart.of("roc", y, s);
    assertTrue(roc.getSeriesMap().containsKey("ROC (AUC 0.7500)"), roc.getSeriesMap().keySet().toString());
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, ys(roc, "ROC (AUC 0.7500)"), 1e-15);
    rendersAPicture(roc);
    XYChart pr = PrecisionRecallChart.of("pr", y, s);
    assertArrayEquals(new double[] {1, 0.5, 0.5, 0.4}, ys(pr, "average precision 0.7500"), 1e-15);
    rendersAPicture(pr);
  }

  @Test
  void confusionMatrixCountsEachPairOfClasses() throws IOException {
    var chart = ConfusionMatrixChart.of("iris", List.of("setosa", "versicolor", "virginica"),
        new int[] {0, 0, 1, 1, 2, 2, 2}, new int[] {0, 0, 1, 2, 2, 2, 1});
    List<? extends Number[]> cells = chart.getSeriesMap().get("rows").getHeatData();
    int[][] counts = new int[3][3];
    for (Number[] c : cells) {
      counts[c[1].intValue()][c[0].intValue()] = c[2].intValue();
    }
    assertArrayEquals(new int[][] {{2, 0, 0}, {0, 1, 1}, {0, 1, 2}}, counts);
    rendersAPicture(chart);
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrixChart.of("bad", List.of("a"), new int[] {1},
        new int[] {0}));
  }

  @Test
  void importanceResidualsProjectionAndTuningProgress() throws IOException {
    var importance = FeatureImportanceChart.of("gain", Map.of("f0", 3.0, "f1", 9.0, "f2", 1.0), 2);
    assertEquals(List.of("f1", "f0"), importance.getSeriesMap().get("importance").getXData());
    rendersAPicture(importance);

    XYChart residuals = ResidualChart.of("ridge", new double[] {1, 2, 3}, new double[] {1.5, 2, 2});
    assertArrayEquals(new double[] {-0.5, 0, 1}, ys(residuals, "residuals"), 1e-15);
    rendersAPicture(residuals);

    XYChart projection = ProjectionChart.of("kmeans", new double[] {0, 1, 5, 6}, new double[] {0, 1, 5, 6},
        new int[] {0, 0, 1, 1}, new double[][] {{0.5, 0.5}, {5.5, 5.5}});
    assertEquals(Set.of("group 0", "group 1", "centres"), projection.getSeriesMap().keySet());
    rendersAPicture(projection);

    XYChart tuning = TuningProgressChart.of("tuning", new double[] {0.7, Double.NaN, 0.9, 0.8, 0.95}, true,
        "validation:auc");
    assertArrayEquals(new double[] {0.7, 0.9, 0.9, 0.95}, ys(tuning, "best so far"), 1e-15);
    assertArrayEquals(new double[] {1, 3, 4, 5}, tuning.getSeriesMap().get("job").getXData(), 1e-15);
    rendersAPicture(tuning);

    Path file = dir.resolve("tuning.png");
    Png.write(tuning, file);
    assertEquals(Layout.WIDTH, ImageIO.read(file.toFile()).getWidth());
    assertTrue(Files.size(file) > 1000);
  }

  @Test
  void shapSummaryRanksFeaturesByMeanAbsoluteShapAndSplitsByValue() throws IOException {
    // f1 moves the margin most (mean |SHAP| 2), then f0 (1), then f2 (0.1); f0's effect grows with its value.
    double[][] shap = new double[40][];
    double[][] values = new double[40][];
    for (int r = 0; r < 40; r++) {
      double v = r - 19.5;
      shap[r] = new double[] {Math.signum(v), r % 2 == 0 ? 2 : -2, 0.1};
      values[r] = new double[] {v, r, 1};
    }
    XYChart chart = ShapSummaryChart.of("shap", List.of("f0", "f1", "f2"), shap, values, 2);
    double[] highX = chart.getSeriesMap().get("feature value above its median").getXData();
    double[] highY = chart.getSeriesMap().get("feature value above its median").getYData();
    for (int i = 0; i < highX.length; i++) {
      if (Math.round(highY[i]) == 0) { // the second row from the top is f0: high values push the margin up
        assertEquals(1, highX[i], 0);
      }
    }
    assertEquals(2 * 40, highX.length + chart.getSeriesMap().get("feature value below its median").getXData().length,
        "two features shown, every row of each");
    rendersAPicture(chart);

    XYChart dependence = ShapDependenceChart.of("f0", "f0", new double[] {1, Double.NaN, 3}, new double[] {0.5, 9,
        -1});
    assertArrayEquals(new double[] {1, 3}, dependence.getSeriesMap().get("rows").getXData(), 0);
    rendersAPicture(dependence);
  }

  @Test
  void anomalyScoresMarkTheRecordsAboveTheThreshold() throws IOException {
    double[] scores = new double[200];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = 1 + 0.1 * Math.sin(i) + (i == 120 || i == 121 ? 3 : 0);
    }
    XYChart chart = AnomalyScoreChart.of("rcf", scores, 2.5);
    assertArrayEquals(new double[] {120, 121}, chart.getSeriesMap().get("above the threshold").getXData(), 0);
    rendersAPicture(chart);
  }

  @Test
  void forecastsDrawTheHistoryEndTheMedianTheBandAndTheActualValues() throws IOException {
    double[] history = new double[100];
    for (int i = 0; i < history.length; i++) {
      history[i] = 10 + Math.sin(i / 4.0);
    }
    double[] median = {10, 11, 12};
    XYChart chart = ForecastChart.of("deepar", history, median, new double[] {9, 9.5, 10}, new double[] {11, 12.5, 14},
        "10-90%", new double[] {10.5, 11, 13});
    assertArrayEquals(new double[] {-9, -8, -7, -6, -5, -4, -3, -2, -1}, chart.getSeriesMap().get("history")
        .getXData(), 0, "three horizons of history end at -1");
    assertArrayEquals(median, chart.getSeriesMap().get("median").getYData(), 0);
    assertArrayEquals(new double[] {14}, java.util.Arrays.copyOfRange(chart.getSeriesMap().get("10-90% upper")
        .getYData(), 2, 3), 0);
    rendersAPicture(chart);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ForecastChart.of("x",
        history, median, new double[2], new double[3], "b", null));
  }

  @Test
  void tuningParametersScatterEveryJobAndMarkTheBest() throws IOException {
    double[] eta = {0.01, 0.1, 0.3, 0.05};
    double[] auc = {0.70, 0.81, Double.NaN, 0.78};
    XYChart chart = TuningParameterChart.of("eta", "eta", eta, auc, true, "validation:auc", true);
    assertArrayEquals(new double[] {0.01, 0.1, 0.05}, chart.getSeriesMap().get("training job").getXData(), 0,
        "the failed job is left out");
    assertArrayEquals(new double[] {0.1}, chart.getSeriesMap().get("best").getXData(), 0);
    rendersAPicture(chart);
  }
}

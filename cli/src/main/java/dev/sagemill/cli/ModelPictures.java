package dev.sagemill.cli;

import dev.sagemill.charts.FeatureImportanceChart;
import dev.sagemill.charts.LearningCurveChart;
import dev.sagemill.charts.ProjectionChart;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.PlaneView;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.DataSources;
import dev.sagemill.core.estimator.FeatureImportance;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.listen.MetricHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The pictures of a trained model folder, for {@code plot} and {@code report}: its learning curves (from
 * {@code metrics-history.json}); for models that score their features, their importance in the default type (the
 * 20 largest); and, given rows, for models that place rows in a plane ({@link PlaneView}: PCA, k-means) the rows
 * in it, coloured by group with the centers marked. Knows no algorithm: it asks the model what it can show.
 */
final class ModelPictures {
  private static final int TOP_FEATURES = 20;

  private ModelPictures() {}

  /**
   * @param modelDir the folder {@code train} wrote
   * @param model its model
   * @return charts by PNG file name, in display order; empty when there is nothing to draw
   * @throws IOException if the history cannot be read
   */
  static Map<String, Chart<?, ?>> of(Path modelDir, Model model) throws IOException {
    return of(modelDir, model, List.of());
  }

  /**
   * @param modelDir the folder {@code train} wrote
   * @param model its model
   * @param rows rows to place in the model's plane ({@link #readRows}); may be empty
   * @return charts by PNG file name, in display order; empty when there is nothing to draw
   * @throws IOException if the history cannot be read
   */
  static Map<String, Chart<?, ?>> of(Path modelDir, Model model, List<RowBatch> rows) throws IOException {
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    Path historyFile = modelDir.resolve(MetricHistoryFile.NAME);
    if (Files.exists(historyFile)) {
      MetricHistory history = MetricHistoryFile.read(historyFile);
      if (!history.metrics().isEmpty()) {
        charts.put("learning-curves.png", LearningCurveChart.of(model.algorithm() + ": learning curves", history));
      }
    }
    if (model instanceof FeatureImportance fi && !fi.importanceTypes().isEmpty()) {
      String type = fi.importanceTypes().get(0);
      Map<String, Double> importance = fi.featureImportance(type);
      if (importance.values().stream().anyMatch(v -> v > 0)) {
        charts.put("feature-importance.png", FeatureImportanceChart.of(model.algorithm() + ": feature importance ("
            + type + ")", importance, TOP_FEATURES));
      }
    }
    if (model instanceof PlaneView view && !rows.isEmpty()) {
      int n = rows.stream().mapToInt(RowBatch::rows).sum();
      double[] x = new double[n];
      double[] y = new double[n];
      int[] group = new int[n];
      int at = 0;
      for (RowBatch b : rows) {
        double[] xy = view.place(b);
        int[] g = view.groups(b);
        for (int r = 0; r < b.rows(); r++, at++) {
          x[at] = xy[2 * r];
          y[at] = xy[2 * r + 1];
          group[at] = g == null ? 0 : g[r];
        }
      }
      XYChart chart = ProjectionChart.of(model.algorithm() + ": " + n + " rows in the model's plane", x, y, group,
          view.centers());
      chart.setXAxisTitle(view.axes().get(0));
      chart.setYAxisTitle(view.axes().get(1));
      charts.put("projection.png", chart);
    }
    return charts;
  }

  /**
   * Reads up to {@value #MAX_ROWS} rows of a file to place in a model's plane, as {@code predict} reads them (no
   * label column unless the content type says {@code label_size}).
   *
   * @param file the rows
   * @param contentType the content type, or null to go by the file name
   * @param model the model the rows are for
   * @return the batches read
   * @throws IOException if reading fails
   */
  static List<RowBatch> readRows(Path file, String contentType, Model model) throws IOException {
    ContentType type = contentType != null ? ContentType.parse(contentType) : ContentType.fromFileName(
        file.getFileName().toString()).orElseThrow(() -> new IllegalArgumentException("cannot tell the content "
        + "type of " + file + " from its name; give --content-type"));
    type = BatchTransform.unlabelled(type);
    List<RowBatch> out = new ArrayList<>();
    int n = 0;
    try (BatchStream s = DataSources.open(Channel.of(file), type, false).open(1000)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent() && n < MAX_ROWS; b = s.next()) {
        out.add(b.get());
        n += b.get().rows();
      }
    }
    if (model.schema().featureDim() > 0 && !out.isEmpty() && out.get(0).featureDim() != model.schema().featureDim()) {
      throw new IllegalArgumentException(file + " has " + out.get(0).featureDim() + " features per row; the "
          + model.algorithm() + " model takes " + model.schema().featureDim());
    }
    return out;
  }

  /** The most rows a picture places. */
  static final int MAX_ROWS = 5000;
}

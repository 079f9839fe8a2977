package dev.sagemill.cli;

import dev.sagemill.charts.FeatureImportanceChart;
import dev.sagemill.charts.LearningCurveChart;
import dev.sagemill.core.estimator.FeatureImportance;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.listen.MetricHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The pictures of a trained model folder, for {@code plot} and {@code report}: its learning curves (from
 * {@code metrics-history.json}) and, for models that score their features, their importance in the default type (the
 * 20 largest). Knows no algorithm: it asks the model what it can show.
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
    return charts;
  }
}

package dev.sagemill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.charts.FeatureImportanceChart;
import dev.sagemill.charts.LearningCurveChart;
import dev.sagemill.charts.Png;
import dev.sagemill.core.estimator.FeatureImportance;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.listen.MetricHistory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sagemill plot}: the pictures of a trained model folder as PNG: {@code learning-curves.png} from the
 * {@code metrics-history.json} that {@code train} writes, and {@code feature-importance.png} for models that score
 * their features (in their default importance type, the 20 largest).
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draw a trained model's learning curves and feature importance as PNG files.")
final class PlotCommand implements Callable<Integer> {
  private static final int TOP_FEATURES = 20;

  @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "The folder train wrote.")
  Path modelDir;

  @Option(names = "--output", paramLabel = "DIR", description = "Where the PNG files go (default: the model folder).")
  Path output;

  private final PrintStream out;

  PlotCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = output != null ? output : modelDir;
    Files.createDirectories(dir);
    Model model = ModelFiles.load(modelDir);
    List<Path> written = new ArrayList<>();
    Path historyFile = modelDir.resolve(TrainCommand.HISTORY_FILE);
    if (Files.exists(historyFile)) {
      MetricHistory history = read(historyFile);
      if (!history.metrics().isEmpty()) {
        Path png = dir.resolve("learning-curves.png");
        Png.write(LearningCurveChart.of(model.algorithm() + ": learning curves", history), png);
        written.add(png);
      }
    }
    if (model instanceof FeatureImportance fi && !fi.importanceTypes().isEmpty()) {
      String type = fi.importanceTypes().get(0);
      Map<String, Double> importance = fi.featureImportance(type);
      if (importance.values().stream().anyMatch(v -> v > 0)) {
        Path png = dir.resolve("feature-importance.png");
        Png.write(FeatureImportanceChart.of(model.algorithm() + ": feature importance (" + type + ")", importance,
            TOP_FEATURES), png);
        written.add(png);
      }
    }
    if (written.isEmpty()) {
      throw new IllegalArgumentException(modelDir + " has no per-epoch metrics (" + TrainCommand.HISTORY_FILE
          + ", written by sagemill train) and its " + model.algorithm() + " model scores no features: nothing to draw");
    }
    written.forEach(p -> out.println("wrote " + p));
    return 0;
  }

  private static MetricHistory read(Path file) throws java.io.IOException {
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    MetricHistory history = new MetricHistory();
    for (Map.Entry<String, JsonNode> metric : json.properties()) {
      for (JsonNode point : metric.getValue()) {
        if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
          throw new IllegalArgumentException(file + ": " + metric.getKey() + " holds " + point
              + "; expected [epoch, value] pairs");
        }
        history.add(metric.getKey(), point.get(0).asInt(), point.get(1).asDouble());
      }
    }
    return history;
  }
}

package dev.sagemill.cli;

import dev.sagemill.charts.Png;
import dev.sagemill.core.estimator.Model;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.Chart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sagemill plot}: the pictures of a trained model folder ({@link ModelPictures}) as PNG files:
 * {@code learning-curves.png}; for models that score their features, {@code feature-importance.png}; and with
 * {@code --data}, for models that place rows in a plane (PCA, k-means), {@code projection.png}.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draw a trained model's learning curves, feature importance and (with --data) rows in its plane as "
        + "PNG files.")
final class PlotCommand implements Callable<Integer> {
  @Option(names = "--model-dir", required = true, paramLabel = "DIR", description = "The folder train wrote.")
  Path modelDir;

  @Option(names = "--output", paramLabel = "DIR", description = "Where the PNG files go (default: the model folder).")
  Path output;

  @picocli.CommandLine.Mixin
  PictureRowsOptions rows = new PictureRowsOptions();

  private final PrintStream out;

  PlotCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = output != null ? output : modelDir;
    Model model = ModelFiles.load(modelDir);
    Map<String, Chart<?, ?>> charts = ModelPictures.of(modelDir, model, rows.read(model));
    if (charts.isEmpty()) {
      throw new IllegalArgumentException(modelDir + " has no per-epoch metrics (" + MetricHistoryFile.NAME
          + ", written by sagemill train) and its " + model.algorithm() + " model scores no features: nothing to draw");
    }
    Files.createDirectories(dir);
    for (Map.Entry<String, Chart<?, ?>> c : charts.entrySet()) {
      Png.write(c.getValue(), dir.resolve(c.getKey()));
      out.println("wrote " + dir.resolve(c.getKey()));
    }
    return 0;
  }
}

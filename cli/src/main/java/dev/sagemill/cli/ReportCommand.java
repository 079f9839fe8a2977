package dev.sagemill.cli;

import dev.sagemill.charts.Png;
import dev.sagemill.charts.TuningParameterChart;
import dev.sagemill.charts.TuningProgressChart;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.tuning.ParameterRange;
import dev.sagemill.tuning.Scaling;
import dev.sagemill.tuning.Trial;
import dev.sagemill.tuning.TuningStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.internal.chartpart.Chart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sagemill report}: one self-contained HTML page about a trained model folder (hyperparameters, data shape,
 * metrics, learning curves and feature importance) or a tuning output folder (the leaderboard and the tuning progress,
 * then the best model's page).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write one self-contained HTML page about a trained model folder or a tuning output folder.")
final class ReportCommand implements Callable<Integer> {
  /** The report's file name in the model folder. */
  static final String REPORT_FILE = "report.html";
  private static final int SHOWN_NAMES = 100;

  @Option(names = "--model-dir", required = true, paramLabel = "DIR",
      description = "The folder train wrote, or the --output folder of tune.")
  Path modelDir;

  @Option(names = "--output", paramLabel = "FILE", description = "The HTML file (default: DIR/report.html).")
  Path output;

  @picocli.CommandLine.Mixin
  PictureRowsOptions rows = new PictureRowsOptions();

  private final PrintStream out;

  ReportCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    write(modelDir, output != null ? output : modelDir.resolve(REPORT_FILE), rows);
    out.println("wrote " + (output != null ? output : modelDir.resolve(REPORT_FILE)));
    return 0;
  }

  /**
   * Writes the report of a model or tuning folder.
   *
   * @param modelDir the folder {@code train} or {@code tune} wrote
   * @param file the HTML file
   * @throws java.io.IOException if reading or writing fails
   */
  static void write(Path modelDir, Path file) throws java.io.IOException {
    write(modelDir, file, new PictureRowsOptions());
  }

  /**
   * Writes the report of a model or tuning folder, with rows placed in the model's plane.
   *
   * @param modelDir the folder {@code train} or {@code tune} wrote
   * @param file the HTML file
   * @param rows the rows for the model's plane ({@code --data}), if any
   * @throws java.io.IOException if reading or writing fails
   */
  static void write(Path modelDir, Path file, PictureRowsOptions rows) throws java.io.IOException {
    boolean tuning = Files.exists(modelDir.resolve(TuningStore.TRIALS_FILE));
    Path trained = tuning ? modelDir.resolve("best") : modelDir;
    Model model = ModelFiles.load(trained);
    HtmlReport page = new HtmlReport("sagemill " + (tuning ? "tuning" : "training") + " report: "
        + model.algorithm());
    page.paragraph(modelDir.toAbsolutePath() + " — trained by sagemill " + model.card().libraryVersion());
    if (tuning) {
      tuningSection(modelDir, page);
      page.heading("Best training job");
    }
    page.heading("Hyperparameters").keyValues(model.card().hyperparameters());
    Schema schema = model.schema();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("features", schema.featureDim());
    data.put("label columns", schema.labelDim());
    schema.featureNames().ifPresent(names -> data.put("feature names", String.join(", ", names.subList(0,
        Math.min(SHOWN_NAMES, names.size()))) + (names.size() > SHOWN_NAMES ? ", ..." : "")));
    page.heading("Data").keyValues(data);
    page.heading("Metrics");
    if (model.card().metrics().isEmpty()) {
      page.paragraph("The training job reported no metric.");
    } else {
      page.keyValues(model.card().metrics());
    }
    Map<String, Chart<?, ?>> charts = ModelPictures.of(trained, model, rows.read(model));
    if (!charts.isEmpty()) {
      page.heading("Pictures");
      for (Map.Entry<String, Chart<?, ?>> c : charts.entrySet()) {
        page.picture(Png.bytes(c.getValue()), c.getValue().getTitle());
      }
    }
    byte[] html = page.html().getBytes(StandardCharsets.UTF_8);
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    AtomicFiles.write(file, s -> s.write(html));
  }

  /** The leaderboard of the tuning folder, best first, and every job's objective in launch order. */
  private static void tuningSection(Path modelDir, HtmlReport page) throws java.io.IOException {
    TuningStore.Saved saved = TuningStore.read(modelDir);
    String metric = saved.config().objective().metricName();
    boolean maximize = saved.config().objective().maximize();
    List<List<String>> rows = new ArrayList<>();
    int jobs = 0; // ids count from 0 in launch order
    for (Trial t : saved.trials()) {
      jobs = Math.max(jobs, t.id() + 1);
    }
    double[] byJob = new double[jobs];
    java.util.Arrays.fill(byJob, Double.NaN);
    int rank = 1;
    for (Trial t : saved.trials()) {
      if (t.hasObjective()) {
        byJob[t.id()] = t.objective();
      }
      List<String> hps = new ArrayList<>();
      t.hyperparameters().forEach((k, v) -> hps.add(k + "=" + v));
      rows.add(List.of(Integer.toString(rank++), Integer.toString(t.id()), t.status().sageMakerName(),
          t.hasObjective() ? Double.toString(t.objective()) : "-", String.join(", ", hps)));
    }
    page.heading("Tuning: " + (maximize ? "maximize " : "minimize ") + metric + ", " + rows.size()
        + " training jobs").rows(List.of("rank", "job", "status", metric, "hyperparameters"), rows);
    if (java.util.Arrays.stream(byJob).anyMatch(v -> !Double.isNaN(v))) {
      page.picture(Png.bytes(TuningProgressChart.of("tuning progress", byJob, maximize, metric)),
          "tuning progress: each job's " + metric + " and the best so far");
    }
    for (ParameterRange range : saved.config().space().ranges()) {
      boolean log = range instanceof ParameterRange.Continuous c && c.scaling() == Scaling.LOGARITHMIC
          || range instanceof ParameterRange.Integral i && i.scaling() == Scaling.LOGARITHMIC;
      if (range instanceof ParameterRange.Categorical) {
        continue;
      }
      double[] values = new double[jobs];
      double[] objective = new double[jobs];
      java.util.Arrays.fill(objective, Double.NaN);
      for (Trial t : saved.trials()) {
        String v = t.hyperparameters().get(range.name());
        if (t.hasObjective() && v != null) {
          values[t.id()] = Double.parseDouble(v);
          objective[t.id()] = t.objective();
        }
      }
      if (java.util.Arrays.stream(objective).anyMatch(v -> !Double.isNaN(v))) {
        page.picture(Png.bytes(TuningParameterChart.of(range.name(), range.name(), values, objective, maximize,
            metric, log)), "each job's " + metric + " against its " + range.name());
      }
    }
  }
}

package dev.sagemill.cli;

import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.listen.SageMakerMetricLog;
import dev.sagemill.core.listen.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Reports training on the console: a progress bar on a terminal (redrawn in place) and, per epoch, the metric lines
 * of the algorithm's {@link MetricLog} (SageMaker's {@code #quality_metric: host=algo-1, epoch=3, validation
 * objective_loss <loss>=0.61} unless the algorithm's provider supplies its container's own format), so metric
 * regexes written for SageMaker keep matching. At the end, the log's summary and {@code #<channel>_score} lines as
 * SageMaker's first-party algorithms print them. Not thread-safe.
 */
final class ProgressListener implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean bar;
  private final long start = System.nanoTime();
  private MetricLog log = new SageMakerMetricLog();

  ProgressListener(PrintStream out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  @Override
  public void onStart(String algorithm, int plannedEpochs) {
    out.printf(Locale.ROOT, "training %s for up to %d epochs%n", algorithm, plannedEpochs);
    log = Algorithms.find(algorithm).map(p -> p.metricLog()).orElseGet(SageMakerMetricLog::new);
  }

  @Override
  public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
    if (bar) {
      int filled = (int) Math.round(WIDTH * epoch / (double) plannedEpochs);
      out.printf(Locale.ROOT, "\r[%s%s] epoch %d/%d, %.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled), epoch,
          plannedEpochs, (System.nanoTime() - start) / 1e9);
      out.println();
    }
    log.iteration(epoch, plannedEpochs, metrics).forEach(out::println);
    out.flush(); // a killed job's log keeps every finished iteration's lines
  }

  @Override
  public void onEnd(int epochsRun, boolean stoppedEarly, Map<String, Double> finalMetrics) {
    out.printf(Locale.ROOT, "trained %d epochs%s in %.1f s%n", epochsRun, stoppedEarly ? " (stopped early)" : "",
        (System.nanoTime() - start) / 1e9);
    log.summary().forEach(out::println);
    finalMetrics.forEach((name, value) -> {
      int colon = name.indexOf(':');
      String channel = name.substring(0, colon);
      String metric = name.substring(colon + 1);
      if (channel.equals("train")) {
        return;
      }
      out.printf(Locale.ROOT, "#%s_score (algo-1, %s): %s%n", channel, metric, value);
    });
  }
}

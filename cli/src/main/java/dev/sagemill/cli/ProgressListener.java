package dev.sagemill.cli;

import dev.sagemill.algo.catboost.CatBoostLog;
import dev.sagemill.algo.catboost.CatBoostParams;
import dev.sagemill.algo.lightgbm.LightGBMLog;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.xgboost.EvalLine;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.listen.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Reports training on the console: a progress bar on a terminal (redrawn in place) and, per epoch, metric lines
 * in SageMaker's log format, e.g. {@code #quality_metric: host=algo-1, epoch=3, validation objective_loss
 * <loss>=0.61} (XGBoost's {@code [3]#011train-auc:0.91000#011validation-auc:0.89000} for {@code xgboost},
 * LightGBM's {@code [4]\tvalidation's auc: 0.89} for {@code lightgbm}, CatBoost's {@code 3:\ttest: 0.89\tbest: 0.9 (2)}
 * and a closing {@code bestTest = 0.9} for {@code catboost}), so
 * metric regexes written for SageMaker keep matching. At the end, {@code #test_score} lines as
 * SageMaker's first-party algorithms print them. Not thread-safe.
 */
final class ProgressListener implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean bar;
  private final long start = System.nanoTime();
  private boolean xgboostLines;
  private boolean lightgbmLines;
  private CatBoostLog catboostLog;

  ProgressListener(PrintStream out, boolean bar) {
    this.out = out;
    this.bar = bar;
  }

  @Override
  public void onStart(String algorithm, int plannedEpochs) {
    out.printf(Locale.ROOT, "training %s for up to %d epochs%n", algorithm, plannedEpochs);
    xgboostLines = algorithm.equals(XGBoostParams.ALGORITHM);
    lightgbmLines = algorithm.equals(LightGBMParams.ALGORITHM);
    catboostLog = algorithm.equals(CatBoostParams.ALGORITHM) ? new CatBoostLog() : null;
  }

  @Override
  public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
    if (bar) {
      int filled = (int) Math.round(WIDTH * epoch / (double) plannedEpochs);
      out.printf(Locale.ROOT, "\r[%s%s] epoch %d/%d, %.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled), epoch,
          plannedEpochs, (System.nanoTime() - start) / 1e9);
      out.println();
    }
    if (xgboostLines) {
      out.println(EvalLine.format(epoch - 1, metrics));
      return;
    }
    if (lightgbmLines) {
      out.println(LightGBMLog.format(epoch, metrics));
      return;
    }
    if (catboostLog != null) {
      out.println(catboostLog.iteration(epoch, plannedEpochs, metrics));
      return;
    }
    metrics.forEach((name, value) -> {
      int colon = name.indexOf(':');
      String channel = name.substring(0, colon);
      String metric = name.substring(colon + 1);
      String kind = metric.contains("loss") ? "loss" : "score";
      out.printf(Locale.ROOT, "#quality_metric: host=algo-1, epoch=%d, %s %s <%s>=%s%n", epoch - 1, channel, metric,
          kind, value);
    });
  }

  @Override
  public void onEnd(int epochsRun, boolean stoppedEarly, Map<String, Double> finalMetrics) {
    out.printf(Locale.ROOT, "trained %d epochs%s in %.1f s%n", epochsRun, stoppedEarly ? " (stopped early)" : "",
        (System.nanoTime() - start) / 1e9);
    if (catboostLog != null && !catboostLog.summary().isEmpty()) {
      out.println(catboostLog.summary());
    }
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

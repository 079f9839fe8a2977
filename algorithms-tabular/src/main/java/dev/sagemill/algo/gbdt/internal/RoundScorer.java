package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.train.EarlyStopping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * Scores a boosting run after each round, whatever the booster: every metric on the training rows and on each
 * evaluation set, keyed {@code <set>-<metric>} in XGBoost's order, and early stopping's bookkeeping on the last
 * metric of the last evaluation set ({@link EarlyStopping}: the best round so far and whether patience has run out).
 *
 * <p>Not thread-safe; one per training run.
 */
final class RoundScorer {
  private final BoostConfig cfg;
  private final Objective objective;
  private final int outputs;
  private final float[] trainLabels;
  private final float[] trainWeights;
  private final int[] trainGroups;
  private final List<GbdtTrainer.EvalSet> evals;
  private final List<float[]> evalLabels = new ArrayList<>();
  private final List<float[]> evalWeights = new ArrayList<>();
  private final ForkJoinPool pool;
  private final EarlyStopping stopping;
  private int bestRound;

  /**
   * @param cfg the metrics and early stopping's patience
   * @param objective the loss (metrics read probabilities through it)
   * @param outputs margins per row
   * @param labels training labels
   * @param weights training instance weights or null
   * @param groups training query groups or null
   * @param evals evaluation sets
   * @param best early stopping's state to resume from, or null
   * @param firstRound the first round this run trains (0-based)
   * @param pool threads for the metrics
   */
  RoundScorer(BoostConfig cfg, Objective objective, int outputs, float[] labels, float[] weights, int[] groups,
      List<GbdtTrainer.EvalSet> evals, GbdtTrainer.Best best, int firstRound, ForkJoinPool pool) {
    this.pool = pool;
    this.cfg = cfg;
    this.objective = objective;
    this.outputs = outputs;
    this.trainLabels = labels;
    this.trainWeights = weights;
    this.trainGroups = groups;
    this.evals = evals;
    for (GbdtTrainer.EvalSet e : evals) {
      evalLabels.add(EvalData.labelsOf(e.rows()));
      evalWeights.add(EvalData.weightsOf(e.rows()));
    }
    this.bestRound = best != null ? best.round() : firstRound - 1;
    if (stopsEarly()) {
      stopping = new EarlyStopping(cfg.metrics().get(cfg.metrics().size() - 1).higherIsBetter(),
          cfg.earlyStoppingRounds(), 0);
      if (best != null) {
        stopping.resume(best.round(), best.score(), firstRound - 1);
      }
    } else {
      stopping = null;
    }
  }

  /**
   * @param trainMargins training margins, {@code rows × outputs}
   * @param evalMargins margins of each evaluation set
   * @return every metric on every set, {@code train-auc}, {@code validation-auc}, ...
   */
  Map<String, Double> score(double[] trainMargins, List<double[]> evalMargins) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (cfg.metrics().isEmpty()) {
      return metrics;
    }
    EvalData trainData = new EvalData(trainLabels, trainWeights, trainGroups, trainMargins,
        outputs, objective, pool);
    for (EvalMetric m : cfg.metrics()) {
      metrics.put("train-" + m.name(), m.evaluate(trainData));
    }
    for (int e = 0; e < evals.size(); e++) {
      EvalData d = new EvalData(evalLabels.get(e), evalWeights.get(e),
          evals.get(e).groupPtr(), evalMargins.get(e), outputs, objective, pool);
      for (EvalMetric m : cfg.metrics()) {
        metrics.put(evals.get(e).name() + "-" + m.name(), m.evaluate(d));
      }
    }
    return metrics;
  }

  /**
   * Records a round's metrics for early stopping.
   *
   * @param round the 0-based round
   * @param metrics its {@link #score}
   * @return true when the last metric has not improved for {@code early_stopping_rounds} rounds
   */
  boolean record(int round, Map<String, Double> metrics) {
    if (!stopsEarly()) {
      bestRound = round;
      return false;
    }
    EvalMetric last = cfg.metrics().get(cfg.metrics().size() - 1);
    if (stopping.offer(round, metrics.get(evals.get(evals.size() - 1).name() + "-" + last.name()))) {
      bestRound = round;
    }
    return stopping.stopped();
  }

  /** @return whether early stopping is on (patience, an evaluation set and a metric) */
  boolean stopsEarly() {
    return cfg.earlyStoppingRounds() > 0 && !evals.isEmpty() && !cfg.metrics().isEmpty();
  }

  /** @return the best round so far and its score */
  GbdtTrainer.Best best() {
    return new GbdtTrainer.Best(bestRound, stopping != null ? stopping.bestValue() : Double.NaN);
  }
}

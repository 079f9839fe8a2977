package dev.sagemill.algo.gbdt.internal;

import java.util.Map;

/**
 * A boosting run between rounds, whatever the booster ({@link GbdtTrainer.Rounds} for trees,
 * {@link LinearTrainer.Rounds} for {@code gblinear}): what the shared training loop asks of it.
 */
interface BoostingRounds {
  /**
   * Runs and scores one round.
   *
   * @return the round's metrics keyed {@code <set>-<metric>} in XGBoost's order ({@code train-auc}, ...)
   */
  Map<String, Double> next();

  /** @return whether early stopping has ended the run */
  boolean stopped();

  /** @return early stopping's state after the last round */
  GbdtTrainer.Best best();
}

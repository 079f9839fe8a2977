package dev.sagemill.algo.gbdt;

import java.util.List;

/**
 * Round-level settings of gradient boosting: how many rounds, row and column sampling per tree, the base score,
 * evaluation metrics and early stopping. Immutable.
 *
 * @param rounds boosting rounds to run
 * @param subsample fraction of rows sampled per round, (0, 1]
 * @param gradientBasedSampling sample rows with probability proportional to {@code sqrt(g² + λh²)} (XGBoost's
 *     {@code gradient_based}), reweighting them to stay unbiased, instead of uniformly
 * @param colsampleBytree fraction of features sampled per tree, (0, 1]
 * @param seed seeds every random choice
 * @param baseScore initial prediction; NaN to estimate it from the labels as XGBoost ≥ 2 does
 * @param metrics evaluation metrics; the last one drives early stopping
 * @param earlyStoppingRounds stop after this many rounds without improvement on the last evaluation set; 0 = off
 * @param dart DART settings, or null for plain gbtree
 * @param scalePosWeight gradient weight multiplier of rows labelled 1 (binary objectives); 1 = none
 */
public record BoostConfig(int rounds, double subsample, boolean gradientBasedSampling, double colsampleBytree,
    long seed, double baseScore, List<EvalMetric> metrics, int earlyStoppingRounds, DartConfig dart,
    double scalePosWeight) {

  /**
   * Validates ranges.
   *
   * @param rounds boosting rounds to run
   * @param subsample fraction of rows sampled per round, (0, 1]
   * @param gradientBasedSampling sample rows with probability proportional to {@code sqrt(g² + λh²)} (XGBoost's
   *     {@code gradient_based}), reweighting them to stay unbiased, instead of uniformly
   * @param colsampleBytree fraction of features sampled per tree, (0, 1]
   * @param seed seeds every random choice
   * @param baseScore initial prediction; NaN to estimate it from the labels as XGBoost ≥ 2 does
   * @param metrics evaluation metrics; the last one drives early stopping
   * @param earlyStoppingRounds stop after this many rounds without improvement on the last evaluation set; 0 = off
   * @param dart DART settings, or null for plain gbtree
   * @param scalePosWeight gradient weight multiplier of rows labelled 1 (binary objectives); 1 = none
   */
  public BoostConfig {
    if (rounds < 0 || !(subsample > 0 && subsample <= 1) || !(colsampleBytree > 0 && colsampleBytree <= 1)
        || earlyStoppingRounds < 0 || !(scalePosWeight > 0)) {
      throw new IllegalArgumentException("boosting parameters out of range: rounds " + rounds + ", subsample "
          + subsample + ", colsample_bytree " + colsampleBytree + ", early_stopping_rounds " + earlyStoppingRounds);
    }
    metrics = List.copyOf(metrics);
  }

  /**
   * DART (dropout trees) settings, XGBoost's names.
   *
   * @param weightedSampling {@code sample_type=weighted}: drop trees with probability proportional to their weight
   * @param forestNormalization {@code normalize_type=forest}: new tree weight 1/(1+η) instead of 1/(k+η)
   * @param rateDrop fraction of trees dropped per round
   * @param skipDrop probability of skipping dropout in a round
   * @param oneDrop always drop at least one tree
   */
  public record DartConfig(boolean weightedSampling, boolean forestNormalization, double rateDrop, double skipDrop,
      boolean oneDrop) {}
}

package dev.sagemill.algo.gbdt.internal;

import java.util.List;

/**
 * Round-level settings of gradient boosting: how many rounds, row and column sampling per tree, the base score,
 * evaluation metrics, early stopping, DART and random-forest averaging. Immutable.
 *
 * @param rounds boosting rounds to run
 * @param rowSampling which rows each tree sees
 * @param colsampleBytree fraction of features sampled per tree, (0, 1]
 * @param seed seeds every random choice
 * @param baseScore initial prediction; NaN to estimate it from the labels as XGBoost ≥ 2 does
 * @param metrics evaluation metrics; the last one drives early stopping
 * @param earlyStoppingRounds stop after this many rounds without improvement on the last evaluation set; 0 = off
 * @param dart DART settings, or null for plain boosting
 * @param scalePosWeight gradient weight multiplier of rows labelled 1 (binary objectives); 1 = none
 * @param scaleNegWeight gradient weight multiplier of rows labelled 0 (LightGBM's {@code is_unbalance} when
 *     positives outnumber negatives); 1 = none
 * @param averageTrees random forest (LightGBM's {@code boosting=rf}): every tree is fitted to the gradients at the
 *     base margin, without shrinkage, and the model is the base margin plus the average of the trees
 */
public record BoostConfig(int rounds, RowSampling rowSampling, double colsampleBytree, long seed, double baseScore,
    List<EvalMetric> metrics, int earlyStoppingRounds, DartConfig dart, double scalePosWeight, double scaleNegWeight,
    boolean averageTrees) {

  /**
   * Validates ranges.
   *
   * @param rounds boosting rounds to run
   * @param rowSampling which rows each tree sees
   * @param colsampleBytree fraction of features sampled per tree, (0, 1]
   * @param seed seeds every random choice
   * @param baseScore initial prediction; NaN to estimate it from the labels as XGBoost ≥ 2 does
   * @param metrics evaluation metrics; the last one drives early stopping
   * @param earlyStoppingRounds stop after this many rounds without improvement on the last evaluation set; 0 = off
   * @param dart DART settings, or null for plain boosting
   * @param scalePosWeight gradient weight multiplier of rows labelled 1 (binary objectives); 1 = none
   * @param scaleNegWeight gradient weight multiplier of rows labelled 0; 1 = none
   * @param averageTrees random forest: trees fitted at the base margin and averaged
   */
  public BoostConfig {
    if (rounds < 0 || !(colsampleBytree > 0 && colsampleBytree <= 1) || earlyStoppingRounds < 0
        || !(scalePosWeight > 0) || !(scaleNegWeight > 0) || rowSampling == null) {
      throw new IllegalArgumentException("boosting parameters out of range: rounds " + rounds + ", colsample_bytree "
          + colsampleBytree + ", early_stopping_rounds " + earlyStoppingRounds + ", class weights " + scalePosWeight
          + "/" + scaleNegWeight);
    }
    if (averageTrees && dart != null) {
      throw new IllegalArgumentException("a random forest cannot also drop trees (DART)");
    }
    metrics = List.copyOf(metrics);
  }

  /**
   * Which rows a tree is grown on.
   *
   * @param kind how rows are drawn
   * @param fraction UNIFORM: the probability of keeping a row; GRADIENT_BASED: the expected fraction kept; (0, 1]
   * @param every draw a new sample every this many rounds (LightGBM's {@code bagging_freq}; XGBoost: 1)
   * @param topRate GOSS: the fraction of rows with the largest |gradient × hessian| always kept
   * @param otherRate GOSS: the fraction of all rows drawn from the rest, their gradients scaled by
   *     {@code (1 − topRate) / otherRate}
   */
  public record RowSampling(Kind kind, double fraction, int every, double topRate, double otherRate) {
    /** How rows are drawn. */
    public enum Kind {
      /** Each row independently with probability {@code fraction} (XGBoost's subsample, LightGBM's bagging). */
      UNIFORM,
      /** XGBoost's {@code sampling_method=gradient_based}: minimal-variance sampling, reweighted. */
      GRADIENT_BASED,
      /** LightGBM's gradient-based one-side sampling; all rows for the first {@code 1/learning_rate} rounds. */
      GOSS
    }

    /** Every row in every tree. */
    public static final RowSampling ALL = new RowSampling(Kind.UNIFORM, 1.0, 1, 0, 0);

    /**
     * Validates ranges.
     *
     * @param kind how rows are drawn
     * @param fraction the kept fraction, (0, 1]
     * @param every rounds between samples, at least 1
     * @param topRate GOSS top fraction
     * @param otherRate GOSS other fraction
     */
    public RowSampling {
      if (kind == null || !(fraction > 0 && fraction <= 1) || every < 1) {
        throw new IllegalArgumentException("row sampling out of range: " + kind + ", fraction " + fraction
            + ", every " + every);
      }
      if (kind == Kind.GOSS && !(topRate >= 0 && otherRate > 0 && topRate + otherRate <= 1)) {
        throw new IllegalArgumentException("GOSS needs top_rate >= 0, other_rate > 0 and top_rate + other_rate <= 1,"
            + " got " + topRate + " and " + otherRate);
      }
    }
  }

  /**
   * DART (dropout trees) settings, XGBoost's names.
   *
   * @param weightedSampling {@code sample_type=weighted}: drop trees with probability proportional to their weight
   * @param forestNormalization {@code normalize_type=forest}: new tree weight 1/(1+η) instead of 1/(k+η)
   * @param rateDrop fraction of trees dropped per round
   * @param skipDrop probability of skipping dropout in a round
   * @param oneDrop always drop at least one tree
   * @param maxDrop the most trees dropped in a round (LightGBM's {@code max_drop}); 0 = no limit
   * @param xgboostMode normalise with the learning rate η as XGBoost does (new tree 1/(k+η), dropped trees
   *     k/(k+η)); false for LightGBM's 1/(k+1) and k/(k+1)
   */
  public record DartConfig(boolean weightedSampling, boolean forestNormalization, double rateDrop, double skipDrop,
      boolean oneDrop, int maxDrop, boolean xgboostMode) {}
}

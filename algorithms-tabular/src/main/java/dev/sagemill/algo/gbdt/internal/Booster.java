package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import java.util.concurrent.ForkJoinPool;

/**
 * What an XGBoost booster gives at inference, whatever it is made of: raw margins (before the objective's link)
 * and their exact additive explanation. {@link TreeEnsemble} ({@code gbtree}, {@code dart}) and
 * {@link LinearBooster} ({@code gblinear}) implement it.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Booster {
  /** @return the number of input features */
  int featureDim();

  /** @return margins per row (classes for multiclass objectives, else 1) */
  int outputs();

  /** @return the initial margin per output (from {@code base_score}) */
  double[] baseMargin();

  /**
   * Margins of one row.
   *
   * @param x the row ({@link #featureDim()} features)
   * @return one margin per output
   */
  double[] margin(FeatureVector x);

  /**
   * Margins of every row of a batch.
   *
   * @param batch the rows
   * @param pool threads, or null for the common pool (the calling thread joins in)
   * @return {@code rows × outputs} margins, row-major
   */
  double[] margins(RowBatch batch, ForkJoinPool pool);

  /**
   * Per-feature contributions of one row that sum to its margins (SHAP values).
   *
   * @param x the row, dense ({@link #featureDim()} values, NaN = missing)
   * @return {@code outputs × (features + 1)}, flat, the bias (base margin and intercept) last in each output
   */
  double[] contributions(float[] x);

  /**
   * SHAP interaction values of one row: main effects on the diagonal, each pair's interaction split over its two
   * off-diagonal cells; all cells of an output sum to its margin.
   *
   * @param x the row, dense
   * @return {@code outputs × (features + 1)²}, flat
   */
  double[] interactions(float[] x);
}

/**
 * The gradient-boosted tree engine shared by {@code xgboost}, {@code lightgbm} and {@code catboost}: quantile
 * binning, histogram split search, tree growth, objectives, evaluation metrics and the boosting loop.
 *
 * <p>Internal: public only because three sibling packages build on it. It is not API and changes without notice;
 * use the algorithms' estimators, models and parameters instead. The model accessors that return engine types
 * ({@code ensemble()}, {@code booster()}) are for the benchmarks and interoperability tools.
 */
package dev.sagemill.algo.gbdt.internal;

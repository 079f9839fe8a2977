/**
 * The gradient-boosted tree engine shared by {@code xgboost}, {@code lightgbm} and {@code catboost}: quantile
 * binning, histogram split search, tree growth, objectives, evaluation metrics and the boosting loop.
 */
package dev.sagemill.algo.gbdt;

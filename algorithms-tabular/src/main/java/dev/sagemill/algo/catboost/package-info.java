/**
 * SageMaker's CatBoost algorithm: symmetric (oblivious) trees, ordered boosting, and categorical features encoded
 * by ordered target statistics with greedy feature combinations, as CatBoost does, with SageMaker's
 * hyperparameters and CatBoost's log lines.
 */
package dev.sagemill.algo.catboost;

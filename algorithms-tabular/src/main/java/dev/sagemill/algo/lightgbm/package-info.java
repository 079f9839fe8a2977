/**
 * SageMaker's LightGBM algorithm on sagemill's histogram engine: leaf-wise trees ({@code num_leaves}),
 * LightGBM's categorical splits, GOSS, DART and random-forest boosting, with SageMaker's hyperparameters and
 * LightGBM's per-iteration log lines.
 */
package dev.sagemill.algo.lightgbm;

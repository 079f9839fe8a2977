/**
 * The training machinery every iterative algorithm shares: {@link dev.sagemill.core.train.TrainingLoop} (listener
 * events, cancellation, checkpoints and exact resume, one progress record), {@link
 * dev.sagemill.core.train.EarlyStopping} (patience, tolerance, the best iteration) and {@link
 * dev.sagemill.core.train.ThreadBudget} (the one rule for the thread count).
 */
package dev.sagemill.core.train;

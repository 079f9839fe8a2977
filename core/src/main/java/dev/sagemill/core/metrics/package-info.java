/**
 * Evaluation metrics under SageMaker's names ({@code mse}, {@code rmse}, {@code auc}, {@code msd}, ...), computed
 * from primitive arrays, optionally weighted.
 */
package dev.sagemill.core.metrics;

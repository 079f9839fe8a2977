/**
 * The {@code sagemill} command line: {@code train} (SageMaker's training-container layout under {@code /opt/ml},
 * or plain flags), {@code predict} (batch transform of a file or folder with a saved model), {@code serve} (SageMaker's inference
 * HTTP contract) and
 * {@code algorithms} (what is installed and its hyperparameters).
 */
package dev.sagemill.cli;

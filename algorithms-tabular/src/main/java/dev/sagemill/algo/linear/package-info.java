/**
 * SageMaker's Linear Learner ({@code linear-learner}): linear models for binary classification, multiclass
 * classification and regression, trained by mini-batch stochastic optimisation (SGD with momentum, Adam or
 * RMSProp) over a streamed channel, with several models of neighbouring learning rates and regularisation trained
 * in the same pass and the best one on validation kept, a decision threshold tuned for the chosen selection
 * criterion, and SageMaker's hyperparameter names, defaults and ranges.
 *
 * <p>Entry points: {@link dev.sagemill.algo.linear.LinearLearnerParams} (hyperparameters),
 * {@link dev.sagemill.algo.linear.LinearLearnerEstimator} (training) and
 * {@link dev.sagemill.algo.linear.LinearLearnerModel} (inference).
 */
package dev.sagemill.algo.linear;

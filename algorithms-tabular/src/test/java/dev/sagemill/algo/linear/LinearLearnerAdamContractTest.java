package dev.sagemill.algo.linear;

import dev.sagemill.core.estimator.Estimator;

/**
 * The estimator contract for Linear Learner's streamed optimizer (SageMaker's {@code adam}); {@link
 * LinearLearnerContractTest} covers {@code optimizer=auto}, which holds such small data in memory for the full-batch
 * solver.
 */
class LinearLearnerAdamContractTest extends LinearLearnerContractTest {
  @Override
  protected Estimator<LinearLearnerModel> newEstimator(long seed) {
    return new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER).seed(seed)
        .optimizer(LinearLearnerParams.Optimizer.ADAM).miniBatchSize(100).epochs(5).numModels(3).build());
  }
}

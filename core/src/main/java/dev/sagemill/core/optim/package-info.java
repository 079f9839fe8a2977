/**
 * Optimizers and learning-rate schedules shared by the SGD-trained algorithms: {@link
 * dev.sagemill.core.optim.Optimizer} names an update rule ({@link dev.sagemill.core.optim.Sgd} with momentum,
 * {@link dev.sagemill.core.optim.Adam}, {@link dev.sagemill.core.optim.RmsProp}, {@link
 * dev.sagemill.core.optim.AdaGrad}), MXNet's {@link dev.sagemill.core.optim.MxNetAdaGrad} stands beside them, and
 * {@link dev.sagemill.core.optim.LearningRateSchedule}s move the rate (step, linear and plateau decay). Rules and schedules save their state, so a checkpoint resumes the same steps.
 * {@link dev.sagemill.core.optim.Lbfgs} minimises a smooth full-batch objective (a regularised linear model on data
 * held in memory) to its optimum.
 */
package dev.sagemill.core.optim;

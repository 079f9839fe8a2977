/**
 * The neural-network foundation every neural algorithm of sagemill trains and predicts on: DJL's API with the PyTorch
 * engine and its CPU natives from Maven Central, always offline ({@link dev.sagemill.neural.NeuralEngine}); the
 * network's parameters as one flat vector ({@link dev.sagemill.neural.FlatParameters}) that core's optimizers
 * update, that checkpoints hold and that model files store as arrays; and the mini-batch training driver on core's
 * training loop ({@link dev.sagemill.neural.MiniBatchTrainer}).
 *
 * <p>Why the optimizer runs in Java: DJL's optimizers keep their moments inside the engine where no checkpoint can
 * read them, and one optimizer package ({@code dev.sagemill.core.optim}) serves every algorithm. Copying a
 * gradient out and the parameters back costs a few microseconds per thousand parameters, well under a percent of an
 * LSTM step.
 *
 * <p>GPU: when a CUDA build of the PyTorch natives (with the DJL version that has one) and a GPU are present,
 * {@link dev.sagemill.neural.NeuralEngine#device()} answers the GPU and the same code runs there; the jars this module
 * brings are the CPU build.
 */
package dev.sagemill.neural;

package dev.sagemill.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linear regression y = 3·x₀ − 2·x₁ + 0.5 with no noise, learned by {@link MiniBatchTrainer} through a DJL
 * {@link Linear} block: the weights reach the generating ones, every batch is reported, a cancelled job resumes
 * from its checkpoint to the same parameters, and a parameter file of another shape is refused.
 */
class MiniBatchTrainerTest {
  @TempDir
  Path dir;

  private static final ParamSpec SPEC = ParamSpec.builder("linear-test")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, "0", false, "s")
      .build();

  /** A network and its regression task. */
  private static final class Regression implements MiniBatchTrainer.Task, AutoCloseable {
    final NDManager manager = NeuralEngine.newManager(1);
    final Linear linear = Linear.builder().setUnits(1).build();
    final ParameterStore store = new ParameterStore(manager, false);
    final FlatParameters params;

    Regression() {
      NeuralEngine.seed(1);
      linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
      params = FlatParameters.of(Map.<String, Block>of("linear", linear), Map.of());
    }

    @Override
    public int batchesPerEpoch() {
      return 20;
    }

    @Override
    public NDArray batchLoss(NDManager scope, RandomStream random) {
      int n = 32;
      float[] x = new float[2 * n];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        x[2 * i] = (float) random.nextGaussian();
        x[2 * i + 1] = (float) random.nextGaussian();
        y[i] = 3 * x[2 * i] - 2 * x[2 * i + 1] + 0.5f;
      }
      NDArray out = linear.forward(store, new NDList(scope.create(x, new Shape(n, 2))), true).head();
      return out.reshape(n).sub(scope.create(y)).square().mean();
    }

    TrainingLoop.Result fit(int epochs, FitOptions options, MiniBatchTrainer trainer) throws IOException {
      return TrainingLoop.run(new TrainingLoop.Settings("linear-test", SPEC.parse(Map.of()), Schema.of(2, 1),
          epochs, "test.checkpoint", 1, 1), trainer, options);
    }

    MiniBatchTrainer trainer(FitOptions options) {
      return new MiniBatchTrainer(this, params, manager, new MiniBatchTrainer.Settings(0.05, 10, 0, 7, "train:loss"),
          options);
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  @Test
  void learnsTheGeneratingWeightsAndReportsEveryBatch() throws IOException {
    List<Integer> batches = new ArrayList<>();
    FitOptions options = FitOptions.builder().listener(new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, double loss) {
        batches.add(batch);
      }
    }).build();
    try (Regression r = new Regression()) {
      MiniBatchTrainer t = r.trainer(options);
      r.fit(30, options, t);
      t.keepBest();
      float[] w = r.params.values();
      // the weight matrix (1 × 2), then the bias
      assertArrayEquals(new float[] {3f, -2f, 0.5f}, w, 0.02f, java.util.Arrays.toString(w));
      assertTrue(t.bestLoss() < 1e-3, "loss " + t.bestLoss());
    }
    assertEquals(30 * 20, batches.size());
  }

  @Test
  void aCancelledJobResumesToTheSameParameters() throws IOException {
    float[] whole;
    try (Regression r = new Regression()) {
      MiniBatchTrainer t = r.trainer(FitOptions.defaults());
      r.fit(6, FitOptions.defaults(), t);
      whole = r.params.values();
    }
    Path ck = dir.resolve("ck");
    CancellationToken cancel = new CancellationToken();
    FitOptions first = FitOptions.builder().checkpointDir(ck).cancellation(cancel).listener(new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
        if (epoch == 3) {
          cancel.cancel();
        }
      }
    }).build();
    try (Regression r = new Regression()) {
      r.fit(6, first, r.trainer(first));
    }
    try (Regression r = new Regression()) {
      FitOptions second = FitOptions.builder().checkpointDir(ck).build();
      TrainingLoop.Result res = r.fit(6, second, r.trainer(second));
      assertEquals(3, res.resumedFrom());
      assertArrayEquals(whole, r.params.values(), "resumed after 3 epochs = uninterrupted");
    }
  }

  @Test
  void parametersOfAnotherShapeAreRefused() throws IOException {
    try (Regression r = new Regression()) {
      dev.sagemill.core.io.CheckpointIO.save(dir.resolve("net"), "net", 1,
          new dev.sagemill.core.estimator.ModelCard("linear-test", Map.of(), Map.of(), "t"), Schema.of(2, 1),
          out -> r.params.save(out, "net.", r.params.values()));
    }
    try (NDManager m = NeuralEngine.newManager(1)) {
      Linear wider = Linear.builder().setUnits(1).build();
      wider.initialize(m, DataType.FLOAT32, new Shape(1, 3));
      FlatParameters other = FlatParameters.of(Map.<String, Block>of("linear", wider), Map.of());
      var reader = dev.sagemill.core.io.CheckpointIO.loadFor(dir.resolve("net"), "net", 1,
          new dev.sagemill.core.estimator.ModelCard("linear-test", Map.of(), Map.of(), "t")).orElseThrow();
      CorruptModelException e = assertThrows(CorruptModelException.class, () -> other.read(reader, "net."));
      assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }
  }
}

package dev.sagemill.neural;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.sagemill.core.error.TrainingDivergedException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.optim.Adam;
import dev.sagemill.core.optim.LearningRateSchedule;
import dev.sagemill.core.optim.PlateauDecay;
import dev.sagemill.core.optim.UpdateRule;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.EarlyStopping;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of mini-batch gradient descent per iteration of core's {@link dev.sagemill.core.train.TrainingLoop}:
 * the algorithm's {@link Task} builds each batch and its loss, this class takes the gradient, clips it to a global
 * norm, steps Adam ({@link Adam} from core, on the {@link FlatParameters} vector), reports each batch to the
 * listeners, halves the learning rate when the epoch loss stalls (GluonTS's trainer: factor 0.5 after 10 epochs, not
 * below 5e-5), keeps the parameters of the epoch with the lowest loss (validation loss when the task has one, as
 * GluonTS and SageMaker's DeepAR return the best epoch's model), and stops early after {@code patience} epochs
 * without improvement.
 *
 * <p>Repeatable: each epoch's batches draw from {@code RandomStream.of(seed).fork("epoch", e)} and PyTorch's
 * generator (dropout) is seeded from the seed and epoch, so a job resumed from the checkpoint of epoch {@code e}
 * reproduces the uninterrupted run's parameters. Checkpoints hold the parameters, Adam's moments, the step count, the
 * schedule, the best snapshot and the early-stopping state.
 *
 * <p>Not thread-safe: one training job.
 */
public final class MiniBatchTrainer implements dev.sagemill.core.train.TrainingLoop.Job {
  /** The algorithm's side: how to make one batch's loss. */
  public interface Task {
    /** @return gradient steps per epoch */
    int batchesPerEpoch();

    /**
     * Samples one training batch and computes its mean loss with the network in training mode, inside the
     * gradient recording.
     *
     * @param scope a memory scope closed after the step; make every array in it
     * @param random this batch's random stream
     * @return a scalar: the loss to minimise
     */
    NDArray batchLoss(NDManager scope, RandomStream random);

    /**
     * The loss on held-out data with the network in inference mode, for keeping the best epoch.
     *
     * @param scope a memory scope closed after the call
     * @return the loss, or NaN when the task holds no validation data
     */
    default double validationLoss(NDManager scope) {
      return Double.NaN;
    }
  }

  /**
   * The optimisation settings.
   *
   * @param learningRate Adam's initial step size, positive
   * @param clipNorm the largest global gradient norm; larger gradients are scaled down to it
   * @param patience epochs without a better loss before stopping; 0 never stops early
   * @param seed the seed of batches and dropout
   * @param lossName the epoch metric's name ({@code train:loss})
   */
  public record Settings(double learningRate, double clipNorm, int patience, long seed, String lossName) {
    /**
     * Validates.
     *
     * @param learningRate Adam's initial step size
     * @param clipNorm the largest global gradient norm
     * @param patience epochs without improvement before stopping, 0 for never
     * @param seed the seed
     * @param lossName the epoch metric's name
     */
    public Settings {
      if (!(learningRate > 0) || !(clipNorm > 0) || patience < 0) {
        throw new IllegalArgumentException("learningRate and clipNorm must be positive and patience >= 0, got "
            + learningRate + ", " + clipNorm + ", " + patience);
      }
    }
  }

  /** The learning rate's floor and decay of GluonTS's trainer. */
  static final double MIN_RATE = 5e-5;
  static final double DECAY = 0.5;
  static final int DECAY_PATIENCE = 10;

  private final Task task;
  private final FlatParameters params;
  private final Settings settings;
  private final FitOptions options;
  private final NDManager manager;
  private final UpdateRule adam;
  private final LearningRateSchedule schedule;
  private final EarlyStopping stopping;
  private final float[] values;
  private final float[] gradient;
  private float[] best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private long steps;
  private double lastLoss = Double.NaN;

  /**
   * @param task the algorithm's batches
   * @param params the network's parameters, initialized
   * @param manager the network's memory scope (each batch runs in a sub-scope of it)
   * @param settings the optimisation settings
   * @param options listeners and cancellation
   */
  public MiniBatchTrainer(Task task, FlatParameters params, NDManager manager, Settings settings,
      FitOptions options) {
    this.task = task;
    this.params = params;
    this.manager = manager;
    this.settings = settings;
    this.options = options;
    this.adam = new Adam(params.size(), 0.9, 0.999, 1e-8);
    this.schedule = new PlateauDecay(settings.learningRate(), DECAY, DECAY_PATIENCE, 0, MIN_RATE);
    this.stopping = settings.patience() > 0 ? new EarlyStopping(false, settings.patience(), 0) : null;
    this.values = params.values();
    this.gradient = new float[params.size()];
    this.best = values.clone();
  }

  @Override
  public Map<String, Double> iterate(int epoch) {
    RandomStream epochRandom = RandomStream.of(settings.seed()).fork("epoch", epoch);
    NeuralEngine.seed(settings.seed() * 1_000_003L + epoch);
    double sum = 0;
    int n = task.batchesPerEpoch();
    for (int b = 1; b <= n; b++) {
      if (options.cancellation().isCancelled()) {
        return null;
      }
      double loss;
      try (NDManager scope = manager.newSubManager()) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray l = task.batchLoss(scope, epochRandom.fork("batch", b));
          loss = l.getFloat();
          if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException("the training loss became " + loss + " in epoch " + epoch
                + ", batch " + b + " (learning rate " + schedule.rate() + "); lower learning_rate");
          }
          gc.backward(l);
        }
        params.gradients(gradient);
      }
      step();
      sum += loss;
      for (TrainingListener li : options.listeners()) {
        li.onBatch(epoch, b, loss);
      }
    }
    double trainLoss = sum / n;
    double validation;
    try (NDManager scope = manager.newSubManager()) {
      validation = task.validationLoss(scope);
    }
    double monitored = Double.isNaN(validation) ? trainLoss : validation;
    schedule.afterEpoch(monitored);
    if (monitored < bestLoss) {
      bestLoss = monitored;
      best = values.clone();
    }
    if (stopping != null) {
      stopping.offer(epoch, monitored);
    }
    lastLoss = trainLoss;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(settings.lossName(), trainLoss);
    if (!Double.isNaN(validation)) {
      metrics.put("validation:loss", validation);
    }
    return metrics;
  }

  private void step() {
    double norm = 0;
    for (float g : gradient) {
      norm += (double) g * g;
    }
    norm = Math.sqrt(norm);
    double scale = norm > settings.clipNorm() ? settings.clipNorm() / norm : 1;
    adam.beginStep(++steps);
    double rate = schedule.rate();
    for (int i = 0; i < values.length; i++) {
      values[i] += (float) adam.delta(i, gradient[i] * scale, rate);
    }
    params.set(values);
  }

  @Override
  public boolean converged() {
    return stopping != null && stopping.stopped();
  }

  /** Puts the best epoch's parameters into the network; call once training ends. */
  public void keepBest() {
    params.set(best);
  }

  /** @return the mean training loss of the last epoch run, NaN before the first */
  public double lastLoss() {
    return lastLoss;
  }

  /** @return the lowest monitored loss so far (validation loss when there is one) */
  public double bestLoss() {
    return bestLoss;
  }

  @Override
  public void save(ModelWriter out) {
    params.save(out, "param.", values);
    params.save(out, "best.", best);
    adam.saveTo(out, "adam.");
    out.putDoubles("trainer", new double[] {steps, bestLoss, lastLoss});
    out.putDoubles("schedule", schedule.state());
    if (stopping != null) {
      out.putDoubles("stopping", stopping.state());
    }
  }

  @Override
  public void restore(ModelReader in) throws IOException {
    float[] v = params.read(in, "param.");
    System.arraycopy(v, 0, values, 0, v.length);
    params.set(values);
    best = params.read(in, "best.");
    adam.restoreFrom(in, "adam.");
    double[] t = in.doubles("trainer");
    in.require(t.length == 3, "trainer holds " + t.length + " values");
    steps = (long) t[0];
    bestLoss = t[1];
    lastLoss = t[2];
    schedule.restore(in.doubles("schedule"));
    if (stopping != null) {
      stopping.restore(in.doubles("stopping"));
    }
  }
}

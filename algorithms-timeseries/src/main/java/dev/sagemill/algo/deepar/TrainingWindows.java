package dev.sagemill.algo.deepar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.neural.MiniBatchTrainer;
import java.util.List;

/**
 * DeepAR's training batches: each row is a window of {@code context_length + prediction_length} time points of a
 * series drawn uniformly (every series as likely, as GluonTS's instance sampler gives each about one window a
 * pass), its forecast start drawn uniformly over the series; a window reaching before the series' start is padded
 * with zeros and those points carry no loss. The loss is the likelihood's negative log-likelihood averaged over the
 * observed time points of the whole window (context and forecast part, as GluonTS trains), missing targets masked
 * out. One epoch draws about as many time points as the data holds.
 *
 * <p>Not thread-safe.
 */
final class TrainingWindows implements MiniBatchTrainer.Task {
  private final DeepArNetwork network;
  private final List<PreparedSeries> series;
  private final int context;
  private final int horizon;
  private final int batchSize;
  private final int batches;
  private final float[] past;
  private final PointInputs inputs;

  TrainingWindows(DeepArNetwork network, List<PreparedSeries> series, int context, int horizon, int batchSize) {
    this.network = network;
    this.inputs = new PointInputs(network.shape);
    this.series = series;
    this.context = context;
    this.horizon = horizon;
    this.batchSize = batchSize;
    long points = 0;
    int longest = 0;
    for (PreparedSeries s : series) {
      points += s.length;
      longest = Math.max(longest, s.length);
    }
    this.batches = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
        Math.ceil((double) points / (context + horizon) / batchSize)));
    this.past = new float[longest];
  }

  @Override
  public int batchesPerEpoch() {
    return batches;
  }

  @Override
  public NDArray batchLoss(NDManager scope, RandomStream random) {
    SeriesShape shape = network.shape;
    Likelihood likelihood = shape.likelihood();
    int steps = context + horizon;
    int width = shape.pointInputs();
    int nc = shape.cardinality().length;
    float[] point = new float[batchSize * steps * width];
    float[] target = new float[batchSize * steps];
    float[] mask = new float[batchSize * steps];
    float[] scale = new float[batchSize];
    float[] logScale = new float[batchSize];
    int[] cats = new int[batchSize * nc];
    for (int b = 0; b < batchSize; b++) {
      PreparedSeries s = series.get(random.nextInt(series.size()));
      int split = 1 + random.nextInt(s.length - horizon);
      int first = split - context;
      scale[b] = likelihood.scaled() ? s.scale(split, context) : 1f;
      logScale[b] = (float) Math.log(scale[b]);
      System.arraycopy(s.cat, 0, cats, b * nc, nc);
      int end = split + horizon;
      PointInputs.scaledPast(s, scale[b], end, past);
      inputs.fill(s, past, end, null, 0, first, steps, point, b * steps * width);
      for (int j = 0; j < steps; j++) {
        int t = first + j;
        if (t >= 0 && s.observed[t]) {
          target[b * steps + j] = s.target[t];
          mask[b * steps + j] = 1f;
        }
      }
    }
    NDArray statics = network.staticInputs(scope, cats, logScale);
    NDArray raw = network.unroll(scope, point, batchSize, steps, statics, null, true).head();
    NDList p = likelihood.parameters(raw);
    NDArray y = scope.create(target, new Shape(batchSize, steps));
    NDArray m = scope.create(mask, new Shape(batchSize, steps));
    NDArray sc = scope.create(scale, new Shape(batchSize, 1));
    NDArray nll = likelihood.negativeLogLikelihood(p, y, sc);
    return nll.mul(m).sum().div(Math.max(1f, m.sum().getFloat()));
  }
}

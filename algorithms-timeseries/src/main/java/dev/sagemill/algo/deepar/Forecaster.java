package dev.sagemill.algo.deepar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.sagemill.core.random.RandomStream;
import java.util.List;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Draws DeepAR's sample paths (ancestral sampling, §3.1 of the paper): the network reads each series' context
 * window, then for each forecast step every path draws a value from the likelihood and feeds it back as the next
 * step's lag. Paths of one series share its context state; rows are series × paths, in chunks of at most
 * {@value #MAX_ROWS} so memory stays bounded. The draws come from a generator seeded by the model's seed and the
 * series' position in the request, so the same request gets the same answer.
 *
 * <p>Not thread-safe: one network.
 */
final class Forecaster {
  /** Rows (series × paths) per chunk. */
  static final int MAX_ROWS = 1 << 16;
  private final DeepArNetwork network;
  private final int context;
  private final int horizon;
  private final long seed;
  private final PointInputs inputs;

  Forecaster(DeepArNetwork network, int context, int horizon, long seed) {
    this.network = network;
    this.inputs = new PointInputs(network.shape);
    this.context = context;
    this.horizon = horizon;
    this.seed = seed;
  }

  /**
   * Forecasts series after their last value.
   *
   * @param series the series (their dynamic features cover the horizon)
   * @param paths sample paths per series
   * @return per series, {@code paths × horizon} draws
   */
  double[][][] sample(List<PreparedSeries> series, int paths) {
    dev.sagemill.neural.NeuralEngine.stopRecording();
    double[][][] out = new double[series.size()][][];
    int perChunk = Math.max(1, MAX_ROWS / paths);
    for (int from = 0; from < series.size(); from += perChunk) {
      List<PreparedSeries> chunk = series.subList(from, Math.min(series.size(), from + perChunk));
      double[][][] part = sampleChunk(chunk, paths, RandomStream.of(seed).fork("forecast", from).nextLong());
      System.arraycopy(part, 0, out, from, part.length);
    }
    return out;
  }

  private double[][][] sampleChunk(List<PreparedSeries> series, int paths, long chunkSeed) {
    SeriesShape shape = network.shape;
    Likelihood likelihood = shape.likelihood();
    int n = series.size();
    int width = shape.pointInputs();
    int nc = shape.cardinality().length;
    float[] scale = new float[n];
    float[] logScale = new float[n];
    int[] cats = new int[n * nc];
    float[][] past = new float[n][];
    float[] contextInputs = new float[n * context * width];
    for (int i = 0; i < n; i++) {
      PreparedSeries s = series.get(i);
      scale[i] = likelihood.scaled() ? s.scale(s.length, context) : 1f;
      logScale[i] = (float) Math.log(scale[i]);
      System.arraycopy(s.cat, 0, cats, i * nc, nc);
      past[i] = new float[s.length];
      PointInputs.scaledPast(s, scale[i], s.length, past[i]);
      inputs.fill(s, past[i], s.length, null, 0, s.length - context, context, contextInputs,
          i * context * width);
    }
    int rows = n * paths;
    double[][][] out = new double[n][paths][horizon];
    float[] future = new float[rows * horizon];
    float[] step = new float[rows * width];
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(chunkSeed));
    try (NDManager scope = network.manager().newSubManager()) {
      NDArray statics = network.staticInputs(scope, cats, logScale);
      NDList warm = network.unroll(scope, contextInputs, n, context, statics, null, false);
      NDList state = new NDList(warm.get(1).repeat(1, paths), warm.get(2).repeat(1, paths));
      NDArray rowStatics = statics.repeat(0, paths);
      for (int j = 0; j < horizon; j++) {
        for (int r = 0; r < rows; r++) {
          PreparedSeries s = series.get(r / paths);
          inputs.fill(s, past[r / paths], s.length, future, r * horizon, s.length + j, 1, step,
              r * width);
        }
        try (NDManager stepScope = scope.newSubManager()) {
          NDList res = network.unroll(stepScope, step, rows, 1, rowStatics, state, false);
          float[] p = NDArrays.stack(likelihood.parameters(res.get(0)), -1).toFloatArray();
          state.close();
          state = new NDList(res.get(1), res.get(2));
          state.attach(scope);
          for (int r = 0; r < rows; r++) {
            int i = r / paths;
            double v = likelihood.sample(p, r, scale[i], random);
            out[i][r % paths][j] = v;
            future[r * horizon + j] = (float) (v / scale[i]);
          }
        }
      }
    }
    return out;
  }
}

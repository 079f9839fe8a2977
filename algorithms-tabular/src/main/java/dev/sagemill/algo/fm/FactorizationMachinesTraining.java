package dev.sagemill.algo.fm;

import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.PrefetchingBatchStream;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.TrainingDivergedException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.optim.MxNetAdaGrad;
import dev.sagemill.core.optim.Optimizer;
import dev.sagemill.core.optim.UpdateRule;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.TaskPool;
import dev.sagemill.core.train.ThreadBudget;
import dev.sagemill.core.train.TrainingLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One fit of a factorization machine: per epoch one streamed pass over the training channel in
 * {@code mini_batch_size} batches (memory is the model, its optimizer state and one batch, whatever the row count).
 * Per batch, the features it touches get local numbers; row chunks compute the gradient of w0, w and V for those
 * features only, in parallel, and the chunk sums are added in chunk order, so the model depends on the thread count
 * but never on scheduling. The mean gradient ({@code rescale_grad}), clipped ({@code clip_gradient}), then updates
 * only the touched rows of w and V (MXNet's lazy sparse update) with each group's rate and weight decay.
 *
 * <p>Gradient of a row with loss derivative δ (ŷ − y for squared loss, σ(ŷ) − y for logistic): δ for w0, δ·xᵢ for wᵢ,
 * δ·xᵢ·(s_f − v_if·xᵢ) for v_if, where s_f = Σⱼ v_jf xⱼ.
 */
final class FactorizationMachinesTraining {
  /** The format name of the training checkpoints. */
  static final String CHECKPOINT_FORMAT = "sagemill.factorization-machines.checkpoint";
  /** Version 1: the shared training loop's progress record, the parameters and the optimizer state. */
  static final int CHECKPOINT_VERSION = 1;
  private static final String ALGORITHM = FactorizationMachinesParams.ALGORITHM;
  /** Below this many multiply-adds a chunk is not worth a task hand-off. */
  private static final long MIN_CHUNK_WORK = 1 << 15;

  private final FactorizationMachinesParams p;
  private final DataSource train;
  private final FitOptions options;
  private final PredictorType type;
  private final int d;
  private final int k;
  private final int threads;
  private final int batchRows;
  private final String optimizer;
  private final double[] lr = new double[3];
  private final double[] wd = new double[3];
  private final double clip;
  private final double rescale;
  private float w0;
  private final float[] w;
  private final float[] v;
  private final UpdateRule[] rules = new UpdateRule[3];
  private long steps;
  /** Each feature's number within the current batch, -1 outside it; reset after every batch. */
  private final int[] localOf;
  private TaskPool pool;

  FactorizationMachinesTraining(FactorizationMachinesParams p, DataSource train, FitOptions options) {
    this.p = p;
    this.train = train;
    this.options = options;
    this.type = p.predictorType();
    this.d = p.featureDim();
    this.k = p.numFactors();
    this.threads = ThreadBudget.threads(options);
    var values = p.values();
    this.batchRows = values.getInt("mini_batch_size");
    this.optimizer = p.optimizer();
    String[] groups = {"bias", "linear", "factors"};
    for (int g = 0; g < 3; g++) {
      lr[g] = values.getDouble(groups[g] + "_lr");
      wd[g] = values.getDouble(groups[g] + "_wd");
    }
    this.clip = values.getDouble("clip_gradient", Double.POSITIVE_INFINITY);
    this.rescale = values.getDouble("rescale_grad", Double.NaN);
    this.w = new float[d];
    this.v = new float[d * k];
    this.localOf = new int[d];
    Arrays.fill(localOf, -1);
  }

  FactorizationMachinesModel run() throws IOException {
    Schema schema = checkedSchema(train, "training");
    if (options.test().isPresent()) {
      checkedSchema(options.test().get(), "test");
    }
    RandomStream rng = RandomStream.of(p.seed());
    w0 = (float) p.initialValue("bias", rng.fork("bias"));
    RandomStream lin = rng.fork("linear");
    for (int i = 0; i < d; i++) {
      w[i] = (float) p.initialValue("linear", lin);
    }
    RandomStream fac = rng.fork("factors");
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) p.initialValue("factors", fac);
    }
    int[] sizes = {1, d, d * k};
    for (int g = 0; g < 3; g++) {
      rules[g] = optimizer.equals("adagrad") ? new MxNetAdaGrad(sizes[g], p.eps())
          : new Optimizer(optimizer, 0, 0.9, 0.999, p.eps()).newRule(sizes[g]);
    }
    pool = new TaskPool(threads, "sagemill-fm");
    try {
      int epochs = p.values().getInt("epochs");
      TrainingLoop.Result result = TrainingLoop.run(new TrainingLoop.Settings(ALGORITHM, p.values(),
          Schema.of(d, 1), epochs, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, 1), new Epochs(), options);
      Map<String, Double> finalMetrics = new LinkedHashMap<>(lastEpoch);
      FactorizationMachinesModel draft = model(schema, finalMetrics);
      if (options.test().isPresent()) {
        finalMetrics.putAll(FactorizationMachinesEvaluation.evaluate(draft, options.test().get(), "test",
            batchRows));
      }
      FactorizationMachinesModel model = model(schema, finalMetrics);
      TrainingLoop.end(options, result, finalMetrics);
      return model;
    } finally {
      pool.close();
    }
  }

  private FactorizationMachinesModel model(Schema schema, Map<String, Double> metrics) {
    ModelCard card = new ModelCard(ALGORITHM, p.values().toSageMaker(), metrics, SagemillVersion.get());
    return new FactorizationMachinesModel(type, w0, w.clone(), v.clone(), Schema.of(d, 1).withIndexBaseOf(schema),
        card);
  }

  /** The channel's shape against {@code feature_dim}: dense data must match it, sparse indices must fit in it. */
  private Schema checkedSchema(DataSource source, String channel) throws IOException {
    Schema s = source.schema();
    if (s.labelDim() != 1) {
      throw new InvalidDataException(ALGORITHM + " needs exactly one label per row; the " + channel + " channel "
          + source.description() + " has " + s.labelDim());
    }
    if (s.featureDim() > d) {
      throw new InvalidDataException(ALGORITHM + ": feature_dim is " + d + " but the " + channel + " channel "
          + source.description() + " has " + s.featureDim() + " features");
    }
    return s;
  }

  /** One epoch per iteration of the shared training loop. */
  private final class Epochs implements TrainingLoop.Job {
    @Override
    public Map<String, Double> iterate(int epoch) throws IOException {
      double[] sums = new double[2]; // weighted loss, weight
      try (BatchStream s = stream()) {
        for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
          readBatch(ob.get(), sums);
        }
      }
      if (sums[1] == 0) {
        throw new InvalidDataException(train.description() + " holds no rows to train on");
      }
      double mean = sums[0] / sums[1];
      if (!Double.isFinite(mean) || !Float.isFinite(w0)) {
        throw new TrainingDivergedException(ALGORITHM + ": the training loss is " + mean + " in epoch " + epoch
            + "; lower the learning rates or set clip_gradient");
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(trainMetric(), type == PredictorType.BINARY_CLASSIFIER ? mean : Math.sqrt(mean));
      lastEpoch.clear();
      lastEpoch.putAll(metrics);
      return metrics;
    }

    @Override
    public boolean converged() {
      return false;
    }

    @Override
    public void save(ModelWriter out) {
      out.putFloats("w0", new float[] {w0});
      out.putFloats("w", w);
      out.putFloats("v", v);
      out.putDoubles("steps", new double[] {steps});
      out.putDoubles("last_epoch", new double[] {lastEpoch.getOrDefault(trainMetric(), Double.NaN)});
      String[] groups = {"bias", "linear", "factors"};
      for (int g = 0; g < 3; g++) {
        rules[g].saveTo(out, "optimizer." + groups[g] + ".");
      }
    }

    @Override
    public void restore(ModelReader in) throws IOException {
      float[] b = in.floats("w0");
      float[] lw = in.floats("w");
      float[] fv = in.floats("v");
      in.require(b.length == 1 && lw.length == d && fv.length == v.length, "checkpoint parameters do not match "
          + "feature_dim " + d + " x num_factors " + k);
      w0 = b[0];
      System.arraycopy(lw, 0, w, 0, d);
      System.arraycopy(fv, 0, v, 0, v.length);
      steps = (long) in.doubles("steps")[0];
      double last = in.doubles("last_epoch")[0];
      lastEpoch.clear();
      if (!Double.isNaN(last)) {
        lastEpoch.put(trainMetric(), last);
      }
      String[] groups = {"bias", "linear", "factors"};
      for (int g = 0; g < 3; g++) {
        rules[g].restoreFrom(in, "optimizer." + groups[g] + ".");
      }
    }
  }

  /** @return the name of the per-epoch training metric */
  private String trainMetric() {
    return type == PredictorType.BINARY_CLASSIFIER ? "train:binary_classification_cross_entropy" : "train:rmse";
  }

  private BatchStream stream() throws IOException {
    // Read in whole multiples of the mini-batch, at least about 4,096 rows.
    int readRows = (int) Math.min(Integer.MAX_VALUE, (long) batchRows * Math.max(1, (4096 + batchRows - 1)
        / batchRows));
    BatchStream s = train.open(readRows);
    return threads > 1 ? new PrefetchingBatchStream(s, 2, "sagemill-fm-reader") : s;
  }

  /** The gradient sums of one chunk of rows, over the batch's local feature numbers. */
  private static final class ChunkSums {
    double w0;
    double loss;
    double weight;
    double[] w = new double[0];
    double[] v = new double[0];

    void reset(int features, int k) {
      w0 = 0;
      loss = 0;
      weight = 0;
      if (w.length < features) {
        w = new double[features];
        v = new double[features * k];
      } else {
        Arrays.fill(w, 0, features, 0);
        Arrays.fill(v, 0, features * k, 0);
      }
    }
  }

  private final List<ChunkSums> chunkSums = new ArrayList<>();
  /** The last epoch's training metrics (kept in checkpoints, so a resumed job's card is the same). */
  private final Map<String, Double> lastEpoch = new LinkedHashMap<>();
  private int[] features = new int[0];

  /**
   * One batch as read: its rows checked once, then one step per {@code mini_batch_size} rows of it (batches are read
   * in multiples of the mini-batch, so small mini-batches do not pay a read hand-off each).
   */
  private void readBatch(RowBatch b, double[] totals) throws IOException {
    RowEntries e = RowEntries.of(b, ALGORITHM);
    int rows = b.rows();
    double[] y = new double[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = b.label(r);
      if (type == PredictorType.BINARY_CLASSIFIER ? !(y[r] == 0 || y[r] == 1) : !Double.isFinite(y[r])) {
        throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r, ALGORITHM + " "
            + type.value() + " needs " + (type == PredictorType.BINARY_CLASSIFIER ? "labels 0 or 1"
            : "a finite label") + ", got " + y[r]);
      }
    }
    for (int x = 0; x < e.ptr[rows]; x++) {
      int i = e.idx[x];
      if (i < 0 || i >= d) {
        throw new InvalidDataException(b.origin(), "record", b.firstRecord() + RowBatch.rowOfEntry(e.ptr, x),
            "feature index " + i + " is outside feature_dim " + d);
      }
    }
    for (int from = 0; from < rows; from += batchRows) {
      step(b, e, y, from, Math.min(rows, from + batchRows), totals);
    }
  }

  /**
   * One mini-batch, rows [first, end) of a read batch: its gradient, then the update; adds its loss (before the
   * update) to {@code totals}.
   */
  private void step(RowBatch b, RowEntries e, double[] y, int first, int end, double[] totals) throws IOException {
    int rows = end - first;
    int nnz = e.ptr[end] - e.ptr[first];
    if (features.length < Math.min(nnz, d)) {
      features = new int[Math.min(Math.max(nnz, 16), d)];
    }
    int nf = 0;
    for (int x = e.ptr[first]; x < e.ptr[end]; x++) {
      int i = e.idx[x];
      if (localOf[i] < 0) {
        localOf[i] = nf;
        features[nf++] = i;
      }
    }
    try {
      int chunks = (int) Math.max(1, Math.min(threads, (long) nnz * (k + 1) / MIN_CHUNK_WORK));
      while (chunkSums.size() < chunks) {
        chunkSums.add(new ChunkSums());
      }
      int featureCount = nf;
      if (chunks == 1) {
        chunkSums.get(0).reset(featureCount, k);
        gradient(b, e, y, first, end, chunkSums.get(0));
      } else {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
          int from = first + rows * c / chunks;
          int to = first + rows * (c + 1) / chunks;
          ChunkSums cs = chunkSums.get(c);
          tasks.add(() -> {
            cs.reset(featureCount, k);
            gradient(b, e, y, from, to, cs);
            return null;
          });
        }
        runAll(tasks);
      }
      ChunkSums total = chunkSums.get(0);
      for (int c = 1; c < chunks; c++) {
        ChunkSums cs = chunkSums.get(c);
        total.w0 += cs.w0;
        total.loss += cs.loss;
        total.weight += cs.weight;
        for (int i = 0; i < nf; i++) {
          total.w[i] += cs.w[i];
        }
        for (int i = 0; i < nf * k; i++) {
          total.v[i] += cs.v[i];
        }
      }
      totals[0] += total.loss;
      totals[1] += total.weight;
      if (total.weight > 0) {
        update(total, nf, Double.isNaN(rescale) ? 1 / total.weight : rescale);
      }
    } finally {
      for (int i = 0; i < nf; i++) {
        localOf[features[i]] = -1;
      }
    }
  }

  /** Adds rows [from, to) to a chunk's sums. */
  private void gradient(RowBatch b, RowEntries e, double[] y, int from, int to, ChunkSums cs) {
    double[] sums = new double[k];
    for (int r = from; r < to; r++) {
      double weight = b.weight(r);
      if (weight == 0) {
        continue;
      }
      double z = FactorizationMachinesModel.margin(w0, w, v, k, e.idx, e.val, e.ptr[r], e.ptr[r + 1], sums);
      double delta;
      if (type == PredictorType.BINARY_CLASSIFIER) {
        double prob = FactorizationMachinesModel.sigmoid(z);
        delta = prob - y[r];
        // log(1 + e^-sz), stable for large |z|
        double sz = y[r] > 0.5 ? z : -z;
        cs.loss += weight * (sz > 0 ? Math.log1p(Math.exp(-sz)) : -sz + Math.log1p(Math.exp(sz)));
      } else {
        delta = z - y[r];
        cs.loss += weight * delta * delta;
      }
      cs.weight += weight;
      double g = weight * delta;
      cs.w0 += g;
      for (int x = e.ptr[r]; x < e.ptr[r + 1]; x++) {
        int i = e.idx[x];
        int li = localOf[i];
        double xv = e.val[x];
        double gx = g * xv;
        cs.w[li] += gx;
        int vo = i * k;
        int lo = li * k;
        for (int f = 0; f < k; f++) {
          cs.v[lo + f] += gx * (sums[f] - v[vo + f] * xv);
        }
      }
    }
  }

  /** The update of w0 and of the touched rows of w and V from the summed gradient times {@code scale}. */
  private void update(ChunkSums g, int nf, double scale) throws IOException {
    steps++;
    for (UpdateRule r : rules) {
      r.beginStep(steps);
    }
    w0 = (float) apply(0, 0, w0, g.w0 * scale);
    int chunks = (int) Math.max(1, Math.min(threads, (long) nf * (k + 1) / MIN_CHUNK_WORK));
    if (chunks == 1) {
      updateRows(g, 0, nf, scale);
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = nf * c / chunks;
      int to = nf * (c + 1) / chunks;
      tasks.add(() -> { // disjoint feature ranges: each parameter's rule state is touched by one task
        updateRows(g, from, to, scale);
        return null;
      });
    }
    runAll(tasks);
  }

  /** Updates the rows of w and V of the batch's local features [from, to). */
  private void updateRows(ChunkSums g, int from, int to, double scale) {
    for (int li = from; li < to; li++) {
      int i = features[li];
      w[i] = (float) apply(1, i, w[i], g.w[li] * scale);
      int vo = i * k;
      int lo = li * k;
      for (int f = 0; f < k; f++) {
        v[vo + f] = (float) apply(2, vo + f, v[vo + f], g.v[lo + f] * scale);
      }
    }
  }

  /**
   * One parameter's new value: MXNet's AdaGrad applies weight decay beside the adaptive step,
   * {@code x − lr·(g/√(G+ε) + wd·x)}; SGD and Adam add it to the gradient, as MXNet's do.
   */
  private double apply(int group, int index, double value, double gradient) {
    double g = Math.max(-clip, Math.min(clip, gradient));
    if (optimizer.equals("adagrad")) {
      return value + rules[group].delta(index, g, lr[group]) - lr[group] * wd[group] * value;
    }
    return value + rules[group].delta(index, g + wd[group] * value, lr[group]);
  }

  private void runAll(List<Callable<Void>> tasks) throws IOException {
    pool.runAll(tasks);
  }
}

package dev.sagemill.algo.linear;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.PrefetchingBatchStream;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.distributed.Message;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.TrainingDivergedException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.train.TaskPool;
import dev.sagemill.core.train.ThreadBudget;
import dev.sagemill.core.train.TrainingLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fit of Linear Learner, by one of two paths. When the full-batch solver may be used ({@code optimizer} lbfgs,
 * or auto with a smooth loss) and the training channel fits in memory, {@link FullBatchSolver} finds each model's
 * regularised optimum, one model per iteration of the training loop. Otherwise the streamed optimizer trains: per
 * epoch, one streamed pass over the training channel: each mini-batch is
 * normalised once, then every active model's gradient is computed in row chunks by (model, chunk) tasks whose
 * partial sums are added in chunk order, so results depend on the thread count but never on scheduling. Then
 * each model's validation (or training) loss drives its own early stopping and best-epoch snapshot. At the end
 * the best model is chosen on validation data (and for binary classifiers its threshold tuned on calibration
 * samples) and the normalisation is folded into raw-space weights.
 */
final class LinearTraining {
  private static final Logger LOG = LoggerFactory.getLogger(LinearTraining.class);
  /** Below this many multiply-adds a chunk is not worth a task hand-off (about 10-20 µs). */
  private static final long MIN_CHUNK_WORK = 1 << 16;
  private static final String ALGORITHM = LinearLearnerParams.ALGORITHM;
  /** The format name of Linear Learner's training checkpoints. */
  static final String CHECKPOINT_FORMAT = "sagemill.linear-learner.checkpoint";
  /** Version 2: the shared training loop's progress record and the optimizer, schedule and stopping state. */
  static final int CHECKPOINT_VERSION = 2;

  private final LinearLearnerParams p;
  /** The training rows: the channel on one machine, the shard's rows in a worker; null in a sharded driver. */
  private final DataSource train;
  /** The shards of a sharded fit's driver; null otherwise. */
  private final Shards shards;
  private final FitOptions options;
  private final PredictorType type;
  private final LinearLoss loss;
  private final int outputs;
  private final int classes;
  private final int batchRows;
  private final int threads;
  private int d;
  private Scaler scaler;
  private double[] classWeight;
  private ParallelModel[] models;
  private RowObjective objective;
  private TaskPool pool;
  private double[][][] grads;

  LinearTraining(LinearLearnerParams p, DataSource train, FitOptions options) {
    this(p, train, null, options);
  }

  /** The driver of a sharded fit: the full-batch solver's passes run on the shards. */
  LinearTraining(LinearLearnerParams p, Shards shards, FitOptions options) {
    this(p, null, shards, options);
  }

  private LinearTraining(LinearLearnerParams p, DataSource train, Shards shards, FitOptions options) {
    this.p = p;
    this.train = train;
    this.shards = shards;
    this.options = options;
    this.type = p.predictorType();
    this.loss = p.loss();
    this.outputs = p.outputs();
    this.classes = type == PredictorType.REGRESSOR ? 0 : Math.max(2, outputs);
    this.batchRows = p.values().getInt("mini_batch_size");
    this.threads = ThreadBudget.threads(options);
  }

  LinearLearnerModel run() throws IOException {
    Schema schema = shards != null ? checkedSchema(shards.schema(), "training", "the training rows")
        : checkedSchema(train, "training");
    d = schema.featureDim();
    if (options.validation().isPresent()) {
      checkedSchema(options.validation().get(), "validation");
    }
    RandomStream rng = RandomStream.of(p.seed());
    pool = new TaskPool(threads, "sagemill-linear-learner");
    try {
      if (shards != null && !p.lbfgsAllowed()) {
        throw new IllegalStateException(ALGORITHM + " trains sharded only with the full-batch solver (optimizer "
            + "auto with a smooth loss and no l1, or lbfgs); optimizer " + p.optimizer() + " streams");
      }
      FullBatchSolver solver = shards != null ? shardedSolver() : p.lbfgsAllowed() ? fullBatch(rng) : null;
      int m = p.numModels();
      models = new ParallelModel[m];
      for (int i = 0; i < m; i++) {
        models[i] = solver != null ? ParallelModel.fullBatch(i, d, outputs, p, rng.fork("init", i), solver.rows())
            : new ParallelModel(i, d, outputs, p, rng.fork("init", i));
      }
      if (solver == null) { // the streamed optimizer's per-(model, chunk) gradient buffers
        grads = new double[m][Math.max(1, threads)][outputs * d + outputs];
      }
      return train(rng, schema, solver);
    } finally {
      pool.close();
    }
  }

  /**
   * The training channel normalised into memory for the full-batch solver, or null when it holds more values than
   * {@code optimizer=auto} keeps in memory (the streamed optimizer then trains).
   */
  private FullBatchSolver fullBatch(RandomStream rng) throws IOException {
    useScaler(Scaler.learn(train, p, d));
    long heapBudget = Runtime.getRuntime().maxMemory() / 16;
    long budget = p.lbfgsRequired() ? heapBudget : Math.min(LinearLearnerParams.FULL_BATCH_VALUES, heapBudget);
    Optional<List<NormalizedBatch>> batches = FullBatchSolver.load(train, batchRows, budget, raw -> {
      NormalizedBatch nb = new NormalizedBatch(d);
      normalize(nb, raw, classWeight);
      return nb;
    });
    if (batches.isEmpty()) {
      if (p.lbfgsRequired()) {
        throw new InvalidDataException(ALGORITHM + ": optimizer lbfgs holds the training channel in memory, but "
            + train.description() + " has more than " + budget + " feature values (a sixteenth of the "
            + Runtime.getRuntime().maxMemory() + "-byte heap); raise -Xmx or use optimizer adam");
      }
      LOG.info("{}: the training channel has more than {} feature values; training with the streamed optimizer {}",
          ALGORITHM, budget, p.optimizer());
      return null;
    }
    FullBatchSolver solver = FullBatchSolver.of(batches.get(), objective, outputs, d,
        p.values().getBoolean("use_bias"), threads, rng.fork("folds"), this::runAll);
    LOG.info("{}: {} rows held in memory; each model's regularised optimum found by L-BFGS{}", ALGORITHM,
        solver.rows(), options.validation().isPresent() || p.numModels() == 1 ? ""
            : ", models compared by " + FullBatchSolver.FOLDS + "-fold cross-validation");
    return solver;
  }

  /** Message tags of the sharded fit. */
  private static final int SCALER = 1;
  private static final int ROWS = 2;
  private static final int PASS = 3;
  private static final int CALIBRATE = 4;

  /**
   * The full-batch solver of a sharded fit: the normalisation from the sums of every shard's first rows
   * ({@code num_point_for_scaler} split evenly), then every gradient pass summed over the shards in shard order. Each
   * shard holds its rows normalised in memory and draws its own cross-validation folds. One shard gives the
   * single-machine model.
   */
  private FullBatchSolver shardedSolver() throws IOException {
    int perShard = (int) Math.ceil(p.values().getInt("num_point_for_scaler") / (double) shards.count());
    Scaler.Sums sums = null;
    for (byte[] a : shards.ask(Message.writer(SCALER).putInt(perShard).toBytes())) {
      Message.Reader in = Message.reader(a);
      in.tag();
      Scaler.Sums s = Scaler.Sums.readFrom(in);
      if (sums == null) {
        sums = s;
      } else {
        sums.add(s);
      }
    }
    String data = "the training data (" + shards.count() + " shards)";
    useScaler(Scaler.of(sums, p, d, data));
    long rows = 0;
    for (byte[] a : shards.ask(withScaler(ROWS).toBytes())) {
      Message.Reader in = Message.reader(a);
      in.tag();
      rows += in.getLong();
    }
    LOG.info("{}: {} rows held by {} shards; each model's regularised optimum found by L-BFGS over their summed "
        + "gradients", ALGORITHM, rows, shards.count());
    return FullBatchSolver.over((w, b, fold, scoreFold, wantGradient) -> {
      byte[] m = withScaler(PASS).putDoubles(w).putDoubles(b).putInt(fold).putInt(scoreFold ? 1 : 0)
          .putInt(wantGradient ? 1 : 0).toBytes();
      double[] grad = null;
      double[] lw = new double[2];
      for (byte[] a : shards.ask(m)) {
        Message.Reader in = Message.reader(a);
        in.tag();
        double[] g = in.getDoubles();
        if (wantGradient) {
          if (grad == null) {
            grad = g;
          } else {
            for (int i = 0; i < g.length; i++) {
              grad[i] += g[i];
            }
          }
        }
        lw[0] += in.getDouble();
        lw[1] += in.getDouble();
      }
      return new double[][] {grad, lw};
    }, objective, outputs, d, p.values().getBoolean("use_bias"), rows);
  }

  private Message.Writer withScaler(int tag) {
    Message.Writer out = Message.writer(tag);
    scaler.writeTo(out);
    return out;
  }

  /**
   * A shard's worker: answers the driver's {@link #shardedSolver} and calibration messages from the shard's rows,
   * held normalised in memory once the normalisation is known.
   *
   * @param shard the shard's index (its folds and calibration sample draw from the seed forked by it)
   * @return the worker
   */
  ShardWorker worker(int shard) {
    RandomStream root = RandomStream.of(p.seed());
    return message -> {
      Message.Reader in = Message.reader(message);
      int tag = in.tag();
      if (tag == SCALER) {
        d = checkedSchema(train, "training").featureDim();
        Message.Writer out = Message.writer(SCALER);
        Scaler.Sums.read(train, p, d, in.getInt()).writeTo(out);
        return out.toBytes();
      }
      d = checkedSchema(train, "training").featureDim();
      Scaler s = Scaler.readFrom(in);
      pool = new TaskPool(threads, "sagemill-linear-learner");
      try {
        FullBatchSolver local = shardSolver(s, shard == 0 ? root.fork("folds") : root.fork("folds").fork("shard",
            shard));
        Message.Writer out = Message.writer(tag);
        if (tag == ROWS) {
          return out.putLong(local.rows()).toBytes();
        }
        if (tag == PASS) {
          double[] w = in.getDoubles();
          double[] b = in.getDoubles();
          int fold = in.getInt();
          boolean scoreFold = in.getInt() != 0;
          boolean wantGradient = in.getInt() != 0;
          double[][] sums = local.pass(w, b, fold, scoreFold, wantGradient);
          return out.putDoubles(wantGradient ? sums[0] : new double[0]).putDouble(sums[1][0]).putDouble(sums[1][1])
              .toBytes();
        }
        int m = in.getInt();
        double[][] w = new double[m][];
        double[][] b = new double[m][];
        for (int i = 0; i < m; i++) {
          w[i] = in.getDoubles();
          b[i] = in.getDoubles();
        }
        RandomStream calibration = root.fork("calibration");
        Sample sample = sample(train, w, b, shard == 0 ? calibration : calibration.fork("shard", shard), in.getInt());
        for (double[] scores : sample.scores()) {
          out.putDoubles(java.util.Arrays.copyOf(scores, sample.n()));
        }
        return out.putDoubles(java.util.Arrays.copyOf(sample.label(), sample.n()))
            .putDoubles(java.util.Arrays.copyOf(sample.weight(), sample.n())).toBytes();
      } finally {
        pool.close();
      }
    };
  }

  /** The shard's rows normalised in memory, kept while the normalisation stays the same. */
  private Scaler shardScaler;
  private FullBatchSolver shardSolver;

  private FullBatchSolver shardSolver(Scaler s, RandomStream folds) throws IOException {
    if (shardSolver == null || !s.sameAs(shardScaler)) {
      useScaler(s);
      List<NormalizedBatch> batches = FullBatchSolver.load(train, batchRows, Long.MAX_VALUE, raw -> {
        NormalizedBatch nb = new NormalizedBatch(d);
        normalize(nb, raw, classWeight);
        return nb;
      }).orElseThrow();
      shardSolver = FullBatchSolver.of(batches, objective, outputs, d, p.values().getBoolean("use_bias"), threads,
          folds, this::runAll);
      shardScaler = s;
    }
    return shardSolver;
  }

  /** The normalisation (learned from the data, or a checkpoint's) and what depends on it. */
  private void useScaler(Scaler s) {
    scaler = s;
    classWeight = classWeights();
    objective = new RowObjective(type, loss, outputs, d, s, LinearEvaluation.lossParameter(loss, p));
  }

  private Schema checkedSchema(DataSource source, String channel) throws IOException {
    return checkedSchema(source.schema(), channel, source.description());
  }

  private Schema checkedSchema(Schema s, String channel, String description) {
    if (s.labelDim() != 1) {
      throw new InvalidDataException(ALGORITHM + " needs exactly one label per row; the " + channel + " channel "
          + description + " has " + s.labelDim());
    }
    if (!p.values().isAuto("feature_dim") && p.values().getInt("feature_dim") != s.featureDim()) {
      throw new InvalidDataException(ALGORITHM + ": feature_dim is " + p.values().getInt("feature_dim") + " but the "
          + channel + " channel " + description + " has " + s.featureDim() + " features");
    }
    if (d > 0 && s.featureDim() != d) {
      throw new InvalidDataException(ALGORITHM + ": the " + channel + " channel has " + s.featureDim()
          + " features, the training channel " + d);
    }
    return s;
  }

  private double[] classWeights() {
    if (type == PredictorType.BINARY_CLASSIFIER) {
      double mult = p.positiveWeightMult();
      if (Double.isNaN(mult)) { // balanced: positives weigh as much in total as negatives
        double pos = scaler.classCounts[1];
        mult = pos > 0 ? scaler.classCounts[0] / pos : 1;
      }
      return mult == 1 ? null : new double[] {1, mult};
    }
    if (type == PredictorType.MULTICLASS_CLASSIFIER && p.values().getBoolean("balance_multiclass_weights")) {
      double total = 0;
      for (double c : scaler.classCounts) {
        total += c;
      }
      double[] w = new double[classes];
      for (int c = 0; c < classes; c++) {
        w[c] = total / (classes * (scaler.classCounts[c] + 1.0)); // +1: a class unseen in the sample stays finite
      }
      return w;
    }
    return null;
  }

  /** One epoch of every active model, as the shared training loop runs it. */
  private final class Epochs implements TrainingLoop.Job {
    @Override
    public Map<String, Double> iterate(int epoch) throws IOException {
      if (scaler == null) {
        useScaler(Scaler.learn(train, p, d));
      }
      double[] trainLoss = trainEpoch();
      double[][] val = options.validation().isPresent() ? lossOn(options.validation().get(), models) : null;
      double[] valLoss = val == null ? null : val[0];
      int current = -1; // the model with the lowest loss this epoch, for the progress report
      for (ParallelModel model : models) {
        if (model.active()) {
          int i = model.index;
          double selection = valLoss != null ? valLoss[i] : trainLoss[i];
          model.endEpoch(epoch, selection, trainLoss[i]);
          double currentBest = current < 0 ? Double.NaN : (valLoss != null ? valLoss[current] : trainLoss[current]);
          if (Double.isFinite(selection) && (current < 0 || selection < currentBest)) {
            current = i;
          }
        }
      }
      boolean allDiverged = true;
      for (ParallelModel model : models) {
        allDiverged &= model.diverged;
      }
      if (allDiverged) {
        throw new TrainingDivergedException(ALGORITHM + ": every model diverged by epoch " + epoch
            + " (training loss of model 0: " + trainLoss[0] + "); lower learning_rate or normalise the data");
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      if (current >= 0) {
        metrics.put("train:objective_loss", trainLoss[current]);
        if (val != null) {
          metrics.put("validation:objective_loss", valLoss[current]);
          putValidationStatistic(metrics, val[1][current]);
        }
      }
      return metrics;
    }

    @Override
    public boolean converged() {
      for (ParallelModel model : models) {
        if (model.active()) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void save(ModelWriter out) {
      scaler.saveTo(out);
      for (ParallelModel model : models) {
        model.saveTo(out);
      }
    }

    @Override
    public void restore(ModelReader in) throws IOException {
      in.require(!in.has(FULL_BATCH_FITTED), "the checkpoint was written by the full-batch solver (optimizer "
          + "lbfgs), and this job streams its training channel");
      useScaler(Scaler.restore(in, d));
      for (ParallelModel model : models) {
        model.restoreFrom(in);
      }
    }
  }

  /** Marks a checkpoint of the full-batch solver: the number of models fitted. */
  private static final String FULL_BATCH_FITTED = "full_batch.fitted";

  /**
   * The full-batch path in the shared training loop: iteration i finds model i's optimum (and, without a validation
   * channel, its cross-validated loss), so a checkpoint holds the models fitted so far.
   */
  private final class FullBatch implements TrainingLoop.Job {
    private final FullBatchSolver solver;
    /** Each fitted model's optimum with each fold left out (cross-validation only). */
    private final double[][][] foldFits;
    private int fitted;

    FullBatch(FullBatchSolver solver) {
      this.solver = solver;
      this.foldFits = new double[models.length][FullBatchSolver.FOLDS][];
    }

    /** Whether models are compared by cross-validation: several models, no validation channel, enough rows. */
    private boolean crossValidates() {
      return options.validation().isEmpty() && models.length > 1 && solver.rows() >= 2L * FullBatchSolver.FOLDS;
    }

    private static double logDistance(double a, double b) {
      return Math.abs(Math.log((a + 1e-12) / (b + 1e-12)));
    }

    @Override
    public Map<String, Double> iterate(int iteration) throws IOException {
      ParallelModel model = models[iteration - 1];
      // Each fit starts from the same fit (all rows, or the same fold left out) of the fitted model of the nearest
      // wd; those are in a checkpoint too, so a resumed job starts from the same points.
      int nearest = -1;
      for (int i = 0; i < iteration - 1; i++) {
        if (nearest < 0 || logDistance(models[i].wd, model.wd) < logDistance(models[nearest].wd, model.wd)) {
          nearest = i;
        }
      }
      double[] theta = solver.fit(model.wd, model.biasWd, -1, nearest < 0 ? null : models[nearest]
          .weightsAndBiases());
      model.setWeights(theta);
      double[] trainLw = solver.loss(theta, -1);
      double trainLoss = trainLw[0] / trainLw[1];
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("train:objective_loss", trainLoss);
      double selection;
      if (options.validation().isPresent()) {
        double[][] val = lossOn(options.validation().get(), new ParallelModel[] {model});
        selection = val[0][model.index];
        metrics.put("validation:objective_loss", selection);
        putValidationStatistic(metrics, val[1][model.index]);
      } else if (crossValidates()) {
        double lossSum = 0;
        double weightSum = 0;
        for (int f = 0; f < FullBatchSolver.FOLDS; f++) {
          // Never from the all-rows fit: a start fitted on the held-out rows would leak them into the estimate.
          foldFits[model.index][f] = solver.fit(model.wd, model.biasWd, f, nearest < 0 ? null
              : foldFits[nearest][f]);
          double[] lw = solver.loss(foldFits[model.index][f], f);
          lossSum += lw[0];
          weightSum += lw[1];
        }
        selection = lossSum / weightSum;
        LOG.info("{}: model {} (wd {}): training loss {}, {}-fold cross-validated loss {}", ALGORITHM, model.index,
            model.wd, trainLoss, FullBatchSolver.FOLDS, selection);
      } else {
        selection = trainLoss;
      }
      model.endEpoch(1, selection, trainLoss);
      fitted = iteration;
      return metrics;
    }

    @Override
    public boolean converged() {
      return fitted >= models.length;
    }

    @Override
    public void save(ModelWriter out) {
      out.putDoubles(FULL_BATCH_FITTED, new double[] {fitted});
      for (ParallelModel model : models) {
        model.saveTo(out);
      }
      for (int i = 0; i < fitted && crossValidates(); i++) {
        for (int f = 0; f < FullBatchSolver.FOLDS; f++) {
          out.putDoubles("full_batch.fold." + i + "." + f, foldFits[i][f]);
        }
      }
    }

    @Override
    public void restore(ModelReader in) throws IOException {
      in.require(in.has(FULL_BATCH_FITTED), "the checkpoint was written by a streamed optimizer, and this job "
          + "holds its training channel in memory for the full-batch solver (optimizer lbfgs)");
      fitted = (int) in.doubles(FULL_BATCH_FITTED)[0];
      in.require(fitted >= 0 && fitted <= models.length, FULL_BATCH_FITTED + " is " + fitted + ", expected 0.."
          + models.length);
      for (ParallelModel model : models) {
        model.restoreFrom(in);
      }
      for (int i = 0; i < fitted && crossValidates(); i++) {
        for (int f = 0; f < FullBatchSolver.FOLDS; f++) {
          foldFits[i][f] = in.doubles("full_batch.fold." + i + "." + f);
          in.require(foldFits[i][f].length == solver.size(), "full_batch.fold." + i + "." + f + " has "
              + foldFits[i][f].length + " values, expected " + solver.size());
        }
      }
    }
  }

  private LinearLearnerModel train(RandomStream rng, Schema schema, FullBatchSolver solver) throws IOException {
    int planned = solver != null ? models.length : p.values().getInt("epochs");
    TrainingLoop.Result result = TrainingLoop.run(new TrainingLoop.Settings(ALGORITHM, p.values(), schema, planned,
        CHECKPOINT_FORMAT, CHECKPOINT_VERSION, 1), solver != null ? new FullBatch(solver) : new Epochs(), options);
    if (scaler == null) { // resumed from a checkpoint of a finished job: no epoch ran here
      useScaler(Scaler.learn(train, p, d));
    }
    int epochsRun = result.iterationsRun();
    ParallelModel chosen;
    double threshold = Double.NaN;
    String criterion = p.values().getString("binary_classifier_model_selection_criteria");
    if (type == PredictorType.BINARY_CLASSIFIER && !criterion.equals("loss_function")) {
      ThresholdSelector.Choice[] choices = calibrate(rng.fork("calibration"), criterion);
      int bi = -1;
      if (solver != null && options.validation().isEmpty()) {
        // Calibration samples are training rows here: the criterion on them favours the least regularised model,
        // so the cross-validated loss chooses the model and the criterion only its threshold.
        bi = lowestLoss().index;
      } else {
        for (int i = 0; i < models.length; i++) {
          if (!models[i].diverged && (bi < 0 || choices[i].value() > choices[bi].value())) {
            bi = i;
          }
        }
      }
      chosen = models[bi];
      threshold = choices[bi].threshold();
    } else {
      chosen = lowestLoss();
      if (type == PredictorType.BINARY_CLASSIFIER) {
        threshold = loss == LinearLoss.LOGISTIC ? 0.5 : 0;
      }
    }
    if (solver != null) {
      LOG.info("{}: {} models solved by L-BFGS; kept model {} (wd {}, {} loss {})", ALGORITHM, models.length,
          chosen.index, chosen.wd, options.validation().isPresent() ? "validation" : "selection", chosen.bestLoss());
    } else {
      LOG.info("{}: {} models, {} epochs; kept model {} (learning_rate {}, wd {}, l1 {}, best epoch {})", ALGORITHM,
          models.length, epochsRun, chosen.index, chosen.baseLr, chosen.wd, chosen.l1, chosen.bestEpoch());
    }
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    finalMetrics.put("train:objective_loss", chosen.trainLossAtBest);
    LinearLearnerModel draft = build(chosen, threshold, schema, finalMetrics);
    if (options.validation().isPresent()) {
      finalMetrics.putAll(LinearEvaluation.evaluate(draft, p, options.validation().get(), "validation", batchRows));
    }
    if (options.test().isPresent()) {
      finalMetrics.putAll(LinearEvaluation.evaluate(draft, p, options.test().get(), "test", batchRows));
    }
    LinearLearnerModel model = build(chosen, threshold, schema, finalMetrics);
    TrainingLoop.end(options, result, finalMetrics);
    return model;
  }

  /** Adds an epoch's validation statistic ({@link RowObjective#lossOnly}) under SageMaker's metric names. */
  private void putValidationStatistic(Map<String, Double> metrics, double stat) {
    switch (type) {
      case BINARY_CLASSIFIER -> metrics.put("validation:binary_classification_accuracy", stat);
      case MULTICLASS_CLASSIFIER -> metrics.put("validation:multiclass_accuracy", stat);
      default -> {
        metrics.put("validation:mse", stat);
        metrics.put("validation:rmse", Math.sqrt(stat));
      }
    }
  }

  /** The model with the lowest selection loss that did not diverge (model 0 if all did). */
  private ParallelModel lowestLoss() {
    ParallelModel chosen = models[0];
    for (ParallelModel model : models) {
      if (!model.diverged && (chosen.diverged || model.bestLoss() < chosen.bestLoss())) {
        chosen = model;
      }
    }
    return chosen;
  }

  private LinearLearnerModel build(ParallelModel m, double threshold, Schema schema, Map<String, Double> metrics) {
    double[] w = new double[outputs * d];
    double[] b = new double[outputs];
    double sy = scaler.labelScale;
    for (int c = 0; c < outputs; c++) {
      double shiftTerm = 0;
      for (int j = 0; j < d; j++) {
        double wj = m.bestW[c * d + j] * scaler.featureScale[j];
        w[c * d + j] = sy * wj;
        shiftTerm += wj * scaler.featureShift[j];
      }
      b[c] = sy * (m.bestB[c] - shiftTerm) + scaler.labelShift;
    }
    ModelCard card = new ModelCard(ALGORITHM, p.values().toSageMaker(), metrics, SagemillVersion.get());
    return new LinearLearnerModel(type, loss, Schema.of(d, 1).withIndexBaseOf(schema), w, b, threshold, card);
  }

  private void runAll(List<Callable<Void>> tasks) throws IOException {
    pool.runAll(tasks);
  }

  /** A pass over a channel; with several threads the next batch is read and parsed while this one trains. */
  private BatchStream stream(DataSource data) throws IOException {
    BatchStream s = data.open(batchRows);
    return threads > 1 ? new PrefetchingBatchStream(s, 2, "sagemill-linear-learner-reader") : s;
  }

  /** Normalises a batch, its dense rows in parallel row chunks. */
  private void normalize(NormalizedBatch nb, RowBatch b, double[] weights) throws IOException {
    nb.fill(b, scaler, type, classes, weights, ALGORITHM);
    int chunks = chunksFor(nb.rows);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = nb.rows * c / chunks;
      int to = nb.rows * (c + 1) / chunks;
      tasks.add(() -> {
        nb.normalizeRows(b, scaler, from, to);
        return null;
      });
    }
    runAll(tasks);
  }

  /** Work on rows [from, to) of a batch for one model; c is the chunk's index. */
  @FunctionalInterface
  private interface ChunkWork {
    void run(ParallelModel model, int c, int from, int to);
  }

  /** One task per (active model, row chunk); chunk boundaries depend only on the row and chunk counts. */
  private List<Callable<Void>> perModelChunk(ParallelModel[] which, int rows, int chunks, ChunkWork work) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (ParallelModel model : which) {
      if (!model.active()) {
        continue;
      }
      for (int c = 0; c < chunks; c++) {
        int from = rows * c / chunks;
        int to = rows * (c + 1) / chunks;
        int ci = c;
        tasks.add(() -> {
          work.run(model, ci, from, to);
          return null;
        });
      }
    }
    return tasks;
  }

  /** Row chunks per batch: at most one per thread, each worth at least {@link #MIN_CHUNK_WORK}. */
  private int chunksFor(int rows) {
    long work = (long) rows * d * outputs;
    return (int) Math.max(1, Math.min(threads, work / MIN_CHUNK_WORK));
  }

  /** One pass of training; returns each model's mean training loss (NaN for models no longer training). */
  private double[] trainEpoch() throws IOException {
    int m = models.length;
    double[] lossSum = new double[m];
    double[] weightSum = new double[m];
    int maxChunks = grads[0].length;
    double[][] partLoss = new double[m][maxChunks];
    double[][] partWeight = new double[m][maxChunks];
    NormalizedBatch nb = new NormalizedBatch(d);
    try (BatchStream s = stream(train)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        normalize(nb, ob.get(), classWeight);
        int chunks = chunksFor(nb.rows);
        runAll(perModelChunk(models, nb.rows, chunks, (model, c, from, to) -> {
          double[] lw = objective.gradient(model.w, model.b, nb, nb.weight, from, to, grads[model.index][c],
              false);
          partLoss[model.index][c] = lw[0];
          partWeight[model.index][c] = lw[1];
        }));
        List<Callable<Void>> updates = new ArrayList<>();
        for (ParallelModel model : models) {
          if (!model.active()) {
            continue;
          }
          updates.add(() -> {
            int mi = model.index;
            double[] g = grads[mi][0];
            double w = partWeight[mi][0];
            double l = partLoss[mi][0];
            for (int c = 1; c < chunks; c++) {
              double[] gc = grads[mi][c];
              for (int k = 0; k < g.length; k++) {
                g[k] += gc[k];
              }
              w += partWeight[mi][c];
              l += partLoss[mi][c];
            }
            lossSum[mi] += l;
            weightSum[mi] += w;
            if (w > 0) {
              for (int k = 0; k < g.length; k++) {
                g[k] /= w;
              }
              model.step(g);
            }
            return null;
          });
        }
        runAll(updates);
      }
    }
    double[] mean = new double[m];
    for (int i = 0; i < m; i++) {
      mean[i] = models[i].active() && weightSum[i] > 0 ? lossSum[i] / weightSum[i] : Double.NaN;
    }
    return mean;
  }

  /**
   * Each model's mean loss (current weights) on a channel, for early stopping and selection, and its mean score
   * statistic ({@link RowObjective#lossOnly}): {means of loss, means of statistic}.
   */
  private double[][] lossOn(DataSource data, ParallelModel[] which) throws IOException {
    int m = models.length;
    int maxChunks = Math.max(1, threads); // chunksFor never exceeds it
    double[][] partLoss = new double[m][maxChunks];
    double[][] partWeight = new double[m][maxChunks];
    double[][] partStat = new double[m][maxChunks];
    double[] lossSum = new double[m];
    double[] weightSum = new double[m];
    double[] statSum = new double[m];
    NormalizedBatch nb = new NormalizedBatch(d);
    try (BatchStream s = stream(data)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        normalize(nb, ob.get(), classWeight);
        int chunks = chunksFor(nb.rows);
        runAll(perModelChunk(which, nb.rows, chunks, (model, c, from, to) -> {
          double[] lw = objective.lossOnly(model.w, model.b, nb, nb.weight, from, to);
          partLoss[model.index][c] = lw[0];
          partWeight[model.index][c] = lw[1];
          partStat[model.index][c] = lw[2];
        }));
        for (ParallelModel model : which) {
          for (int c = 0; c < chunks && model.active(); c++) {
            lossSum[model.index] += partLoss[model.index][c];
            weightSum[model.index] += partWeight[model.index][c];
            statSum[model.index] += partStat[model.index][c];
          }
        }
      }
    }
    double[][] mean = new double[2][m];
    for (int i = 0; i < m; i++) {
      mean[0][i] = weightSum[i] > 0 ? lossSum[i] / weightSum[i] : Double.NaN;
      mean[1][i] = weightSum[i] > 0 ? statSum[i] / weightSum[i] : Double.NaN;
    }
    return mean;
  }

  /**
   * Scores a reservoir sample of the validation channel (the training channel without one; every shard's in a
   * sharded fit) with every model's best-epoch weights and picks each model's threshold for the criterion.
   */
  private ThresholdSelector.Choice[] calibrate(RandomStream rng, String criterion) throws IOException {
    int capacity = p.values().getInt("num_calibration_samples", 1_000_000);
    int m = models.length;
    double[][] w = new double[m][];
    double[][] b = new double[m][];
    for (int i = 0; i < m; i++) {
      w[i] = models[i].bestW;
      b[i] = models[i].bestB;
    }
    Sample sample = shards == null ? sample(options.validation().orElse(train), w, b, rng, capacity)
        : shardSample(w, b, (int) Math.ceil(capacity / (double) shards.count()));
    var v = p.values();
    ThresholdSelector.Choice[] out = new ThresholdSelector.Choice[m];
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      int mi = i;
      tasks.add(() -> {
        out[mi] = ThresholdSelector.select(sample.scores()[mi], sample.label(), sample.weight(), sample.n(),
            criterion, v.getDouble("f_beta"), v.getDouble("target_recall"), v.getDouble("target_precision"));
        return null;
      });
    }
    runAll(tasks);
    return out;
  }

  /** A calibration sample: each model's scores, the labels and row weights of its first {@code n} entries. */
  private record Sample(double[][] scores, double[] label, double[] weight, int n) {}

  /** Every shard's calibration sample, concatenated in shard order. */
  private Sample shardSample(double[][] w, double[][] b, int perShard) throws IOException {
    Message.Writer msg = withScaler(CALIBRATE).putInt(w.length);
    for (int i = 0; i < w.length; i++) {
      msg.putDoubles(w[i]).putDoubles(b[i]);
    }
    List<byte[]> answers = shards.ask(msg.putInt(perShard).toBytes());
    List<double[][]> parts = new ArrayList<>();
    int n = 0;
    for (byte[] a : answers) {
      Message.Reader in = Message.reader(a);
      in.tag();
      double[][] part = new double[w.length + 2][];
      for (int i = 0; i < part.length; i++) {
        part[i] = in.getDoubles();
      }
      parts.add(part);
      n += part[0].length;
    }
    double[][] scores = new double[w.length][n];
    double[] label = new double[n];
    double[] weight = new double[n];
    int at = 0;
    for (double[][] part : parts) {
      int k = part[0].length;
      for (int i = 0; i < w.length; i++) {
        System.arraycopy(part[i], 0, scores[i], at, k);
      }
      System.arraycopy(part[w.length], 0, label, at, k);
      System.arraycopy(part[w.length + 1], 0, weight, at, k);
      at += k;
    }
    return new Sample(scores, label, weight, n);
  }

  /** A reservoir sample of up to {@code capacity} rows of a channel, scored by each model's weights. */
  private Sample sample(DataSource data, double[][] modelW, double[][] modelB, RandomStream rng, int capacity)
      throws IOException {
    int m = modelW.length;
    double[][] scores = new double[m][Math.min(capacity, 4096)];
    double[] label = new double[scores[0].length];
    double[] weight = new double[scores[0].length];
    long seen = 0;
    int kept = 0;
    NormalizedBatch nb = new NormalizedBatch(d);
    try (BatchStream s = stream(data)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        normalize(nb, ob.get(), null);
        int[] slot = new int[nb.rows];
        for (int r = 0; r < nb.rows; r++, seen++) {
          if (seen < capacity) {
            slot[r] = kept++;
          } else {
            long j = (long) (rng.nextDouble() * (seen + 1));
            slot[r] = j < capacity ? (int) j : -1;
          }
        }
        if (kept > label.length) {
          int cap = (int) Math.min(capacity, Math.max(kept, label.length * 2L));
          label = java.util.Arrays.copyOf(label, cap);
          weight = java.util.Arrays.copyOf(weight, cap);
          for (int i = 0; i < m; i++) {
            scores[i] = java.util.Arrays.copyOf(scores[i], cap);
          }
        }
        for (int r = 0; r < nb.rows; r++) {
          if (slot[r] >= 0) {
            label[slot[r]] = nb.y[r];
            weight[slot[r]] = nb.weight[r];
          }
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        double[][] scoreArrays = scores;
        for (int i = 0; i < m; i++) {
          int mi = i;
          tasks.add(() -> {
            double[] z = new double[nb.rows];
            nb.margins(modelW[mi], modelB[mi], 1, 0, nb.rows, z);
            for (int r = 0; r < nb.rows; r++) {
              if (slot[r] >= 0) {
                scoreArrays[mi][slot[r]] = loss == LinearLoss.LOGISTIC ? LinearLoss.sigmoid(z[r]) : z[r];
              }
            }
            return null;
          });
        }
        runAll(tasks);
      }
    }
    return new Sample(scores, label, weight, kept);
  }
}

package dev.sagemill.algo.gbdt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.CheckpointIO;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training job of a tree algorithm around {@link GbdtTrainer}, shared by {@code xgboost} and {@code lightgbm}:
 * the validation channel scored every round, per-round metrics to the job's listeners under SageMaker's names
 * ({@code validation:auc}), a checkpoint after every round from which a killed job resumes to the same model (early
 * stopping's state included), continued training from an existing model, and test-channel metrics at the end.
 *
 * <p>Stateless; every call is one job.
 */
public final class BoostingRun {
  private static final Logger LOG = LoggerFactory.getLogger(BoostingRun.class);

  private BoostingRun() {}

  /**
   * What to train.
   *
   * @param algorithm the algorithm name (logs, listeners, checkpoint card)
   * @param hyperparameters the job's hyperparameters; a checkpoint written with others is refused
   * @param objective the loss
   * @param numClass classes for the label checks of evaluation channels (0 when not a classifier)
   * @param tree how trees grow
   * @param boost round settings; {@code rounds} is the job's total, including rounds a checkpoint already holds
   * @param outputs margins per row
   * @param initial the model whose trees training continues, or null
   * @param baseMargins the base margin per output of a fresh model, or null for the trainer's estimate
   * @param checkpointFormat the checkpoint container's format name
   */
  public record Spec(String algorithm, Hyperparameters hyperparameters, Objective objective, int numClass,
      TreeParams tree, BoostConfig boost, int outputs, TreeEnsemble initial, double[] baseMargins,
      String checkpointFormat) {}

  /**
   * What training produced.
   *
   * @param ensemble the trees kept (up to the best round after early stopping)
   * @param metrics the kept round's metrics and the test channel's, under SageMaker's names
   * @param roundsRun rounds trained in total, checkpointed ones included
   * @param stoppedEarly whether early stopping or cancellation ended training
   * @param bestRound the 0-based round whose trees were kept
   */
  public record Outcome(TreeEnsemble ensemble, Map<String, Double> metrics, int roundsRun, boolean stoppedEarly,
      int bestRound) {}

  /**
   * Runs the job.
   *
   * @param train the training channel (streamed again only to continue an initial or checkpointed model)
   * @param data the training channel, binned
   * @param options validation/test channels, listeners, cancellation, checkpoints
   * @param spec what to train
   * @param pool threads
   * @return the outcome
   * @throws IOException if reading or checkpointing fails
   */
  public static Outcome run(DataSource train, BinnedData data, FitOptions options, Spec spec, ForkJoinPool pool)
      throws IOException {
    Schema schema = data.schema();
    String alg = spec.algorithm();
    List<GbdtTrainer.EvalSet> evals = new ArrayList<>();
    if (options.validation().isPresent()) {
      evals.add(new GbdtTrainer.EvalSet("validation", loadEval(options.validation().get(), schema,
          spec.objective(), spec.numClass(), "validation"), null));
    }
    BoostConfig b = spec.boost();
    if (b.earlyStoppingRounds() > 0 && evals.isEmpty()) {
      LOG.warn("{}: early stopping needs a validation channel; training all {} rounds", alg, b.rounds());
    }
    ModelCard checkpointCard = checkpointCard(alg, spec.hyperparameters());
    TreeEnsemble start = spec.initial();
    int doneBefore = 0;
    GbdtTrainer.Best best = null;
    Optional<ModelReader> ckpt = openCheckpoint(options, spec.checkpointFormat(), checkpointCard);
    if (ckpt.isPresent()) {
      ModelReader r = ckpt.get();
      start = EnsembleCodec.read(r, schema.featureDim());
      doneBefore = r.json("progress.json").path("rounds_done").asInt();
      best = bestOf(r, doneBefore);
    }
    int k = spec.outputs();
    int initialTrees = spec.initial() != null ? spec.initial().size() : 0;
    double[] startMargins;
    if (start != null) {
      startMargins = streamMargins(train, start, pool);
    } else if (spec.baseMargins() != null) {
      start = new TreeEnsemble(data.features, k, spec.baseMargins(), List.of(), new int[0], new float[0]);
      startMargins = new double[data.rows * k];
      for (int r = 0; r < data.rows; r++) {
        System.arraycopy(spec.baseMargins(), 0, startMargins, r * k, k);
      }
    } else {
      startMargins = null;
    }
    int total = b.rounds();
    BoostConfig cfg = new BoostConfig(Math.max(0, total - doneBefore), b.rowSampling(), b.colsampleBytree(),
        b.seed(), b.baseScore(), b.metrics(), b.earlyStoppingRounds(), b.dart(), b.scalePosWeight(),
        b.scaleNegWeight(), b.averageTrees());
    GbdtTrainer trainer = new GbdtTrainer(data, spec.objective(), spec.tree(), cfg, k, pool);

    List<TrainingListener> listeners = options.listeners();
    listeners.forEach(l -> l.onStart(alg, total));
    int firstRoundOffset = initialTrees / k;
    GbdtTrainer.RoundListener roundListener = (round, m, ensemble, margins, bestSoFar) -> {
      int shown = round - firstRoundOffset;
      Map<String, Double> sm = sageMakerNames(m);
      LOG.debug("{}: round {} {}", alg, shown, sm);
      for (TrainingListener l : listeners) {
        l.onEpoch(shown + 1, total, sm);
      }
      if (options.checkpointDir().isPresent()) {
        saveCheckpoint(options, spec.checkpointFormat(), checkpointCard, schema, shown + 1, bestSoFar,
            out -> EnsembleCodec.write(ensemble, out));
      }
    };
    GbdtTrainer.Result result;
    try {
      result = trainer.train(start, startMargins, evals, roundListener, options.cancellation(), best);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    if (!result.history().isEmpty()) {
      int idx = Math.min(result.history().size() - 1,
          Math.max(0, result.bestRound() - firstRoundOffset - doneBefore));
      finalMetrics.putAll(sageMakerNames(result.history().get(idx)));
    }
    finalMetrics.putAll(testMetrics(options, schema, spec.objective(), spec.numClass(), b.metrics(),
        result.ensemble(), pool));
    int ran = result.roundsRun() + doneBefore;
    boolean early = result.stoppedEarly();
    listeners.forEach(l -> l.onEnd(ran, early, finalMetrics));
    return new Outcome(result.ensemble(), finalMetrics, ran, early, result.bestRound());
  }

  /**
   * What to train with XGBoost's {@code gblinear}.
   *
   * @param algorithm the algorithm name (logs, listeners, checkpoint card)
   * @param hyperparameters the job's hyperparameters; a checkpoint written with others is refused
   * @param objective the loss
   * @param numClass classes for the label checks (0 when not a classifier)
   * @param linear the linear booster's settings
   * @param boost rounds (the job's total, checkpointed ones included), seed, base score, metrics, early stopping
   * @param outputs margins per row
   * @param initial the booster training continues, or null
   * @param checkpointFormat the checkpoint container's format name
   */
  public record LinearSpec(String algorithm, Hyperparameters hyperparameters, Objective objective, int numClass,
      LinearTrainer.LinearParams linear, BoostConfig boost, int outputs, LinearBooster initial,
      String checkpointFormat) {}

  /**
   * What linear training produced.
   *
   * @param booster the weights kept (the best round's after early stopping)
   * @param metrics the kept round's metrics and the test channel's, under SageMaker's names
   * @param roundsRun rounds trained in total, checkpointed ones included
   * @param stoppedEarly whether early stopping or cancellation ended training
   */
  public record LinearOutcome(LinearBooster booster, Map<String, Double> metrics, int roundsRun,
      boolean stoppedEarly) {}

  /**
   * Runs a {@code gblinear} job: the training channel read once into columns, then as {@link #run} (validation
   * metrics every round, listeners, a checkpoint after every round with exact resume, test metrics at the end).
   *
   * @param train the training channel
   * @param options validation/test channels, listeners, cancellation, checkpoints
   * @param spec what to train
   * @param pool threads
   * @return the outcome
   * @throws IOException if reading or checkpointing fails
   */
  public static LinearOutcome runLinear(DataSource train, FitOptions options, LinearSpec spec, ForkJoinPool pool)
      throws IOException {
    String alg = spec.algorithm();
    ColumnMatrix data = ColumnMatrix.read(train, label -> spec.objective().labelProblem(label, spec.numClass()));
    Schema schema = data.schema;
    LOG.info("{}: gblinear on {} rows x {} features, {} nonzero values", alg, data.rows, data.features,
        data.values.length);
    LinearBooster start = spec.initial();
    if (start != null && (start.featureDim() != data.features || start.outputs() != spec.outputs())) {
      throw new InvalidDataException("the model to continue has " + start.featureDim() + " features and "
          + start.outputs() + " outputs, the training data " + train.description() + " has " + data.features
          + " features and the objective needs " + spec.outputs() + " outputs");
    }
    List<GbdtTrainer.EvalSet> evals = new ArrayList<>();
    if (options.validation().isPresent()) {
      evals.add(new GbdtTrainer.EvalSet("validation", loadEval(options.validation().get(), schema,
          spec.objective(), spec.numClass(), "validation"), null));
    }
    BoostConfig b = spec.boost();
    ModelCard card = checkpointCard(alg, spec.hyperparameters());
    int initialRounds = start != null ? start.rounds() : 0;
    int doneBefore = 0;
    LinearBooster best = null;
    GbdtTrainer.Best bestState = null;
    Optional<ModelReader> ckpt = openCheckpoint(options, spec.checkpointFormat(), card);
    if (ckpt.isPresent()) {
      ModelReader r = ckpt.get();
      start = LinearCodec.read(r, "linear.", schema.featureDim());
      best = LinearCodec.read(r, "best.", schema.featureDim());
      doneBefore = start.rounds() - initialRounds;
      bestState = bestOf(r, start.rounds());
    }
    int total = b.rounds();
    BoostConfig cfg = new BoostConfig(Math.max(0, total - doneBefore), b.rowSampling(), 1.0, b.seed(),
        b.baseScore(), b.metrics(), b.earlyStoppingRounds(), null, b.scalePosWeight(), 1.0, false);
    LinearTrainer trainer = new LinearTrainer(data, spec.objective(), spec.linear(), cfg, spec.outputs(), pool);
    List<TrainingListener> listeners = options.listeners();
    listeners.forEach(l -> l.onStart(alg, total));
    LinearTrainer.RoundListener roundListener = (round, m, current, kept, bestSoFar) -> {
      int shown = round - initialRounds;
      Map<String, Double> sm = sageMakerNames(m);
      for (TrainingListener l : listeners) {
        l.onEpoch(shown + 1, total, sm);
      }
      saveCheckpoint(options, spec.checkpointFormat(), card, schema, shown + 1, bestSoFar, out -> {
        LinearCodec.write(current, "linear.", out);
        LinearCodec.write(kept, "best.", out);
      });
    };
    LinearTrainer.Result result;
    try {
      result = trainer.train(start, best, bestState, evals, roundListener, options.cancellation());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    if (!result.history().isEmpty()) {
      int idx = Math.min(result.history().size() - 1,
          Math.max(0, result.bestRound() - initialRounds - doneBefore));
      finalMetrics.putAll(sageMakerNames(result.history().get(idx)));
    }
    finalMetrics.putAll(testMetrics(options, schema, spec.objective(), spec.numClass(), b.metrics(),
        result.booster(), pool));
    int ran = result.roundsRun() + doneBefore;
    boolean early = result.stoppedEarly();
    listeners.forEach(l -> l.onEnd(ran, early, finalMetrics));
    return new LinearOutcome(result.booster(), finalMetrics, ran, early);
  }

  private static ModelCard checkpointCard(String alg, Hyperparameters hps) {
    return new ModelCard(alg, hps.toSageMaker(), Map.of(), SagemillVersion.get());
  }

  /** The job's checkpoint, if its folder holds one; refused when written with other hyperparameters. */
  private static Optional<ModelReader> openCheckpoint(FitOptions options, String format, ModelCard card)
      throws IOException {
    if (options.checkpointDir().isEmpty()) {
      return Optional.empty();
    }
    Optional<ModelReader> ckpt = CheckpointIO.loadFor(options.checkpointDir().get(), format, 1, card);
    if (ckpt.isPresent()) {
      ModelReader r = ckpt.get();
      LOG.info("{}: resuming from the checkpoint in {} after round {}", card.algorithm(),
          options.checkpointDir().get(), r.json("progress.json").path("rounds_done").asInt());
    }
    return ckpt;
  }

  /** Early stopping's state in a checkpoint's {@code progress.json}. */
  private static GbdtTrainer.Best bestOf(ModelReader r, int roundsDone) throws IOException {
    JsonNode progress = r.json("progress.json");
    return new GbdtTrainer.Best(progress.path("best_round").asInt(roundsDone - 1),
        Double.parseDouble(progress.path("best_score").asText("NaN")));
  }

  /** Writes a checkpoint (when the job has a folder) with the booster and early stopping's state. */
  private static void saveCheckpoint(FitOptions options, String format, ModelCard card, Schema schema,
      int roundsDone, GbdtTrainer.Best best, CheckpointIO.Content booster) {
    if (options.checkpointDir().isEmpty()) {
      return;
    }
    try {
      CheckpointIO.save(options.checkpointDir().get(), format, 1, card, schema, out -> {
        booster.writeTo(out);
        out.putJson("progress.json", JsonNodeFactory.instance.objectNode()
            .put("rounds_done", roundsDone).put("best_round", best.round())
            .put("best_score", Double.toString(best.score())));
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every metric on the test channel, when the job has one, keyed {@code test:<metric>}. */
  private static Map<String, Double> testMetrics(FitOptions options, Schema schema, Objective objective,
      int numClass, List<EvalMetric> metrics, Booster booster, ForkJoinPool pool) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    if (options.test().isPresent()) {
      RowBatch test = loadEval(options.test().get(), schema, objective, numClass, "test");
      EvalMetric.EvalData d = new EvalMetric.EvalData(EvalMetric.EvalData.labelsOf(test),
          EvalMetric.EvalData.weightsOf(test), null, booster.margins(test, pool), booster.outputs(), objective);
      for (EvalMetric m : metrics) {
        out.put("test:" + m.name(), m.evaluate(d));
      }
    }
    return out;
  }

  /** {@code validation-auc} → {@code validation:auc}. */
  private static Map<String, Double> sageMakerNames(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((key, val) -> {
      int dash = key.indexOf('-');
      out.put(key.substring(0, dash) + ":" + key.substring(dash + 1), val);
    });
    return out;
  }

  /**
   * Reads an evaluation channel fully, checking its feature count and labels against the training data.
   *
   * @param source the channel
   * @param trainSchema the training data's schema
   * @param objective checks the labels
   * @param numClass classes for the label check (0 when not a classifier)
   * @param channel the channel's name for messages
   * @return every row
   * @throws IOException if reading fails
   * @throws InvalidDataException naming the channel, row and problem
   */
  public static RowBatch loadEval(DataSource source, Schema trainSchema, Objective objective, int numClass,
      String channel) throws IOException {
    Schema s = source.schema();
    if (s.featureDim() != trainSchema.featureDim()) {
      throw new InvalidDataException("the " + channel + " channel " + source.description() + " has "
          + s.featureDim() + " features, the training data has " + trainSchema.featureDim());
    }
    RowBatch all = InMemoryDataset.collect(source).data();
    if (all.rows() == 0) {
      throw new InvalidDataException("the " + channel + " channel " + source.description() + " has no rows");
    }
    if (all.labelDim() < 1) {
      throw new InvalidDataException("the " + channel + " channel " + source.description() + " has no labels");
    }
    for (int r = 0; r < all.rows(); r++) {
      String bad = objective.labelProblem(all.label(r), numClass);
      if (bad != null) {
        throw new InvalidDataException(source.description() + " (" + channel + "), row " + (r + 1) + ": " + bad);
      }
    }
    return all;
  }

  /** Training margins of an existing ensemble, by streaming the raw training rows through it. */
  private static double[] streamMargins(DataSource train, TreeEnsemble e, ForkJoinPool pool) throws IOException {
    List<double[]> parts = new ArrayList<>();
    int total = 0;
    try (BatchStream s = train.open(8192)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        double[] m = e.margins(b.get(), pool);
        parts.add(m);
        total += m.length;
      }
    }
    double[] out = new double[total];
    int off = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}

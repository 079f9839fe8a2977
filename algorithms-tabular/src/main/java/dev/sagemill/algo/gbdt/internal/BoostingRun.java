package dev.sagemill.algo.gbdt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.train.TrainingLoop;
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
   * Runs the job on the shared {@link TrainingLoop}: one boosting round per iteration, checkpointed every round with
   * early stopping's state and the kept round's metrics, so a resumed job (even one resumed after it finished)
   * returns the uninterrupted job's model.
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
    int k = spec.outputs();
    int offset = spec.initial() != null ? spec.initial().size() / k : 0;
    GbdtTrainer trainer = new GbdtTrainer(data, spec.objective(), spec.tree(), b, k, pool);
    TreeRounds job = new TreeRounds(train, data, spec, trainer, evals, offset, pool);
    TrainingLoop.Result loop = TrainingLoop.run(new TrainingLoop.Settings(alg, spec.hyperparameters(), schema,
        b.rounds(), spec.checkpointFormat(), CHECKPOINT_VERSION, 1), job, options);
    boolean early = loop.stoppedEarly() || job.rounds().stopped();
    GbdtTrainer.Result result = job.rounds().result(early);
    Map<String, Double> finalMetrics = new LinkedHashMap<>(job.keptMetrics);
    finalMetrics.putAll(testMetrics(options, schema, spec.objective(), spec.numClass(), b.metrics(),
        result.ensemble(), pool));
    TrainingLoop.Result ended = new TrainingLoop.Result(loop.iterationsRun(), early, loop.resumedFrom());
    TrainingLoop.end(options, ended, finalMetrics);
    return new Outcome(result.ensemble(), finalMetrics, loop.iterationsRun(), early, result.bestRound());
  }

  /**
   * A boosting job's side of the training loop, whatever the booster: one round per iteration, the kept round's
   * metrics tracked, and early stopping's state with them in each checkpoint.
   */
  private abstract static class RoundsJob implements TrainingLoop.Job {
    private final int offset;
    /** Early stopping's state from a checkpoint, or null. */
    GbdtTrainer.Best best;
    private boolean stoppedAtCheckpoint;
    /** The metrics of the round early stopping keeps (the last round without it), under SageMaker's names. */
    Map<String, Double> keptMetrics = Map.of();

    /** @param offset rounds of the model being continued, before this job's first */
    RoundsJob(int offset) {
      this.offset = offset;
    }

    /** @return the rounds, started on first use (after any checkpoint was restored) */
    abstract BoostingRounds rounds() throws IOException;

    /** @return whether the rounds have started */
    abstract boolean started();

    /** Writes the booster's trees or weights. */
    abstract void saveBooster(ModelWriter out) throws IOException;

    /** Reads the booster a checkpoint holds. */
    abstract void restoreBooster(ModelReader in) throws IOException;

    @Override
    public final Map<String, Double> iterate(int iteration) throws IOException {
      BoostingRounds r = rounds();
      Map<String, Double> metrics = sageMakerNames(r.next());
      if (r.best().round() == iteration - 1 + offset) {
        keptMetrics = metrics;
      }
      return metrics;
    }

    @Override
    public final boolean converged() {
      try {
        return started() ? rounds().stopped() : stoppedAtCheckpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e); // started: rounds() only returns them
      }
    }

    @Override
    public final void save(ModelWriter out) throws IOException {
      saveBooster(out);
      BoostingRounds r = rounds();
      ObjectNode p = JsonNodeFactory.instance.objectNode().put("best_round", r.best().round())
          .put("best_score", Double.toString(r.best().score())).put("stopped", r.stopped());
      ObjectNode m = p.putObject("kept_metrics");
      keptMetrics.forEach((name, v) -> m.put(name, Double.toString(v))); // strings: NaN and infinities survive
      out.putJson(BOOSTING_STATE, p);
    }

    @Override
    public final void restore(ModelReader in) throws IOException {
      restoreBooster(in);
      JsonNode p = in.json(BOOSTING_STATE);
      best = new GbdtTrainer.Best(p.path("best_round").asInt(),
          Double.parseDouble(p.path("best_score").asText("NaN")));
      stoppedAtCheckpoint = p.path("stopped").asBoolean();
      Map<String, Double> kept = new LinkedHashMap<>();
      p.path("kept_metrics").properties().forEach(e -> kept.put(e.getKey(),
          Double.parseDouble(e.getValue().asText())));
      keptMetrics = kept;
    }
  }

  /** Tree boosting's job: one round of trees per iteration. */
  private static final class TreeRounds extends RoundsJob {
    private final DataSource train;
    private final BinnedData data;
    private final Spec spec;
    private final GbdtTrainer trainer;
    private final List<GbdtTrainer.EvalSet> evals;
    private final ForkJoinPool pool;
    private TreeEnsemble checkpointed;
    private GbdtTrainer.Rounds rounds;

    TreeRounds(DataSource train, BinnedData data, Spec spec, GbdtTrainer trainer, List<GbdtTrainer.EvalSet> evals,
        int offset, ForkJoinPool pool) {
      super(offset);
      this.train = train;
      this.data = data;
      this.spec = spec;
      this.trainer = trainer;
      this.evals = evals;
      this.pool = pool;
    }

    /** The rounds, started from the checkpoint's trees, the model being continued, or the base margins. */
    @Override
    GbdtTrainer.Rounds rounds() throws IOException {
      if (rounds == null) {
        TreeEnsemble start = checkpointed != null ? checkpointed : spec.initial();
        int k = spec.outputs();
        double[] startMargins = null;
        if (start != null) {
          startMargins = streamMargins(train, start, pool);
        } else if (spec.baseMargins() != null) {
          start = new TreeEnsemble(data.features, k, spec.baseMargins(), List.of(), new int[0], new float[0]);
          startMargins = new double[data.rows * k];
          for (int r = 0; r < data.rows; r++) {
            System.arraycopy(spec.baseMargins(), 0, startMargins, r * k, k);
          }
        }
        rounds = trainer.start(start, startMargins, evals, best);
      }
      return rounds;
    }

    @Override
    boolean started() {
      return rounds != null;
    }

    @Override
    void saveBooster(ModelWriter out) {
      EnsembleCodec.write(rounds.ensemble(), out);
    }

    @Override
    void restoreBooster(ModelReader in) throws IOException {
      checkpointed = EnsembleCodec.read(in, data.schema().featureDim());
    }
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
   * Runs a {@code gblinear} job: the training channel read once into columns, then as {@link #run} on the shared
   * {@link TrainingLoop} (validation metrics every round, listeners, a checkpoint after every round with exact
   * resume, test metrics at the end).
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
    LinearBooster initial = spec.initial();
    if (initial != null && (initial.featureDim() != data.features || initial.outputs() != spec.outputs())) {
      throw new InvalidDataException("the model to continue has " + initial.featureDim() + " features and "
          + initial.outputs() + " outputs, the training data " + train.description() + " has " + data.features
          + " features and the objective needs " + spec.outputs() + " outputs");
    }
    List<GbdtTrainer.EvalSet> evals = new ArrayList<>();
    if (options.validation().isPresent()) {
      evals.add(new GbdtTrainer.EvalSet("validation", loadEval(options.validation().get(), schema,
          spec.objective(), spec.numClass(), "validation"), null));
    }
    BoostConfig b = spec.boost();
    BoostConfig cfg = new BoostConfig(b.rounds(), b.rowSampling(), 1.0, b.seed(), b.baseScore(), b.metrics(),
        b.earlyStoppingRounds(), null, b.scalePosWeight(), 1.0, false);
    LinearTrainer trainer = new LinearTrainer(data, spec.objective(), spec.linear(), cfg, spec.outputs(), pool);
    int offset = initial != null ? initial.rounds() : 0;
    LinearRounds job = new LinearRounds(trainer, initial, evals, offset, schema.featureDim());
    TrainingLoop.Result loop = TrainingLoop.run(new TrainingLoop.Settings(alg, spec.hyperparameters(), schema,
        b.rounds(), spec.checkpointFormat(), CHECKPOINT_VERSION, 1), job, options);
    boolean early = loop.stoppedEarly() || job.rounds().stopped();
    LinearBooster kept = job.rounds().result(early);
    Map<String, Double> finalMetrics = new LinkedHashMap<>(job.keptMetrics);
    finalMetrics.putAll(testMetrics(options, schema, spec.objective(), spec.numClass(), b.metrics(), kept, pool));
    TrainingLoop.end(options, new TrainingLoop.Result(loop.iterationsRun(), early, loop.resumedFrom()), finalMetrics);
    return new LinearOutcome(kept, finalMetrics, loop.iterationsRun(), early);
  }

  /** Linear boosting's job: one round of coordinate updates per iteration. */
  private static final class LinearRounds extends RoundsJob {
    private final LinearTrainer trainer;
    private final LinearBooster initial;
    private final List<GbdtTrainer.EvalSet> evals;
    private final int featureDim;
    private LinearBooster checkpointed;
    private LinearBooster checkpointedBest;
    private LinearTrainer.Rounds rounds;

    LinearRounds(LinearTrainer trainer, LinearBooster initial, List<GbdtTrainer.EvalSet> evals, int offset,
        int featureDim) {
      super(offset);
      this.trainer = trainer;
      this.initial = initial;
      this.evals = evals;
      this.featureDim = featureDim;
    }

    @Override
    LinearTrainer.Rounds rounds() {
      if (rounds == null) {
        rounds = trainer.start(checkpointed != null ? checkpointed : initial, checkpointedBest, best, evals);
      }
      return rounds;
    }

    @Override
    boolean started() {
      return rounds != null;
    }

    @Override
    void saveBooster(ModelWriter out) {
      LinearCodec.write(rounds.current(), "linear.", out);
      LinearCodec.write(rounds.kept(), "best.", out);
    }

    @Override
    void restoreBooster(ModelReader in) throws IOException {
      checkpointed = LinearCodec.read(in, "linear.", featureDim);
      checkpointedBest = LinearCodec.read(in, "best.", featureDim);
    }
  }

  /** The checkpoint entry holding early stopping's state and the kept round's metrics. */
  private static final String BOOSTING_STATE = "boosting.json";
  /** Version 2: the shared training loop's progress record and {@value #BOOSTING_STATE}. */
  private static final int CHECKPOINT_VERSION = 2;

  /** Every metric on the test channel, when the job has one, keyed {@code test:<metric>}. */
  private static Map<String, Double> testMetrics(FitOptions options, Schema schema, Objective objective,
      int numClass, List<EvalMetric> metrics, Booster booster, ForkJoinPool pool) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    if (options.test().isPresent()) {
      RowBatch test = loadEval(options.test().get(), schema, objective, numClass, "test");
      EvalData d = new EvalData(EvalData.labelsOf(test),
          EvalData.weightsOf(test), null, booster.margins(test, pool), booster.outputs(), objective);
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

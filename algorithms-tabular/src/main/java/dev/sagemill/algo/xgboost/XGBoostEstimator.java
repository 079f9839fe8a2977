package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.internal.BinnedData;
import dev.sagemill.algo.gbdt.internal.BoostConfig;
import dev.sagemill.algo.gbdt.internal.BoostingRun;
import dev.sagemill.algo.gbdt.internal.FeatureCompaction;
import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.LinearBooster;
import dev.sagemill.algo.gbdt.internal.LinearTrainer;
import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.ShardedBoosting;
import dev.sagemill.algo.gbdt.internal.TreeParams;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.estimator.ContinuableEstimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.train.ThreadBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's XGBoost algorithm: booster {@code gbtree} or {@code dart} with sagemill's histogram engine,
 * {@code gblinear} by XGBoost's coordinate descent ({@link LinearTrainer}).
 * The training channel is read twice (quantile sample, then binning) and kept only as bins; the validation
 * channel (optional) is scored every round and drives {@code early_stopping_rounds}, after which the model keeps
 * the best round's trees, as SageMaker hosting does. Every round reports {@code train:auc} / {@code validation:auc}
 * to listeners (the CLI prints them as XGBoost's {@link XGBoostLog}, so SageMaker's tuner regexes match). With a checkpoint folder the model is saved after every
 * round and a killed job resumes from it, giving the same model as an uninterrupted run.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class XGBoostEstimator implements ContinuableEstimator<XGBoostModel>, ShardedEstimator<XGBoostModel> {
  private static final Logger LOG = LoggerFactory.getLogger(XGBoostEstimator.class);
  private static final String CHECKPOINT_FORMAT = "sagemill.xgboost.checkpoint";
  private static final String LINEAR_CHECKPOINT_FORMAT = "sagemill.xgboost.gblinear.checkpoint";
  /** Settings of tree growth that a linear booster has no use for. */
  private static final List<String> TREE_ONLY = List.of("gamma", "max_depth", "min_child_weight", "max_delta_step",
      "subsample", "sampling_method", "colsample_bytree", "colsample_bylevel", "colsample_bynode", "max_bin",
      "grow_policy", "max_leaves", "monotone_constraints", "interaction_constraints", "tree_method");

  private final XGBoostParams params;

  /**
   * @param params validated hyperparameters
   */
  public XGBoostEstimator(XGBoostParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** @return the hyperparameters */
  public XGBoostParams params() {
    return params;
  }

  @Override
  public String algorithm() {
    return XGBoostParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public Class<XGBoostModel> modelType() {
    return XGBoostModel.class;
  }

  @Override
  public XGBoostModel fit(DataSource train, FitOptions options) throws IOException {
    return fit(train, options, null);
  }

  /**
   * Trains, optionally continuing from an existing model (XGBoost's {@code xgb_model}): its trees are kept and
   * {@code num_round} more rounds are added.
   *
   * @param train the training channel
   * @param options validation/test channels, listeners, threads, cancellation, checkpoints
   * @param initial the model to continue, or null
   * @return the model
   * @throws IOException if reading fails
   */
  @Override
  public XGBoostModel fit(DataSource train, FitOptions options, XGBoostModel initial) throws IOException {
    Objects.requireNonNull(train, "train");
    Hyperparameters v = params.values();
    String objName = params.objective();
    int numClass = params.numClass();
    Objective objective = objective();
    int outputs = objective.outputs(numClass);
    int threads = ThreadBudget.threads(options, XGBoostParams.ALGORITHM, "nthread",
        v.isGiven("nthread") && !v.isAuto("nthread") ? OptionalInt.of(v.getInt("nthread")) : OptionalInt.empty());
    String method = v.isAuto("tree_method") ? "auto" : v.getString("tree_method");
    if (!method.equals("auto") && !method.equals("hist")) {
      LOG.info("xgboost: tree_method {} trains with the histogram method (hist) in sagemill", method);
    }
    List<EvalMetric> metrics = new ArrayList<>();
    for (String m : params.evalMetrics(objective.defaultMetric())) {
      metrics.add(EvalMetric.of(m));
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      if (v.getString("booster").equals("gblinear")) {
        return fitLinear(train, options, initial, objective, outputs, metrics, pool);
      }
      if (initial != null && !(initial.booster() instanceof dev.sagemill.algo.gbdt.internal.TreeEnsemble)) {
        throw new InvalidHyperparametersException(XGBoostParams.ALGORITHM, List.of("the model to continue is "
            + "booster gblinear; continue it with booster gblinear, not " + v.getString("booster")));
      }
      long started = System.nanoTime();
      // Feature constraints and a model to continue number features as the data does, so only free training of
      // new trees is renumbered.
      Optional<FeatureCompaction> compaction = initial == null && !v.isSet("monotone_constraints")
          && !v.isSet("interaction_constraints") ? FeatureCompaction.plan(train) : Optional.empty();
      DataSource rows = compaction.map(c -> c.view(train)).orElse(train);
      FitOptions channels = compaction.map(c -> c.view(options)).orElse(options);
      BinnedData data = BinnedData.build(rows, v.getInt("max_bin"), v.getLong("seed"), pool,
          label -> objective.labelProblem(label, numClass));
      Schema schema = data.schema();
      LOG.info("xgboost: {} rows x {} features binned ({} MB) in {} ms", data.rows(), data.features(),
          data.binnedBytes() >> 20, (System.nanoTime() - started) / 1_000_000);
      if (initial != null && initial.schema().featureDim() != schema.featureDim()) {
        throw new InvalidDataException("the model to continue has " + initial.schema().featureDim()
            + " features, the training data " + train.description() + " has " + schema.featureDim());
      }
      TreeParams tp = treeParams(v, data.features(), schema);
      BoostConfig.DartConfig dart = v.getString("booster").equals("dart")
          ? new BoostConfig.DartConfig(v.getString("sample_type").equals("weighted"),
              v.getString("normalize_type").equals("forest"), v.getDouble("rate_drop"), v.getDouble("skip_drop"),
              v.getInt("one_drop") == 1, 0, true)
          : null;
      BoostConfig cfg = boostConfig(initial == null, metrics, dart);
      BoostingRun.Outcome out = BoostingRun.run(rows, data, channels, new BoostingRun.Spec(XGBoostParams.ALGORITHM, v,
          objective, numClass, tp, cfg, outputs, initial != null ? initial.ensemble() : null, null,
          CHECKPOINT_FORMAT), pool);
      LOG.info("xgboost: {} rounds in {} ms; {} trees kept{}", out.roundsRun(), (System.nanoTime() - started) / 1_000_000,
          out.ensemble().size(), out.stoppedEarly() ? " (best round " + out.bestRound() + ")" : "");
      return new XGBoostModel(compaction.map(c -> c.restore(out.ensemble())).orElse(out.ensemble()), objName,
          numClass, compaction.map(FeatureCompaction::originalSchema).orElse(schema),
          new ModelCard(XGBoostParams.ALGORITHM, v.toSageMaker(), out.metrics(), SagemillVersion.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  private XGBoostModel fitLinear(DataSource train, FitOptions options, XGBoostModel initial, Objective objective,
      int outputs, List<EvalMetric> metrics, ForkJoinPool pool) throws IOException {
    Hyperparameters v = params.values();
    if (initial != null && !(initial.booster() instanceof LinearBooster)) {
      throw new InvalidHyperparametersException(XGBoostParams.ALGORITHM, List.of("the model to continue has "
          + "trees; booster gblinear can only continue a gblinear model"));
    }
    List<String> treeOnly = TREE_ONLY.stream().filter(v::isGiven).toList();
    if (!treeOnly.isEmpty()) {
      LOG.warn("xgboost: {} apply to trees only and are not used by booster gblinear", treeOnly);
    }
    String updater = v.isSet("updater") ? v.getString("updater").trim() : "shotgun";
    LinearTrainer.LinearParams lp = new LinearTrainer.LinearParams(v.isGiven("eta") ? v.getDouble("eta") : 0.5,
        v.isGiven("lambda") ? v.getDouble("lambda") : 0.0, v.getDouble("alpha"),
        updater.equals("coord_descent") ? LinearTrainer.Updater.COORD_DESCENT : LinearTrainer.Updater.SHOTGUN,
        LinearTrainer.Selector.valueOf(v.getString("feature_selector").toUpperCase(Locale.ROOT)), v.getInt("top_k"));
    double baseScore = v.isSet("base_score") && initial == null ? v.getDouble("base_score") : Double.NaN;
    BoostConfig cfg = new BoostConfig(v.getInt("num_round"), BoostConfig.RowSampling.ALL, 1.0, v.getLong("seed"),
        baseScore, metrics, v.isSet("early_stopping_rounds") ? v.getInt("early_stopping_rounds") : 0, null,
        v.getDouble("scale_pos_weight"), 1.0, false);
    long started = System.nanoTime();
    BoostingRun.LinearOutcome out = BoostingRun.runLinear(train, options, new BoostingRun.LinearSpec(
        XGBoostParams.ALGORITHM, v, objective, params.numClass(), lp, cfg, outputs,
        initial != null ? (LinearBooster) initial.booster() : null, LINEAR_CHECKPOINT_FORMAT), pool);
    LOG.info("xgboost: gblinear, {} rounds in {} ms{}", out.roundsRun(), (System.nanoTime() - started) / 1_000_000,
        out.stoppedEarly() ? " (stopped early; best round kept)" : "");
    return new XGBoostModel(out.booster(), params.objective(), params.numClass(), train.schema(),
        new ModelCard(XGBoostParams.ALGORITHM, v.toSageMaker(), out.metrics(), SagemillVersion.get()));
  }

  private Objective objective() {
    Hyperparameters v = params.values();
    return Objectives.of(params.objective(), v.isGiven("max_delta_step") ? v.getDouble("max_delta_step") : 0.7,
        v.getDouble("tweedie_variance_power"), v.getDouble("huber_slope"));
  }

  private BoostConfig boostConfig(boolean fresh, List<EvalMetric> metrics, BoostConfig.DartConfig dart) {
    Hyperparameters v = params.values();
    double baseScore = v.isSet("base_score") && fresh ? v.getDouble("base_score") : Double.NaN;
    BoostConfig.RowSampling sampling = new BoostConfig.RowSampling(
        v.getString("sampling_method").equals("gradient_based") ? BoostConfig.RowSampling.Kind.GRADIENT_BASED
            : BoostConfig.RowSampling.Kind.UNIFORM, v.getDouble("subsample"), 1, 0, 0);
    return new BoostConfig(v.getInt("num_round"), sampling, v.getDouble("colsample_bytree"), v.getLong("seed"),
        baseScore, metrics, v.isSet("early_stopping_rounds") ? v.getInt("early_stopping_rounds") : 0, dart,
        v.getDouble("scale_pos_weight"), 1.0, false);
  }

  /** The sharded run's setup for rows of {@code features} features, or why there is none. */
  private ShardedBoosting.Setup setup(int features, Schema schema) {
    Hyperparameters v = params.values();
    Objective objective = objective();
    List<EvalMetric> metrics = new ArrayList<>();
    for (String m : params.evalMetrics(objective.defaultMetric())) {
      metrics.add(EvalMetric.of(m));
    }
    return new ShardedBoosting.Setup(objective, treeParams(v, features, schema), boostConfig(true, metrics, null),
        objective.outputs(params.numClass()), v.getInt("max_bin"), label -> objective.labelProblem(label,
        params.numClass()));
  }

  /**
   * Whether these hyperparameters train across shards: booster {@code gbtree} with every row (no
   * {@code subsample} below 1), a pointwise objective (no ranking), and no adaptive leaves
   * ({@link ShardedBoosting#unsupported}).
   */
  @Override
  public boolean supportsSharding() {
    return params.values().getString("booster").equals("gbtree")
        && ShardedBoosting.unsupported(setup(1, Schema.of(1, 1))).isEmpty();
  }

  /**
   * Trains across shards by XGBoost's distributed design ({@link ShardedBoosting}): every shard grows the same
   * trees on its rows, the driver summing their fixed-point histograms level by level, so the trees equal those one
   * machine grows on the same rows in the same order (with {@code base_score} given, bit for bit; estimated, its
   * mean is summed shard by shard). Per-round metrics are not computed.
   */
  @Override
  public XGBoostModel fitSharded(Shards shards, FitOptions options) throws IOException {
    Schema schema = shards.schema();
    ShardedBoosting.Setup setup = setup(schema.featureDim(), schema);
    Optional<String> why = ShardedBoosting.unsupported(setup);
    if (why.isPresent() || !params.values().getString("booster").equals("gbtree")) {
      throw new IllegalStateException("xgboost has no sharded scheme for " + why.orElse("booster "
          + params.values().getString("booster")));
    }
    ForkJoinPool pool = new ForkJoinPool(ThreadBudget.threads(options));
    try {
      return (XGBoostModel) ShardedBoosting.train(shards, setup, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public ShardWorker shardWorker(DataSource rows, int shard, int shards, int threads) {
    return new ShardWorker() {
      private ShardWorker worker;

      @Override
      public byte[] answer(byte[] message) throws IOException {
        if (worker == null) {
          Schema schema = rows.schema();
          worker = ShardedBoosting.worker(rows, shard, setup(schema.featureDim(), schema), threads,
              ensemble -> new XGBoostModel(ensemble, params.objective(), params.numClass(), schema,
                  new ModelCard(XGBoostParams.ALGORITHM, params.values().toSageMaker(), java.util.Map.of(),
                      SagemillVersion.get())));
        }
        return worker.answer(message);
      }
    };
  }

  private TreeParams treeParams(Hyperparameters v, int features, Schema schema) {
    int[] mono = v.isSet("monotone_constraints") ? Constraints.parseMonotone(v.getString("monotone_constraints"))
        : new int[0];
    if (mono.length > features) {
      throw new InvalidHyperparametersException(XGBoostParams.ALGORITHM, List.of("monotone_constraints has "
          + mono.length + " entries, the data has " + features + " features"));
    }
    List<int[]> inter = v.isSet("interaction_constraints")
        ? Constraints.parseInteractions(v.getString("interaction_constraints")) : List.of();
    for (int[] set : inter) {
      for (int f : set) {
        if (f >= features) {
          throw new InvalidHyperparametersException(XGBoostParams.ALGORITHM, List.of("interaction_constraints "
              + "names feature " + f + ", the data has " + features + " features (0-based indices)"));
        }
      }
    }
    return new TreeParams(v.getDouble("eta"), v.getDouble("lambda"), v.getDouble("alpha"), v.getDouble("gamma"),
        v.getDouble("min_child_weight"), v.getDouble("max_delta_step"), v.getInt("max_depth"),
        v.getInt("max_leaves"), v.getString("grow_policy").equals("lossguide"), v.getDouble("colsample_bylevel"),
        v.getDouble("colsample_bynode"), mono, inter, 0, null);
  }
}

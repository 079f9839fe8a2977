package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.BinnedData;
import dev.sagemill.algo.gbdt.BoostConfig;
import dev.sagemill.algo.gbdt.EnsembleCodec;
import dev.sagemill.algo.gbdt.EvalMetric;
import dev.sagemill.algo.gbdt.GbdtTrainer;
import dev.sagemill.algo.gbdt.Objective;
import dev.sagemill.algo.gbdt.Objectives;
import dev.sagemill.algo.gbdt.TreeEnsemble;
import dev.sagemill.algo.gbdt.TreeParams;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.Estimator;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's XGBoost algorithm (booster {@code gbtree} or {@code dart}) with sagemill's histogram engine.
 * The training channel is read twice (quantile sample, then binning) and kept only as bins; the validation
 * channel (optional) is scored every round and drives {@code early_stopping_rounds}, after which the model keeps
 * the best round's trees, as SageMaker hosting does. Every round reports {@code train:auc} / {@code validation:auc}
 * to listeners (the CLI prints them as XGBoost's {@link EvalLine}, so SageMaker's tuner regexes match). With a checkpoint folder the model is saved after every
 * round and a killed job resumes from it, giving the same model as an uninterrupted run.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class XGBoostEstimator implements Estimator<XGBoostModel> {
  private static final Logger LOG = LoggerFactory.getLogger(XGBoostEstimator.class);
  private static final String CHECKPOINT_FORMAT = "sagemill.xgboost.checkpoint";

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
  public XGBoostModel fit(DataSource train, FitOptions options, XGBoostModel initial) throws IOException {
    Objects.requireNonNull(train, "train");
    Hyperparameters v = params.values();
    String objName = params.objective();
    int numClass = params.numClass();
    double mds = v.getDouble("max_delta_step");
    Objective objective = Objectives.of(objName, v.isGiven("max_delta_step") ? mds : 0.7,
        v.getDouble("tweedie_variance_power"), v.getDouble("huber_slope"));
    int outputs = objective.outputs(numClass);
    int threads = options.threads() > 0 && !v.isGiven("nthread") ? options.threads()
        : v.getInt("nthread", Runtime.getRuntime().availableProcessors());
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
      long started = System.nanoTime();
      BinnedData data = BinnedData.build(train, v.getInt("max_bin"), v.getLong("seed"), pool,
          label -> objective.labelProblem(label, numClass));
      Schema schema = data.schema();
      LOG.info("xgboost: {} rows x {} features binned ({} MB) in {} ms", data.rows(), data.features(),
          data.binnedBytes() >> 20, (System.nanoTime() - started) / 1_000_000);
      if (initial != null && initial.schema().featureDim() != schema.featureDim()) {
        throw new InvalidDataException("the model to continue has " + initial.schema().featureDim()
            + " features, the training data " + train.description() + " has " + schema.featureDim());
      }
      List<GbdtTrainer.EvalSet> evals = new ArrayList<>();
      if (options.validation().isPresent()) {
        evals.add(new GbdtTrainer.EvalSet("validation", loadEval(options.validation().get(), schema, objective,
            numClass, "validation"), null));
      }
      if (v.isSet("early_stopping_rounds") && evals.isEmpty()) {
        LOG.warn("xgboost: early_stopping_rounds needs a validation channel; training all {} rounds",
            v.getInt("num_round"));
      }
      TreeParams tp = treeParams(v, data.features(), schema);
      BoostConfig.DartConfig dart = v.getString("booster").equals("dart")
          ? new BoostConfig.DartConfig(v.getString("sample_type").equals("weighted"),
              v.getString("normalize_type").equals("forest"), v.getDouble("rate_drop"), v.getDouble("skip_drop"),
              v.getInt("one_drop") == 1, 0, true)
          : null;
      double baseScore = v.isSet("base_score") ? v.getDouble("base_score") : Double.NaN;
      if (initial != null) {
        baseScore = Double.NaN;
      }
      int rounds = v.getInt("num_round");
      ModelCard checkpointCard = new ModelCard(XGBoostParams.ALGORITHM, v.toSageMaker(), Map.of(),
          SagemillVersion.get());

      TreeEnsemble start = initial != null ? initial.ensemble() : null;
      int doneBefore = 0;
      GbdtTrainer.Best best = null;
      Optional<ModelReader> ckpt = options.checkpointDir().isPresent()
          ? CheckpointIO.load(options.checkpointDir().get(), CHECKPOINT_FORMAT, 1, 1) : Optional.empty();
      if (ckpt.isPresent()) {
        ModelReader r = ckpt.get();
        if (!r.card().hyperparameters().equals(checkpointCard.hyperparameters())) {
          throw new InvalidHyperparametersException(XGBoostParams.ALGORITHM, List.of("the checkpoint in "
              + options.checkpointDir().get() + " was written with other hyperparameters " + r.card().hyperparameters()
              + "; remove it or train with the same ones"));
        }
        start = EnsembleCodec.read(r, schema.featureDim());
        com.fasterxml.jackson.databind.JsonNode progress = r.json("progress.json");
        doneBefore = progress.path("rounds_done").asInt();
        best = new GbdtTrainer.Best(progress.path("best_round").asInt(doneBefore - 1),
            Double.parseDouble(progress.path("best_score").asText("NaN")));
        LOG.info("xgboost: resuming from the checkpoint in {} after round {}", options.checkpointDir().get(),
            doneBefore);
      }
      int initialTrees = initial != null ? initial.ensemble().size() : 0;
      int remaining = rounds - doneBefore;
      double[] startMargins = start != null ? streamMargins(train, start, pool) : null;
      double scalePos = v.getDouble("scale_pos_weight");
      BoostConfig.RowSampling sampling = new BoostConfig.RowSampling(
          v.getString("sampling_method").equals("gradient_based") ? BoostConfig.RowSampling.Kind.GRADIENT_BASED
              : BoostConfig.RowSampling.Kind.UNIFORM, v.getDouble("subsample"), 1, 0, 0);
      BoostConfig cfg = new BoostConfig(Math.max(0, remaining), sampling, v.getDouble("colsample_bytree"),
          v.getLong("seed"), baseScore, metrics, v.isSet("early_stopping_rounds") ? v.getInt("early_stopping_rounds") : 0,
          dart, scalePos, 1.0, false);
      GbdtTrainer trainer = new GbdtTrainer(data, objective, tp, cfg, outputs, pool);

      List<TrainingListener> listeners = options.listeners();
      listeners.forEach(l -> l.onStart(XGBoostParams.ALGORITHM, rounds));
      int firstRoundOffset = initialTrees / outputs;
      GbdtTrainer.RoundListener roundListener = (round, m, ensemble, margins, bestSoFar) -> {
        int shown = round - firstRoundOffset;
        LOG.debug(EvalLine.format(shown, m));
        Map<String, Double> sm = sageMakerNames(m);
        for (TrainingListener l : listeners) {
          l.onEpoch(shown + 1, rounds, sm);
        }
        if (options.checkpointDir().isPresent()) {
          try {
            CheckpointIO.save(options.checkpointDir().get(), CHECKPOINT_FORMAT, 1, checkpointCard, schema, out -> {
              EnsembleCodec.write(ensemble, out);
              out.putJson("progress.json", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                  .put("rounds_done", shown + 1).put("best_round", bestSoFar.round())
                  .put("best_score", Double.toString(bestSoFar.score())));
            });
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
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
      XGBoostModel model = new XGBoostModel(result.ensemble(), objName, numClass, schema,
          new ModelCard(XGBoostParams.ALGORITHM, v.toSageMaker(), finalMetrics, SagemillVersion.get()));
      if (options.test().isPresent()) {
        RowBatch test = loadEval(options.test().get(), schema, objective, numClass, "test");
        double[] margins = result.ensemble().margins(test, pool);
        EvalMetric.EvalData d = new EvalMetric.EvalData(EvalMetric.EvalData.labelsOf(test),
            EvalMetric.EvalData.weightsOf(test), null, margins, outputs, objective);
        for (EvalMetric m : metrics) {
          finalMetrics.put("test:" + m.name(), m.evaluate(d));
        }
        model = new XGBoostModel(result.ensemble(), objName, numClass, schema,
            new ModelCard(XGBoostParams.ALGORITHM, v.toSageMaker(), finalMetrics, SagemillVersion.get()));
      }
      int ran = result.roundsRun() + doneBefore;
      boolean early = result.stoppedEarly();
      listeners.forEach(l -> l.onEnd(ran, early, finalMetrics));
      LOG.info("xgboost: {} rounds in {} ms; {} trees kept{}", ran, (System.nanoTime() - started) / 1_000_000,
          result.ensemble().size(), early ? " (best round " + result.bestRound() + ")" : "");
      return model;
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code validation-auc} → {@code validation:auc}. */
  static Map<String, Double> sageMakerNames(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, val) -> {
      int dash = k.indexOf('-');
      out.put(k.substring(0, dash) + ":" + k.substring(dash + 1), val);
    });
    return out;
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

  /** Reads an evaluation channel fully, checking its feature count and labels against the training data. */
  private static RowBatch loadEval(DataSource source, Schema trainSchema, Objective objective, int numClass,
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

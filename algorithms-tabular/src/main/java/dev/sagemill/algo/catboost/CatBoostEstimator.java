package dev.sagemill.algo.catboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sagemill.algo.gbdt.internal.BinnedData;
import dev.sagemill.algo.gbdt.internal.BoostingRun;
import dev.sagemill.algo.gbdt.internal.EnsembleCodec;
import dev.sagemill.algo.gbdt.internal.EvalData;
import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.algo.gbdt.internal.MetricDialects;
import dev.sagemill.algo.gbdt.internal.FeatureCuts;
import dev.sagemill.algo.gbdt.internal.Objective;
import dev.sagemill.algo.gbdt.internal.Objectives;
import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.train.ThreadBudget;
import dev.sagemill.core.train.TrainingLoop;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's CatBoost algorithm: symmetric trees of {@code depth} (or Depthwise / Lossguide trees), ordered
 * or plain boosting, numeric features quantized into {@code max_bin} borders with missing values below every border
 * ({@code nan_mode=Min}), and the categorical features listed by the channel's {@code categorical_index.json}
 * one-hot encoded when they have at most {@code one_hot_max_size} values, else encoded by ordered target statistics
 * (CatBoost's default {@code Borders} statistics with priors 0, 0.5 and 1, and {@code Counter}) and combined
 * greedily inside each tree. The loss comes from the labels as SageMaker's container picks it (Logloss,
 * MultiClass or RMSE) unless {@code loss_function} names one; the validation channel is scored every iteration with
 * {@code eval_metric} (AUC, MultiClass or RMSE by default), which drives {@code early_stopping_rounds} and keeps
 * the best iteration's trees (CatBoost's {@code use_best_model}); listeners receive {@code validation:AUC} and the
 * like, which the CLI prints as CatBoost's {@code 12:\ttest: 0.91\tbest: 0.91 (12)} lines and
 * {@code bestTest = 0.91} at the end, the line SageMaker's tuner reads. Checkpoints after every iteration resume to
 * the same model.
 *
 * <p>Where sagemill differs from CatBoost, by design or not yet: borders of numeric features are quantiles (as
 * XGBoost's sketch) rather than CatBoost's GreedyLogSum; one permutation orders both statistics and boosting
 * (CatBoost keeps several and alternates); combinations join categorical features only (CatBoost also joins
 * binarized numeric splits); leaves take one Newton step.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class CatBoostEstimator implements Estimator<CatBoostModel> {
  private static final Logger LOG = LoggerFactory.getLogger(CatBoostEstimator.class);
  /** The checkpoint entry of the trainer's iteration count and early stopping's best iteration. */
  private static final String STATE = "catboost-progress.json";
  /** Version 2: the shared training loop's progress record and {@value #STATE}. */
  private static final int CHECKPOINT_VERSION = 2;
  private static final String CHECKPOINT_FORMAT = "sagemill.catboost.checkpoint";
  /** CatBoost's default number of borders of a numeric feature on CPU. */
  private static final int DEFAULT_BORDERS = 254;
  /** Below this many rows {@code boosting_type=Auto} means Ordered (symmetric trees only). */
  private static final int ORDERED_AUTO_ROWS = 50_000;
  /** CatBoost's default priors of the Borders statistics. */
  private static final float[] PRIORS = {0f, 0.5f, 1f};

  private final CatBoostParams params;

  /**
   * @param params validated hyperparameters
   */
  public CatBoostEstimator(CatBoostParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** @return the hyperparameters */
  public CatBoostParams params() {
    return params;
  }

  @Override
  public String algorithm() {
    return CatBoostParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public CatBoostModel fit(DataSource train, FitOptions options) throws IOException {
    Objects.requireNonNull(train, "train");
    Hyperparameters v = params.values();
    int threads = ThreadBudget.threads(options, CatBoostParams.ALGORITHM, "thread_count",
        v.getInt("thread_count") > 0 ? OptionalInt.of(v.getInt("thread_count")) : OptionalInt.empty());
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return fit(train, options, v, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private CatBoostModel fit(DataSource train, FitOptions options, Hyperparameters v, ForkJoinPool pool)
      throws IOException {
    long started = System.nanoTime();
    Schema schema = train.schema();
    int d = schema.featureDim();
    InMemoryDataset all = InMemoryDataset.collect(train);
    RowBatch rows = all.data();
    if (rows.rows() == 0) {
      throw new InvalidDataException("training data " + train.description() + " has no rows");
    }
    int borders = v.isAuto("max_bin") ? DEFAULT_BORDERS : v.getInt("max_bin");
    BinnedData binned = BinnedData.build(all, borders + 1, v.getLong("random_seed"), pool,
        label -> Float.isFinite(label) ? null : "label is " + label + "; labels must be finite numbers");
    float[] labels = binned.labels();
    String loss = v.isAuto("loss_function") ? "auto" : v.getString("loss_function");
    if (loss.equals("auto")) {
      Objectives.ProblemGuess guess = Objectives.inferProblem(labels);
      loss = switch (guess.problem()) {
        case "binary" -> "Logloss";
        case "multiclass" -> "MultiClass";
        default -> "RMSE";
      };
      LOG.info("catboost: loss_function auto is {}: {}", loss, guess.reason());
    }
    int numClass = loss.equals("MultiClass") ? numClass(labels) : 0;
    Objective objective = Objectives.catboost(loss, numClass);
    for (int r = 0; r < labels.length; r++) {
      String bad = loss.equals("Logloss") ? (labels[r] == 0f || labels[r] == 1f ? null
          : "label " + labels[r] + " is not 0 or 1 (loss_function Logloss)") : objective.labelProblem(labels[r],
          numClass);
      if (bad != null) {
        throw new InvalidDataException("training data " + train.description() + ", row " + (r + 1) + ": " + bad);
      }
    }
    int k = objective.outputs(numClass);
    boolean classifier = loss.equals("Logloss") || loss.equals("MultiClass");
    String metricName = v.getString("eval_metric").equalsIgnoreCase("auto")
        ? (loss.equals("Logloss") ? "AUC" : loss.equals("MultiClass") ? "MultiClass" : "RMSE")
        : v.getString("eval_metric").trim();
    List<EvalMetric> metrics = List.of(MetricDialects.catboost(metricName));
    if (!classifier && Arrays.asList("AUC", "Precision", "Recall", "F1", "Accuracy", "BalancedAccuracy",
        "MultiClass").contains(metricName)) {
      throw new InvalidHyperparametersException(CatBoostParams.ALGORITHM, List.of("eval_metric " + metricName
          + " needs a classification loss, got " + loss));
    }

    int[] categorical = schema.categoricalFeatures();
    CatBoostTrainer.Data data = quantize(rows, binned, categorical, loss, numClass, labels,
        v.getInt("one_hot_max_size"), v.getDouble("scale_pos_weight"));
    int ctr = data.ctrFeatures().length;
    LOG.info("catboost: {} rows x {} features ({} categorical: {} by target statistics) quantized in {} ms; loss {}",
        rows.rows(), d, categorical.length, ctr, (System.nanoTime() - started) / 1_000_000, loss);

    String grow = v.getString("grow_policy");
    CatBoostTrainer.Growth growth = switch (grow) {
      case "Depthwise" -> CatBoostTrainer.Growth.DEPTHWISE;
      case "Lossguide" -> CatBoostTrainer.Growth.LOSSGUIDE;
      default -> CatBoostTrainer.Growth.SYMMETRIC;
    };
    String boosting = v.getString("boosting_type");
    boolean ordered = boosting.equals("Ordered") || boosting.equals("Auto")
        && growth == CatBoostTrainer.Growth.SYMMETRIC && rows.rows() < ORDERED_AUTO_ROWS;
    CatBoostTrainer.ScoreFunction score = switch (v.getString("score_function")) {
      case "L2" -> CatBoostTrainer.ScoreFunction.L2;
      case "NewtonCosine" -> CatBoostTrainer.ScoreFunction.NEWTON_COSINE;
      case "NewtonL2" -> CatBoostTrainer.ScoreFunction.NEWTON_L2;
      default -> CatBoostTrainer.ScoreFunction.COSINE;
    };
    CatBoostTrainer.Settings settings = new CatBoostTrainer.Settings(v.getInt("iterations"),
        v.getDouble("learning_rate"), v.getInt("depth"), v.getDouble("l2_leaf_reg"), v.getDouble("random_strength"),
        v.getInt("max_leaves"), v.getDouble("rsm"), v.getString("sampling_frequency").equals("PerTreeLevel"),
        v.getInt("min_data_in_leaf"), v.getDouble("bagging_temperature"), ordered, growth, v.getLong("random_seed"),
        v.getInt("max_ctr_complexity"), score, Math.max(0, v.getInt("early_stopping_rounds")));
    double[] base = new double[k];
    if (loss.equals("RMSE")) {
      base[0] = Objectives.mean(labels, data.weights());
    }
    CatBoostTrainer trainer = new CatBoostTrainer(data, settings, objective, k, base, d, pool);

    RowBatch validation = options.validation().isPresent() ? BoostingRun.loadEval(options.validation().get(),
        schema, objective, numClass, "validation") : null;
    if (settings.earlyStoppingRounds() > 0 && validation == null) {
      LOG.info("catboost: no validation channel; training all {} iterations", settings.iterations());
    }
    Job job = new Job(trainer, validation, metrics, schema, loss, numClass, base, k);
    TrainingLoop.Result loop = TrainingLoop.run(new TrainingLoop.Settings(CatBoostParams.ALGORITHM, v, schema,
        settings.iterations(), CHECKPOINT_FORMAT, CHECKPOINT_VERSION, 1), job, options);
    boolean early = loop.stoppedEarly() || job.converged();
    CatBoostTrainer.Result result = job.iterations().result(early);
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    CatBoostModel model = model(result.trees(), result.encoder(), loss, numClass, base, k, schema, finalMetrics, v);
    if (validation != null) {
      evaluate(model, validation, metrics, objective, "validation", finalMetrics);
    }
    if (options.test().isPresent()) {
      RowBatch test = BoostingRun.loadEval(options.test().get(), schema, objective, numClass, "test");
      evaluate(model, test, metrics, objective, "test", finalMetrics);
    }
    model = model(result.trees(), result.encoder(), loss, numClass, base, k, schema, finalMetrics, v);
    TrainingLoop.end(options, new TrainingLoop.Result(loop.iterationsRun(), early, loop.resumedFrom()), finalMetrics);
    LOG.info("catboost: {} iterations ({} boosting, {} trees) in {} ms; {} trees kept, {} derived features",
        loop.iterationsRun(), ordered ? "Ordered" : "Plain", grow, (System.nanoTime() - started) / 1_000_000,
        result.trees().size() / k, result.encoder().derived().size());
    return model;
  }

  private static void evaluate(CatBoostModel model, RowBatch rows, List<EvalMetric> metrics, Objective objective,
      String channel, Map<String, Double> out) {
    EvalData ed = new EvalData(EvalData.labelsOf(rows),
        EvalData.weightsOf(rows), null, model.margins(rows), model.ensemble().outputs(), objective);
    for (EvalMetric m : metrics) {
      out.put(channel + ":" + m.name(), m.evaluate(ed));
    }
  }

  private static CatBoostModel model(List<Tree> trees, CategoricalEncoder enc, String loss, int numClass,
      double[] base, int k, Schema schema, Map<String, Double> metrics, Hyperparameters v) {
    return new CatBoostModel(ensemble(trees, enc, base, k), enc, loss, numClass, schema,
        new ModelCard(CatBoostParams.ALGORITHM, v.toSageMaker(), metrics, SagemillVersion.get()));
  }

  private static TreeEnsemble ensemble(List<Tree> trees, CategoricalEncoder enc, double[] base, int k) {
    int[] group = new int[trees.size()];
    float[] weight = new float[trees.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = i % k;
      weight[i] = 1f;
    }
    return new TreeEnsemble(enc.dim(), k, base, trees, group, weight);
  }

  private static int numClass(float[] labels) {
    float max = 0;
    for (float y : labels) {
      max = Math.max(max, y);
    }
    return Math.max(2, (int) max + 1);
  }

  /**
   * Quantizes the training set: numeric features into their bins (missing in bin 0), categorical features with at
   * most {@code oneHotMax} values into one indicator per value, the others into category keys for the statistics.
   */
  private static CatBoostTrainer.Data quantize(RowBatch rows, BinnedData binned, int[] categorical, String loss,
      int numClass, float[] labels, int oneHotMax, double scalePosWeight) {
    int n = rows.rows();
    int d = binned.features();
    boolean[] isCat = new boolean[d];
    for (int f : categorical) {
      isCat[f] = true;
    }
    FeatureCuts cuts = binned.cuts();
    List<SplitCandidate> numeric = new ArrayList<>();
    int[][] categories = new int[d][];
    List<Integer> ctr = new ArrayList<>();
    for (int f = 0; f < d; f++) {
      if (!isCat[f]) {
        int nb = cuts.bins(f);
        if (nb < 2) {
          continue;
        }
        char[] bins = new char[n];
        for (int pos = 0; pos < n; pos++) {
          bins[binned.rowAt(pos)] = (char) Math.max(0, binned.bin(pos, f));
        }
        float[] c = new float[nb - 1];
        for (int b = 0; b < nb - 1; b++) {
          c[b] = cuts.cut(f, b);
        }
        numeric.add(new SplitCandidate(f, null, bins, c));
        continue;
      }
      int[] keys = new int[n];
      TreeMap<Float, Integer> distinct = new TreeMap<>((a, b) -> Integer.compare(
          CategoricalEncoder.categoryKey(a), CategoricalEncoder.categoryKey(b)));
      for (int r = 0; r < n; r++) {
        float x = rows.isSparse() ? rows.row(r).get(f) : rows.denseValues()[r * d + f];
        keys[r] = CategoricalEncoder.categoryKey(x);
        if (distinct.size() <= oneHotMax) {
          distinct.put(x, 0);
        }
      }
      categories[f] = keys;
      if (distinct.size() > oneHotMax) {
        ctr.add(f);
      } else if (distinct.size() > 1) {
        List<Float> values = new ArrayList<>(distinct.keySet());
        // With two values one indicator carries everything.
        for (float value : distinct.size() == 2 ? values.subList(0, 1) : values) {
          char[] bins = new char[n];
          int key = CategoricalEncoder.categoryKey(value);
          for (int r = 0; r < n; r++) {
            bins[r] = keys[r] == key ? (char) 1 : 0;
          }
          numeric.add(new SplitCandidate(-1, new DerivedFeature(DerivedFeature.Kind.ONE_HOT, new int[] {f}, value, 0,
              0f), bins, new float[] {0.5f}));
        }
      }
    }
    float[] targetBorders = switch (loss) {
      case "Logloss", "CrossEntropy" -> new float[] {0.5f};
      case "MultiClass" -> {
        float[] b = new float[numClass - 1];
        for (int c = 0; c < b.length; c++) {
          b[c] = c + 0.5f;
        }
        yield b;
      }
      default -> new float[] {median(labels)};
    };
    float[] weights = binned.weights();
    if (loss.equals("Logloss") && scalePosWeight != 1) {
      weights = weights == null ? new float[n] : weights.clone();
      for (int r = 0; r < n; r++) {
        float w = binned.weights() == null ? 1f : binned.weights()[r];
        weights[r] = labels[r] == 1f ? (float) (w * scalePosWeight) : w;
      }
    }
    return new CatBoostTrainer.Data(labels, weights, numeric, categories,
        ctr.stream().mapToInt(Integer::intValue).toArray(), targetBorders, PRIORS);
  }

  private static float median(float[] labels) {
    float[] s = labels.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** CatBoost's side of the training loop: one iteration of trees per loop iteration. */
  private static final class Job implements TrainingLoop.Job {
    private final CatBoostTrainer trainer;
    private final RowBatch validation;
    private final List<EvalMetric> metrics;
    private final Schema schema;
    private final String loss;
    private final int numClass;
    private final double[] base;
    private final int k;
    private CatBoostTrainer.State resume;
    private CatBoostTrainer.Iterations iterations;

    Job(CatBoostTrainer trainer, RowBatch validation, List<EvalMetric> metrics, Schema schema, String loss,
        int numClass, double[] base, int k) {
      this.trainer = trainer;
      this.validation = validation;
      this.metrics = metrics;
      this.schema = schema;
      this.loss = loss;
      this.numClass = numClass;
      this.base = base;
      this.k = k;
    }

    /** The iterations, started from the checkpoint's state when one was restored. */
    CatBoostTrainer.Iterations iterations() {
      if (iterations == null) {
        iterations = trainer.start(resume, validation, metrics);
      }
      return iterations;
    }

    @Override
    public Map<String, Double> iterate(int iteration) {
      Map<String, Double> named = new LinkedHashMap<>();
      iterations().next().forEach((name, value) -> named.put("validation:" + name, value));
      return named;
    }

    @Override
    public boolean converged() {
      return iterations().stopped();
    }

    @Override
    public void save(ModelWriter out) throws IOException {
      CatBoostTrainer.State state = iterations().state();
      EnsembleCodec.write(ensemble(state.trees(), state.encoder(), base, k), out);
      out.putJson("catboost.json", CatBoostCodec.encoderJson(state.encoder(), out).put("loss_function", loss)
          .put("num_class", numClass));
      out.putDoubles("state.approx", state.approx());
      if (state.orderedApprox() != null) {
        out.putDoubles("state.ordered", state.orderedApprox());
      }
      out.putJson(STATE, JsonNodeFactory.instance.objectNode().put("iterations", state.iterations())
          .put("best_iteration", state.bestIteration()).put("best_score", Double.toString(state.bestScore())));
    }

    @Override
    public void restore(ModelReader r) throws IOException {
      JsonNode meta = r.json("catboost.json");
      r.require(meta.path("loss_function").asText().equals(loss) && meta.path("num_class").asInt() == numClass,
          "the checkpoint was trained with loss " + meta.path("loss_function").asText() + ", this job has " + loss);
      CategoricalEncoder enc = CatBoostCodec.readEncoder(r, meta);
      TreeEnsemble e = EnsembleCodec.read(r, enc.dim());
      r.require(Arrays.equals(e.baseMargin(), base) && e.outputs() == k && schema.featureDim() == enc.rawDim(),
          "the checkpoint's model does not match this training data");
      JsonNode progress = r.json(STATE);
      resume = new CatBoostTrainer.State(e.trees(), enc, r.doubles("state.approx"),
          r.has("state.ordered") ? r.doubles("state.ordered") : null, progress.path("iterations").asInt(),
          progress.path("best_iteration").asInt(-1), Double.parseDouble(progress.path("best_score").asText("NaN")));
    }
  }
}

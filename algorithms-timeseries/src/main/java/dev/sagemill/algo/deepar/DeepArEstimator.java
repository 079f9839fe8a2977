package dev.sagemill.algo.deepar;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.metrics.ForecastScores;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.train.ThreadBudget;
import dev.sagemill.core.train.TrainingLoop;
import dev.sagemill.neural.MiniBatchTrainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains DeepAR on the {@code train} channel's series: reads them all (checking each against the model's shape),
 * sizes the categorical embeddings and dynamic features ({@code auto}: from the data), then runs
 * {@code epochs} epochs of {@link MiniBatchTrainer} over {@link TrainingWindows} on core's training loop (listeners,
 * checkpoints, cancellation, early stopping on the epoch loss) and keeps the epoch with the lowest loss. With a
 * {@code test} channel it forecasts each test series' last {@code prediction_length} points from the rest and logs
 * SageMaker's test metrics.
 *
 * <p>Immutable; each {@link #fit} is independent.
 */
public final class DeepArEstimator implements RecordEstimator<SeriesBatch, DeepArModel> {
  private static final Logger LOG = LoggerFactory.getLogger(DeepArEstimator.class);
  /** The test channel's name. */
  public static final String TEST = "test";
  /** The checkpoint format's name. */
  static final String CHECKPOINT = "sagemill.deepar.checkpoint";
  /** The largest global gradient norm (GluonTS's {@code clip_gradient} is 10). */
  static final double CLIP = 10;
  private final DeepArParams params;

  /** @param params the hyperparameters */
  public DeepArEstimator(DeepArParams params) {
    this.params = params;
  }

  @Override
  public String algorithm() {
    return DeepArParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public Class<SeriesBatch> batchType() {
    return SeriesBatch.class;
  }

  @Override
  public DeepArModel fit(RecordSource<SeriesBatch> train, FitOptions options) throws IOException {
    int context = params.contextLength();
    int horizon = params.predictionLength();
    List<Named> raw = read(train);
    if (raw.isEmpty()) {
      throw new InvalidDataException("the train channel holds no series");
    }
    SeriesShape shape = shape(raw);
    List<PreparedSeries> series = new ArrayList<>(raw.size());
    for (Named r : raw) {
      PreparedSeries s = PreparedSeries.of(r.series(), r.where(), shape, 0);
      if (s.length < context + horizon) {
        throw new InvalidDataException(r.where() + ": the series has " + s.length + " values, fewer than a training "
            + "window's context_length + prediction_length = " + (context + horizon));
      }
      series.add(s);
    }
    int threads = ThreadBudget.threads(options);
    Hyperparameters hps = params.values();
    long seed = hps.getLong("seed");
    LOG.info("{}: {} series, {} lags (up to {}), {} inputs per time point, likelihood {}", algorithm(),
        series.size(), shape.lags().length, shape.maxLag(), shape.pointInputs() + shape.staticInputs(),
        shape.likelihood().sageMakerName());
    DeepArNetwork network = new DeepArNetwork(shape, hps.getInt("num_cells"), hps.getInt("num_layers"),
        hps.getDouble("dropout_rate"), threads, seed);
    try {
      TrainingWindows windows = new TrainingWindows(network, series, context, horizon,
          hps.getInt("mini_batch_size"));
      MiniBatchTrainer trainer = new MiniBatchTrainer(windows, network.parameters(), network.manager(),
          new MiniBatchTrainer.Settings(hps.getDouble("learning_rate"), CLIP, params.patience().orElse(0), seed,
              "train:loss"), options);
      TrainingLoop.Result result = TrainingLoop.run(new TrainingLoop.Settings(algorithm(), hps,
          Schema.of(shape.pointInputs() + shape.staticInputs(), 0), hps.getInt("epochs"), CHECKPOINT, 1, 1),
          trainer, options);
      trainer.keepBest();
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("train:final_loss", trainer.bestLoss());
      DeepArModel model = new DeepArModel(params, shape, network.parameters().values(), new ModelCard(algorithm(),
          hps.toSageMaker(), metrics, SagemillVersion.get()));
      Optional<RecordSource<SeriesBatch>> test = options.channel(TEST, SeriesBatch.class);
      if (test.isPresent()) {
        metrics.putAll(evaluate(model, network, read(test.get()), shape));
        model = model.withCard(new ModelCard(algorithm(), hps.toSageMaker(), metrics, SagemillVersion.get()));
      }
      TrainingLoop.end(options, result, metrics);
      return model;
    } finally {
      network.close();
    }
  }

  private Map<String, Double> evaluate(DeepArModel model, DeepArNetwork network, List<Named> test,
      SeriesShape shape) {
    int horizon = params.predictionLength();
    List<PreparedSeries> history = new ArrayList<>(test.size());
    List<double[]> actual = new ArrayList<>(test.size());
    for (Named r : test) {
      TimeSeries t = r.series();
      double[] y = t.target();
      if (y.length <= horizon) {
        throw new InvalidDataException(r.where() + ": a test series needs more than prediction_length = " + horizon
            + " values (the last " + horizon + " are scored), got " + y.length);
      }
      double[] head = java.util.Arrays.copyOf(y, y.length - horizon);
      double[][] dyn = t.dynamicFeat();
      history.add(PreparedSeries.of(new TimeSeries(t.start(), head, t.cat(), dyn), r.where(), shape, horizon));
      actual.add(java.util.Arrays.copyOfRange(y, y.length - horizon, y.length));
    }
    double[] levels = params.testQuantiles();
    ForecastScores scores = new ForecastScores(levels);
    double[][][] paths = model.forecaster(network).sample(history, params.values().getInt("num_eval_samples"));
    for (int i = 0; i < paths.length; i++) {
      SampleSummary summary = new SampleSummary(paths[i]);
      double[][] q = new double[levels.length][];
      for (int k = 0; k < levels.length; k++) {
        q[k] = summary.quantile(levels[k]);
      }
      scores.add(actual.get(i), summary.mean(), q);
    }
    return scores.metrics("test:");
  }

  /** A series and where it was read. */
  record Named(TimeSeries series, String where) {}

  static List<Named> read(RecordSource<SeriesBatch> source) throws IOException {
    List<Named> out = new ArrayList<>();
    try (RecordStream<SeriesBatch> s = source.open(256)) {
      for (Optional<SeriesBatch> b = s.next(); b.isPresent(); b = s.next()) {
        SeriesBatch batch = b.get();
        for (int i = 0; i < batch.series().size(); i++) {
          out.add(new Named(batch.series().get(i), batch.origin() + ", line " + (batch.firstRecord() + i)));
        }
      }
    }
    return out;
  }

  private SeriesShape shape(List<Named> series) {
    DeepArParams.Cardinality given = params.cardinality();
    int[] card;
    if (given.ignore()) {
      card = new int[0];
    } else if (given.auto()) {
      int n = series.get(0).series().cat().length;
      card = new int[n];
      for (Named s : series) {
        int[] c = s.series().cat();
        if (c.length != n) {
          throw new InvalidDataException(s.where() + ": \"cat\" has " + c.length + " values where the first series "
              + "(" + series.get(0).where() + ") has " + n + "; every series needs the same categorical features");
        }
        for (int i = 0; i < n; i++) {
          card[i] = Math.max(card[i], c[i] + 1);
        }
      }
    } else {
      card = given.given();
    }
    int dyn = params.dynamicFeatures();
    if (dyn == -1) {
      dyn = series.get(0).series().dynamicFeat().length;
    } else if (dyn == -2) {
      dyn = 0;
    }
    TimeFrequency f = params.frequency();
    return new SeriesShape(f, params.likelihood(), f.lags(), card, dyn,
        params.values().getInt("embedding_dimension"));
  }
}

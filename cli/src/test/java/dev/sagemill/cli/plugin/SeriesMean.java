package dev.sagemill.cli.plugin;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.data.TimeSeries;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A time-series algorithm that exists only in the CLI's tests: {@code series-mean} trains on DeepAR's JSON Lines
 * (records of type {@link SeriesBatch}, not rows) and forecasts each series' last {@code context_length} mean for
 * {@code prediction_length} steps, answering a quantile map as DeepAR does. It proves that records of any shape
 * reach {@code fit} and {@code predict} through the CLI.
 */
public final class SeriesMean {
  /** The algorithm name. */
  public static final String NAME = "series-mean";

  static final ParamSpec SPEC = ParamSpec.builder(NAME)
      .requiredNumber("prediction_length", ParamType.INT, 1, 1000, "Steps to forecast.")
      .number("context_length", ParamType.INT, 1, true, 1000, true, "3", false, "Steps the forecast averages.")
      .build();

  private SeriesMean() {}

  /**
   * The forecast level of one series.
   *
   * @param target the series' values (NaN missing)
   * @param context how many last values to average
   * @return their mean, ignoring NaN
   */
  public static double level(double[] target, int context) {
    double sum = 0;
    int n = 0;
    for (int i = Math.max(0, target.length - context); i < target.length; i++) {
      if (!Double.isNaN(target[i])) {
        sum += target[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Registers the algorithm. */
  public static final class Provider implements AlgorithmProvider {
    @Override
    public String algorithmName() {
      return NAME;
    }

    @Override
    public ParamSpec spec() {
      return SPEC;
    }

    @Override
    public RecordEstimator<?, ?> create(Map<String, String> hyperparameters) {
      return new Estimator(SPEC.parse(hyperparameters));
    }

    @Override
    public List<ChannelSpec> channels() {
      return List.of(new ChannelSpec("train", true, List.of("application/jsonlines"), "series", SeriesBatch.class));
    }
  }

  /** Counts the series and their steps (the model keeps the settings; the forecast needs no fitted state). */
  static final class Estimator implements RecordEstimator<SeriesBatch, SeriesMeanModel> {
    private final Hyperparameters hps;

    Estimator(Hyperparameters hps) {
      this.hps = hps;
    }

    @Override
    public String algorithm() {
      return NAME;
    }

    @Override
    public Hyperparameters hyperparameters() {
      return hps;
    }

    @Override
    public Class<SeriesBatch> batchType() {
      return SeriesBatch.class;
    }

    @Override
    public SeriesMeanModel fit(RecordSource<SeriesBatch> train, FitOptions options) throws IOException {
      long series = 0;
      long steps = 0;
      try (RecordStream<SeriesBatch> s = train.open(100)) {
        for (Optional<SeriesBatch> b = s.next(); b.isPresent(); b = s.next()) {
          for (TimeSeries t : b.get().series()) {
            series++;
            steps += t.length();
          }
        }
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("train:series", (double) series);
      metrics.put("train:steps", (double) steps);
      return new SeriesMeanModel(hps.getInt("prediction_length"), hps.getInt("context_length"),
          new ModelCard(NAME, hps.toSageMaker(), metrics, SagemillVersion.get()));
    }
  }

  /** Forecasts flat lines at each series' recent level. */
  public static final class SeriesMeanModel implements Model {
    private final int predictionLength;
    private final int context;
    private final ModelCard card;

    SeriesMeanModel(int predictionLength, int context, ModelCard card) {
      this.predictionLength = predictionLength;
      this.context = context;
      this.card = card;
    }

    @Override
    public String algorithm() {
      return NAME;
    }

    @Override
    public Schema schema() {
      return Schema.of(1, 0);
    }

    @Override
    public ModelCard card() {
      return card;
    }

    @Override
    public Class<? extends Batch> inputType() {
      return SeriesBatch.class;
    }

    @Override
    public List<Prediction> predictBatch(Batch batch) {
      List<Prediction> out = new ArrayList<>();
      for (TimeSeries t : ((SeriesBatch) batch).series()) {
        double[] line = new double[predictionLength];
        Arrays.fill(line, level(t.target(), context));
        out.add(Prediction.builder().putNested("quantiles", Map.of("0.5", line)).put("mean", line).build());
      }
      return out;
    }
  }

  /** Saves the settings. */
  public static final class Codec extends VersionedCodec<SeriesMeanModel> {
    /** The codec of {@link SeriesMeanModel}. */
    public Codec() {
      super("sagemill.series-mean", 1, 1, SeriesMeanModel.class);
    }

    @Override
    public void write(SeriesMeanModel model, ModelWriter out) {
      out.putInts("lengths", new int[] {model.predictionLength, model.context});
    }

    @Override
    public SeriesMeanModel read(ModelReader in, int version) throws IOException {
      int[] l = in.ints("lengths");
      in.require(l.length == 2, "lengths holds " + l.length + " values");
      return new SeriesMeanModel(l[0], l[1], in.card());
    }
  }
}

package dev.sagemill.cli.plugin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.AnswerFormat;
import dev.sagemill.core.estimator.AnswerWriter;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.io.answer.Answers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An algorithm that exists only in the CLI's test source set, registered through ServiceLoader, to prove that the
 * CLI needs no change for a new algorithm: {@code shrunk-mean} moves an estimate from a prior (the mean label of
 * the optional {@code prior} channel, else 0) towards the mean training label by {@code learning_rate} per epoch,
 * so after n epochs it is {@code mean + (prior − mean)(1 − learning_rate)^n}. It brings its own log lines, answer
 * format ({@code {"answers": [...]}}, with a string and a nested map), a foreign artifact ({@code shrunk-mean.txt})
 * and a channel beyond the three common ones.
 */
public final class ShrunkMean {
  /** The algorithm name. */
  public static final String NAME = "shrunk-mean";
  /** The file name of the foreign artifact. */
  public static final String ARTIFACT = "shrunk-mean.txt";

  static final ParamSpec SPEC = ParamSpec.builder(NAME)
      .number("epochs", ParamType.INT, 1, true, 1000, true, "10", false, "Passes towards the mean.")
      .number("learning_rate", ParamType.DOUBLE, 0, false, 1, true, "0.5", false, "Step towards the mean.")
      .build();

  private ShrunkMean() {}

  /**
   * The estimate after some epochs, in closed form.
   *
   * @param mean the mean training label
   * @param prior the starting point
   * @param learningRate the step
   * @param epochs the epochs
   * @return the estimate
   */
  public static double closedForm(double mean, double prior, double learningRate, int epochs) {
    double m = prior;
    for (int e = 0; e < epochs; e++) {
      m += learningRate * (mean - m);
    }
    return m;
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
    public Estimator<?> create(Map<String, String> hyperparameters) {
      return new ShrunkMeanEstimator(SPEC.parse(hyperparameters));
    }

    @Override
    public Set<String> tuningMetrics() {
      return Set.of("train:mse", "validation:mse");
    }

    @Override
    public Optional<String> resourceHyperparameter() {
      return Optional.of("epochs");
    }

    @Override
    public List<ChannelSpec> channels() {
      List<ChannelSpec> c = new java.util.ArrayList<>(ChannelSpec.SUPERVISED);
      c.add(new ChannelSpec("prior", false, List.of("text/csv"), "rows whose mean label is the starting point"));
      return c;
    }

    @Override
    public MetricLog metricLog() {
      return (iteration, planned, metrics) -> List.of(String.format(Locale.ROOT, "shrunk-mean epoch %d of %d: %s",
          iteration, planned, metrics));
    }

    @Override
    public Optional<AnswerFormat> answerFormat() {
      return Optional.of(new ShrunkMeanAnswers());
    }

    @Override
    public List<ArtifactReader> artifactReaders() {
      return List.of(new ArtifactReader() {
        @Override
        public List<String> fileNames() {
          return List.of(ARTIFACT);
        }

        @Override
        public boolean accepts(Path file, byte[] head) {
          return new String(head, StandardCharsets.US_ASCII).startsWith("shrunk");
        }

        @Override
        public Model read(Path file) throws IOException {
          String[] words = Files.readString(file).trim().split("\\s+");
          if (words.length != 3) {
            throw new CorruptModelException(file + ": expected 'shrunk-mean <estimate> <feature_dim>'");
          }
          try {
            return new ShrunkMeanModel(Double.parseDouble(words[1]), Schema.of(Integer.parseInt(words[2]), 1),
                new ModelCard(NAME, Map.of(), Map.of(), "foreign"));
          } catch (NumberFormatException e) {
            throw new CorruptModelException(file + ": expected numbers after 'shrunk-mean', got " + words[1] + " "
                + words[2]);
          }
        }
      });
    }
  }

  /** Trains the estimate. */
  static final class ShrunkMeanEstimator implements Estimator<ShrunkMeanModel> {
    private final Hyperparameters hps;

    ShrunkMeanEstimator(Hyperparameters hps) {
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
    public ShrunkMeanModel fit(DataSource train, FitOptions options) throws IOException {
      double[] trainStats = meanLabel(train);
      double prior = options.rows("prior").isPresent() ? meanLabel(options.rows("prior").get())[0] : 0;
      double[] validation = options.validation().isPresent() ? meanLabel(options.validation().get()) : null;
      int epochs = hps.getInt("epochs");
      double lr = hps.getDouble("learning_rate");
      options.listeners().forEach(l -> l.onStart(NAME, epochs));
      double m = prior;
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int e = 1; e <= epochs; e++) {
        m += lr * (trainStats[0] - m);
        metrics = new LinkedHashMap<>();
        // E[(y - m)^2] = var(y) + (mean - m)^2
        metrics.put("train:mse", trainStats[1] + (trainStats[0] - m) * (trainStats[0] - m));
        if (validation != null) {
          metrics.put("validation:mse", validation[1] + (validation[0] - m) * (validation[0] - m));
        }
        for (TrainingListener l : options.listeners()) {
          l.onEpoch(e, epochs, metrics);
        }
      }
      Map<String, Double> last = metrics;
      options.listeners().forEach(l -> l.onEnd(epochs, false, last));
      return new ShrunkMeanModel(m, train.schema(), new ModelCard(NAME, hps.toSageMaker(), last,
          SagemillVersion.get()));
    }

    /** {mean, variance} of a channel's labels. */
    private static double[] meanLabel(DataSource source) throws IOException {
      double sum = 0;
      double sq = 0;
      long n = 0;
      try (BatchStream s = source.open(1000)) {
        for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
          for (int r = 0; r < b.get().rows(); r++) {
            double y = b.get().label(r);
            sum += y;
            sq += y * y;
            n++;
          }
        }
      }
      if (n == 0) {
        throw new InvalidDataException(source.description() + " holds no rows");
      }
      double mean = sum / n;
      return new double[] {mean, sq / n - mean * mean};
    }
  }

  /** Answers the estimate for every row. */
  public static final class ShrunkMeanModel implements Model {
    private final double estimate;
    private final Schema schema;
    private final ModelCard card;

    ShrunkMeanModel(double estimate, Schema schema, ModelCard card) {
      this.estimate = estimate;
      this.schema = schema;
      this.card = card;
    }

    /** @return the estimate */
    public double estimate() {
      return estimate;
    }

    @Override
    public String algorithm() {
      return NAME;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public ModelCard card() {
      return card;
    }

    @Override
    public Prediction predict(FeatureVector x) {
      if (x.dim() != schema.featureDim()) {
        throw new InvalidDataException("expected " + schema.featureDim() + " features, got " + x.dim());
      }
      return Prediction.builder().put("score", estimate).put("tag", "plugin")
          .putNested("detail", Map.of("dim", List.of(x.dim()))).build();
    }
  }

  /** Saves the estimate. */
  public static final class Codec extends VersionedCodec<ShrunkMeanModel> {
    /** The codec of {@link ShrunkMeanModel}. */
    public Codec() {
      super("sagemill.shrunk-mean", 1, 1, ShrunkMeanModel.class);
    }

    @Override
    public void write(ShrunkMeanModel model, ModelWriter out) {
      out.putDoubles("estimate", new double[] {model.estimate});
    }

    @Override
    public ShrunkMeanModel read(ModelReader in, int version) throws IOException {
      double[] e = in.doubles("estimate");
      in.require(e.length == 1, "estimate holds " + e.length + " values");
      return new ShrunkMeanModel(e[0], in.schema(), in.card());
    }
  }

  /** {@code {"answers": [...]}} in JSON, the outputs flattened in CSV; nothing else. */
  static final class ShrunkMeanAnswers implements AnswerFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> mediaTypes() {
      return List.of("application/json", "text/csv");
    }

    @Override
    public AnswerWriter open(String mediaType, Map<String, String> parameters, OutputStream out) throws IOException {
      Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      if (mediaType.equals("text/csv")) {
        return new AnswerWriter() {
          @Override
          public void write(List<Prediction> answers) throws IOException {
            for (Prediction p : answers) {
              text.write(Answers.csvLine(p.asMap().values()) + "\n");
            }
          }

          @Override
          public void close() throws IOException {
            text.flush();
          }
        };
      }
      if (!mediaType.equals("application/json")) {
        throw Answers.unsupported(mediaType, mediaTypes());
      }
      JsonGenerator g = JSON.getFactory().createGenerator(text);
      g.writeStartObject();
      g.writeArrayFieldStart("answers");
      return new AnswerWriter() {
        @Override
        public void write(List<Prediction> answers) throws IOException {
          for (Prediction p : answers) {
            g.writeObject(p.asMap());
          }
        }

        @Override
        public void close() throws IOException {
          g.writeEndArray();
          g.writeEndObject();
          g.flush();
        }
      };
    }
  }
}

package dev.sagemill.cli;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.Capability;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.estimator.StreamingModel;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sagemill stream}: answers a stream of rows with a model that learns it as it goes (an algorithm with
 * {@link Capability#STREAMING}, such as Random Cut Forest), as Kinesis' {@code RANDOM_CUT_FOREST} does: each row's
 * answer comes from the model before that row was learned. With {@code --state FILE} the model's whole state is
 * loaded from the file when it exists and saved back when the input ends, so a stream fed in pieces gets the
 * answers of one uninterrupted stream. The answers and the state are each written whole or not at all, so a killed
 * run leaves the previous state, and running the same piece again gives the same answers.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Answer rows in order with a model that learns from each after answering it (Random Cut Forest).")
final class StreamCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCommand.class);

  @Option(names = "--algorithm", paramLabel = "NAME", description = "A streaming algorithm (sagemill algorithms "
      + "NAME lists its stream hyperparameters); optional with an existing --state.")
  String algorithm;

  @Mixin
  HyperparameterOptions hyperparameters = new HyperparameterOptions();

  @Option(names = "--state", paramLabel = "FILE", description = "The model's state: continued when the file "
      + "exists, saved when the input ends.")
  Path state;

  @Mixin
  TransformOptions transform = new TransformOptions();

  private final PrintStream out;

  StreamCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    StreamingModel model = open();
    long before = model.seen();
    transform.run(ModelFiles.answering(new Learning(model), null, transform.acceptType()),
        ModelFiles.answerFormat(model), out);
    if (state != null) {
      ModelIO.save(model, state);
    }
    LOG.info("{}: {} rows answered and learned ({} in all){}", model.algorithm(), model.seen() - before,
        model.seen(), state == null ? "" : "; state saved to " + state);
    return 0;
  }

  /** The state to continue, or a new model of the algorithm's stream hyperparameters. */
  private StreamingModel open() throws IOException {
    if (state != null && Files.exists(state)) {
      Model loaded = ModelIO.load(state);
      if (!(loaded instanceof StreamingModel s)) {
        throw new IllegalArgumentException(state + " holds a " + loaded.algorithm() + " model that does not learn "
            + "from a stream; --state takes a file sagemill stream saved");
      }
      if (algorithm != null && !algorithm.equals(s.algorithm())) {
        throw new IllegalArgumentException("--algorithm " + algorithm + ", but " + state + " holds a "
            + s.algorithm() + " stream");
      }
      Map<String, String> given = hyperparameters.values();
      given.forEach((name, value) -> {
        String saved = s.card().hyperparameters().get(name);
        if (!sameValue(value, saved)) {
          throw new IllegalArgumentException("hyperparameter " + name + "=" + value + " differs from the state's "
              + (saved == null ? "(none)" : saved) + " in " + state + "; a stream continues with the hyperparameters"
              + " it started with");
        }
      });
      LOG.info("{}: continuing the stream in {} after {} rows", s.algorithm(), state, s.seen());
      return s;
    }
    if (algorithm == null) {
      throw new IllegalArgumentException("no algorithm given: pass --algorithm NAME"
          + (state == null ? "" : " (the state file " + state + " does not exist yet)"));
    }
    AlgorithmProvider provider = Algorithms.get(algorithm);
    if (!provider.capabilities().contains(Capability.STREAMING)) {
      throw new IllegalArgumentException(algorithm + " does not learn from a stream; streaming algorithms: "
          + Algorithms.names().stream().filter(n -> Algorithms.get(n).capabilities().contains(Capability.STREAMING))
              .toList());
    }
    return provider.stream(hyperparameters.values()).orElseThrow(() -> new IllegalStateException(algorithm
        + " declares STREAMING but gives no stream"));
  }

  /** Equal as written, or as numbers ("1e-3" and "0.001"). */
  private static boolean sameValue(String given, String saved) {
    if (saved == null) {
      return false;
    }
    if (given.equals(saved)) {
      return true;
    }
    try {
      return Double.parseDouble(given) == Double.parseDouble(saved);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The streaming model as batch transform sees it: answering a batch answers and learns it. A single row (a JSON
   * request's instance) is learned too, in its turn.
   */
  private static final class Learning implements Model {
    private final StreamingModel stream;

    Learning(StreamingModel stream) {
      this.stream = stream;
    }

    @Override
    public List<Prediction> predict(RowBatch batch) {
      return stream.answerThenLearn(batch);
    }

    @Override
    public Prediction predict(FeatureVector x) {
      RowBatch.Builder b = RowBatch.builder(x.dim(), 0, false).origin("request", 1);
      b.addDense(x.toDense(), 0, null, 1f);
      return stream.answerThenLearn(b.build()).get(0);
    }

    @Override
    public String algorithm() {
      return stream.algorithm();
    }

    @Override
    public Schema schema() {
      return stream.schema();
    }

    @Override
    public ModelCard card() {
      return stream.card();
    }
  }
}

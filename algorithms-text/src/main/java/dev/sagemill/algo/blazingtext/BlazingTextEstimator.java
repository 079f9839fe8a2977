package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.InMemoryText;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.data.RecordStream;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.train.EarlyStopping;
import dev.sagemill.core.train.ThreadBudget;
import dev.sagemill.core.train.TrainingLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains BlazingText on a {@code text/plain} train channel: one pre-tokenised sentence per line; for
 * {@code supervised}, lines carrying {@code __label__X} tokens (several allowed). The channel is read twice: once to
 * count the vocabulary, once to encode the lines ({@link Corpus}); then the epochs run on all threads ({@link
 * Trainer}) under the shared training loop (progress, checkpoints, cancellation). Each epoch reports
 * {@code train:loss} and {@code train:words_per_second_per_thread}; a classifier with a {@code validation} channel
 * also reports {@code validation:accuracy} (the share of lines whose best label is one of theirs) and may stop
 * early on it; a word2vec model ends with {@code train:mean_rho} on WordSim-353 when {@code evaluation} is on.
 *
 * <p>Thread-safe: each fit is independent.
 */
public final class BlazingTextEstimator implements RecordEstimator<TextBatch, BlazingTextModel> {
  private static final Logger LOG = LoggerFactory.getLogger(BlazingTextEstimator.class);
  private static final int READ_BATCH = 4096;

  private final BlazingTextParams params;

  /**
   * @param params validated hyperparameters
   */
  public BlazingTextEstimator(BlazingTextParams params) {
    this.params = params;
  }

  @Override
  public String algorithm() {
    return BlazingTextParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public Class<TextBatch> batchType() {
    return TextBatch.class;
  }

  @Override
  public BlazingTextModel fit(RecordSource<TextBatch> train, FitOptions options) throws IOException {
    FastTextArgs args = params.fastTextArgs();
    String where = train.description();
    TokenCounter counter = new TokenCounter();
    long[] lines = {0};
    forEachLine(train, line -> {
      lines[0]++;
      Tokenizer.tokens(line, counter::add);
    });
    if (counter.tokens() == lines[0]) {
      throw new InvalidDataException("the train channel " + where + " has no tokens (" + lines[0]
          + " empty lines)");
    }
    Dictionary dict = Dictionary.build(counter, args.minCount(), 1, args.minn(), args.maxn(), args.bucket());
    if (dict.nwords() <= 1) {
      long most = 0;
      for (int i = 0; i < counter.size(); i++) {
        if (!Dictionary.isLabel(counter.token(i)) && !counter.token(i).equals(Dictionary.EOS)) {
          most = Math.max(most, counter.count(i));
        }
      }
      throw new InvalidDataException("the vocabulary of " + where + " is empty after min_count = "
          + args.minCount() + ": its most frequent word occurs " + most + " times; lower min_count");
    }
    if (args.supervised() && dict.nlabels() == 0) {
      throw new InvalidDataException("mode supervised needs __label__ tokens, and no line of " + where
          + " has one");
    }
    Corpus.Builder cb = new Corpus.Builder(dict, args.supervised(), args.wordNgrams());
    forEachLine(train, cb::add);
    Corpus corpus = cb.build();
    Map<String, Double> finalMetrics = new LinkedHashMap<>();
    if (args.supervised() && corpus.unlabeled() > 0) {
      LOG.warn("{} of {} lines of {} have no __label__ token and were not trained on", corpus.unlabeled(),
          lines[0], where);
      finalMetrics.put("train:unlabeled_lines", (double) corpus.unlabeled());
    }
    LOG.info("{}: {} words, {} labels, {} tokens, {} lines", where, dict.nwords(), dict.nlabels(), dict.ntokens(),
        corpus.lines());
    Optional<RecordSource<TextBatch>> validation = args.supervised()
        ? options.channel("validation", TextBatch.class) : Optional.empty();
    int threads = ThreadBudget.threads(options);
    Trainer trainer = new Trainer(args, dict, corpus, params.learningRate(), threads, params.seed(),
        params.mode() == BlazingTextParams.Mode.BATCH_SKIPGRAM, params.batchSize());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "blazingtext-train");
      t.setDaemon(true);
      return t;
    });
    try {
      Job job = new Job(trainer, pool, validation.orElse(null));
      TrainingLoop.Settings settings = new TrainingLoop.Settings(algorithm(), params.values(),
          Schema.of(args.dim(), 0), params.epochs(), "sagemill.blazingtext.checkpoint", 1, 1);
      TrainingLoop.Result result = TrainingLoop.run(settings, job, options);
      FastTextModel model = trainer.model();
      if (job.lastLoss != null) {
        finalMetrics.put("train:loss", job.lastLoss);
      }
      if (job.lastAccuracy != null) {
        finalMetrics.put("validation:accuracy", job.lastAccuracy);
      }
      if (!args.supervised() && params.evaluation()) {
        WordSimilarity.Result ws = WordSimilarity.wordSim353().evaluate(model);
        LOG.info("WordSim-353: rho {} over {} of {} pairs", ws.rho(), ws.scored(), ws.total());
        finalMetrics.put("train:mean_rho", ws.rho());
        finalMetrics.put("train:ws353_pairs_scored", (double) ws.scored());
      }
      TrainingLoop.end(options, result, finalMetrics);
      return new BlazingTextModel(model, new ModelCard(algorithm(), params.values().toSageMaker(), finalMetrics,
          SagemillVersion.get()), 1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Trains on lines held in memory, with default options (all cores).
   *
   * @param lines the training lines
   * @return the model
   * @throws dev.sagemill.core.error.InvalidDataException if the lines cannot be trained on, saying why
   */
  public BlazingTextModel fit(List<String> lines) {
    try {
      return fit(InMemoryText.of(lines), FitOptions.defaults());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // in-memory lines are not read from files
    }
  }

  private static void forEachLine(RecordSource<TextBatch> source, Consumer<String> sink) throws IOException {
    try (RecordStream<TextBatch> s = source.open(READ_BATCH)) {
      for (Optional<TextBatch> b = s.next(); b.isPresent(); b = s.next()) {
        b.get().lines().forEach(sink);
      }
    }
  }

  /**
   * The share of a channel's labelled lines whose best label is one of the line's labels (fastText's P@1).
   *
   * @param model a classifier
   * @param channel labelled lines
   * @return the accuracy; NaN when no line has a label
   * @throws IOException if reading fails
   */
  static double accuracy(FastTextModel model, RecordSource<TextBatch> channel) throws IOException {
    long[] counts = new long[2];
    forEachLine(channel, line -> {
      List<String> labels = new java.util.ArrayList<>();
      Tokenizer.tokens(line, t -> {
        if (Dictionary.isLabel(t)) {
          labels.add(t);
        }
      });
      if (labels.isEmpty()) {
        return;
      }
      counts[1]++;
      List<FastTextModel.Scored> best = model.predict(line, 1, 0f);
      if (!best.isEmpty() && labels.contains(best.get(0).label())) {
        counts[0]++;
      }
    });
    return counts[1] == 0 ? Double.NaN : (double) counts[0] / counts[1];
  }

  /** The training loop's view of a fit. */
  private final class Job implements TrainingLoop.Job {
    private final Trainer trainer;
    private final ExecutorService pool;
    private final RecordSource<TextBatch> validation;
    private final EarlyStopping stopping;
    private Double lastAccuracy;
    private Double lastLoss;

    Job(Trainer trainer, ExecutorService pool, RecordSource<TextBatch> validation) {
      this.trainer = trainer;
      this.pool = pool;
      this.validation = validation;
      this.stopping = validation != null && params.earlyStopping()
          ? new EarlyStopping(true, params.patience(), 0) : null;
    }

    @Override
    public Map<String, Double> iterate(int epoch) throws IOException {
      double[] r;
      try {
        r = trainer.epoch(epoch, pool);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("training interrupted", e);
      }
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("train:loss", r[0]);
      lastLoss = r[0];
      m.put("train:words_per_second_per_thread", r[1]);
      if (validation != null) {
        lastAccuracy = accuracy(trainer.model(), validation);
        m.put("validation:accuracy", lastAccuracy);
        if (stopping != null && epoch >= params.minEpochs()) {
          stopping.offer(epoch, lastAccuracy);
        }
      }
      return m;
    }

    @Override
    public boolean converged() {
      return stopping != null && stopping.stopped();
    }

    @Override
    public void save(ModelWriter out) {
      OutputLoss.State[] states = trainer.states();
      long[] rng = new long[states.length];
      int[] cursors = new int[states.length];
      double[] losses = new double[states.length];
      long[] examples = new long[states.length];
      for (int t = 0; t < states.length; t++) {
        rng[t] = states[t].rng.state();
        cursors[t] = states[t].negatives == null ? 0 : states[t].negatives.position();
        losses[t] = states[t].lossSum;
        examples[t] = states[t].examples;
      }
      out.putFloats("input", trainer.input());
      out.putFloats("output", trainer.output());
      out.putBytes("longs", longs(trainer.tokenCount(), rng, examples));
      out.putInts("cursors", cursors);
      out.putDoubles("losses", losses);
      if (stopping != null) {
        out.putDoubles("stopping", stopping.state());
      }
      out.putDoubles("last", new double[] {orNaN(lastLoss), orNaN(lastAccuracy)});
    }

    private static double orNaN(Double v) {
      return v == null ? Double.NaN : v;
    }

    @Override
    public void restore(ModelReader in) throws IOException {
      int n = trainer.threads();
      ByteBuffer b = ByteBuffer.wrap(in.bytes("longs"));
      in.require(b.capacity() == 8 * (1 + 2 * n), "the checkpoint was written with another thread count; resume "
          + "with the same threads");
      long tokens = b.getLong();
      long[] rng = new long[n];
      long[] examples = new long[n];
      for (int t = 0; t < n; t++) {
        rng[t] = b.getLong();
      }
      for (int t = 0; t < n; t++) {
        examples[t] = b.getLong();
      }
      try {
        trainer.restore(in.floats("input"), in.floats("output"), tokens, rng, in.ints("cursors"),
            in.doubles("losses"), examples);
      } catch (IllegalArgumentException e) {
        throw new dev.sagemill.core.io.CorruptModelException("checkpoint: " + e.getMessage());
      }
      if (stopping != null && in.has("stopping")) {
        stopping.restore(in.doubles("stopping"));
      }
      double[] last = in.doubles("last");
      in.require(last.length == 2, "last holds " + last.length + " values");
      lastLoss = Double.isNaN(last[0]) ? null : last[0];
      lastAccuracy = Double.isNaN(last[1]) ? null : last[1];
    }

    private byte[] longs(long first, long[] a, long[] b) {
      ByteBuffer buf = ByteBuffer.allocate(8 * (1 + a.length + b.length));
      buf.putLong(first);
      for (long v : a) {
        buf.putLong(v);
      }
      for (long v : b) {
        buf.putLong(v);
      }
      return buf.array();
    }
  }
}

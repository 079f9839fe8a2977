package dev.sagemill.algo.lda;

import dev.sagemill.core.SagemillVersion;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.param.Hyperparameters;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains SageMaker's LDA by the spectral method ({@link SpectralLda}: 4 + {@code subspace_iterations} streamed passes
 * over documents of word counts, memory independent of their number) and scores the test channel as
 * {@code test:pwll}, the per-word log-likelihood: the documents' variational lower bounds on log p(document) summed
 * and divided by their words. Topic probabilities are floored at 1e-10 and renormalised, so no held-out word has
 * probability 0. With {@code refinement_passes} (a sagemill addition) that many passes of variational EM start from
 * the spectral topics (each pass: every document's E-step, then topics ∝ expected counts + 1/num_topics, the
 * topic-word pseudo-count scikit-learn uses by default, so a word the training documents lack keeps a sensible
 * probability; α stays the spectral estimate). Documents of fewer than 3 words cannot enter the moments: they are
 * counted ({@code train:skipped_documents}) and logged.
 *
 * <p>Immutable and thread-safe: fits share nothing.
 */
public final class LdaEstimator implements Estimator<LdaModel> {
  private static final Logger LOG = LoggerFactory.getLogger(LdaEstimator.class);
  private static final double FLOOR = 1e-10;

  /** The channel of the vocabulary, one word per line (SageMaker NTM's name for its {@code vocab.txt}). */
  public static final String AUXILIARY = "auxiliary";

  private final LdaParams params;

  /**
   * @param params validated hyperparameters
   */
  public LdaEstimator(LdaParams params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  @Override
  public String algorithm() {
    return LdaParams.ALGORITHM;
  }

  @Override
  public Hyperparameters hyperparameters() {
    return params.values();
  }

  @Override
  public LdaModel fit(DataSource train, FitOptions options) throws IOException {
    Objects.requireNonNull(train, "train");
    int vocab = params.featureDim();
    Schema schema = train.schema();
    if (schema.featureDim() > vocab) {
      throw new InvalidDataException("lda: feature_dim is " + vocab + " but the training channel "
          + train.description() + " has " + schema.featureDim() + " word columns");
    }
    int batchRows = params.values().getInt("mini_batch_size");
    List<String> words = vocabulary(options, vocab); // read first: a wrong vocabulary fails before the passes
    List<TrainingListener> listeners = options.listeners();
    int refinements = params.values().getInt("refinement_passes");
    SpectralLda spectral = params.estimator();
    int spectralPasses = spectral.passes();
    int passes = spectralPasses + refinements;
    listeners.forEach(l -> l.onStart(LdaParams.ALGORITHM, passes));
    long started = System.nanoTime();
    SpectralLda.Estimate e = spectral.fit(train, batchRows, (pass, documents) -> listeners.forEach(
        l -> l.onEpoch(pass, passes, Map.of("train:documents", (double) documents))));
    int k = params.numTopics();
    double[] topics = e.topics();
    for (int t = 0; t < k; t++) {
      double sum = 0;
      for (int i = 0; i < vocab; i++) {
        topics[t * vocab + i] += FLOOR;
        sum += topics[t * vocab + i];
      }
      for (int i = 0; i < vocab; i++) {
        topics[t * vocab + i] /= sum;
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train:documents", (double) e.documents());
    metrics.put("train:skipped_documents", (double) e.skipped());
    if (e.skipped() > 0) {
      LOG.warn("lda: {} documents of {} have fewer than 3 words and were left out of the moments", e.skipped(),
          train.description());
    }
    Schema modelSchema = Schema.of(vocab, 0).withIndexBaseOf(schema);
    LdaModel draft = new LdaModel(topics, e.alpha(), modelSchema, card(metrics));
    int threads = dev.sagemill.core.train.ThreadBudget.threads(options);
    try (dev.sagemill.core.train.TaskPool pool = new dev.sagemill.core.train.TaskPool(threads, "sagemill-lda")) {
      for (int r = 1; r <= refinements; r++) {
        draft = draft.refined(train, batchRows, 1.0 / k, card(metrics), pool, threads);
        int pass = spectralPasses + r;
        listeners.forEach(l -> l.onEpoch(pass, passes, Map.of("train:documents", (double) e.documents())));
      }
    }
    if (options.test().isPresent()) {
      metrics.put("test:pwll", draft.perWordLogLikelihood(options.test().get(), batchRows));
    }
    LOG.info("lda: {} topics of {} words from {} documents in {} ms; alpha sums to {}", k, vocab, e.documents(),
        (System.nanoTime() - started) / 1_000_000, java.util.Arrays.stream(draft.alphaView()).sum());
    listeners.forEach(l -> l.onEnd(passes, false, metrics));
    return new LdaModel(draft.topics(), draft.alphaView(), words, modelSchema, card(metrics));
  }

  /**
   * The vocabulary of the {@code auxiliary} channel, as SageMaker NTM's {@code vocab.txt}: one word per line, line i
   * naming word id i−1 (the first column).
   *
   * @return the words, or empty when the channel is absent
   * @throws InvalidDataException naming the file and line when it holds an empty line or not {@code feature_dim}
   *     words
   */
  private static List<String> vocabulary(FitOptions options, int vocab) throws IOException {
    java.util.Optional<dev.sagemill.core.data.RecordSource<dev.sagemill.core.data.TextBatch>> channel =
        options.channel(AUXILIARY, dev.sagemill.core.data.TextBatch.class);
    if (channel.isEmpty()) {
      return List.of();
    }
    List<String> words = new java.util.ArrayList<>();
    try (dev.sagemill.core.data.RecordStream<dev.sagemill.core.data.TextBatch> s = channel.get().open(10_000)) {
      for (var b = s.next(); b.isPresent(); b = s.next()) {
        dev.sagemill.core.data.TextBatch lines = b.get();
        for (int i = 0; i < lines.size(); i++) {
          String word = lines.lines().get(i).strip();
          if (word.isEmpty()) {
            throw new InvalidDataException(lines.origin(), "line", lines.firstRecord() + i, "the vocabulary has an "
                + "empty line; it needs one word per line, line i naming word id i-1");
          }
          words.add(word);
        }
      }
    }
    if (words.size() != vocab) {
      throw new InvalidDataException("lda: the vocabulary " + channel.get().description() + " has " + words.size()
          + " words, feature_dim is " + vocab);
    }
    return words;
  }

  private ModelCard card(Map<String, Double> metrics) {
    return new ModelCard(LdaParams.ALGORITHM, params.values().toSageMaker(), metrics, SagemillVersion.get());
  }
}

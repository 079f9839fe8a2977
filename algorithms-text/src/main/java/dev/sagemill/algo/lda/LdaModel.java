package dev.sagemill.algo.lda;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * A trained LDA: {@code num_topics} word distributions over the {@code feature_dim} words and the Dirichlet prior α of
 * the topic mixtures. Answers as SageMaker's container: {@code {"topic_mixture": [θ_1, ..., θ_k]}} per document, the
 * posterior mean of the document's topic mixture under mean-field variational inference with the topics fixed (Blei,
 * Ng &amp; Jordan, JMLR 2003, §5.2: γ ← α + Σ_w c_w φ_w, φ_wt ∝ β_tw·exp ψ(γ_t), until γ moves by at most 1e-5 or 100
 * iterations). Immutable and thread-safe.
 */
public final class LdaModel implements Model {
  /** Variational iterations per document at most. */
  private static final int MAX_ITERATIONS = 100;
  /** Mean absolute change of γ below which a document's inference stops. */
  private static final double TOLERANCE = 1e-5;
  /** The same for the E-steps of the refinement, whose expected counts need less precision (gensim stops at 1e-3). */
  private static final double REFINEMENT_TOLERANCE = 1e-3;

  private final int k;
  private final int vocab;
  /** Word-major {@code V × k}: a document's words read their k topic probabilities from one place. */
  private final double[] beta;
  private final double[] logBeta;
  private final double[] alpha;
  /** The word of each column, or empty when training had no vocabulary. */
  private final List<String> vocabulary;
  private final Schema schema;
  private final ModelCard card;

  LdaModel(double[] topics, double[] alpha, Schema schema, ModelCard card) {
    this(topics, alpha, List.of(), schema, card);
  }

  LdaModel(double[] topics, double[] alpha, List<String> vocabulary, Schema schema, ModelCard card) {
    this.k = alpha.length;
    this.vocab = schema.featureDim();
    if (k == 0 || topics.length != (long) k * vocab) {
      throw new IllegalArgumentException("topics hold " + topics.length + " values for " + k + " topics x " + vocab
          + " words");
    }
    for (int t = 0; t < k; t++) {
      if (!(alpha[t] > 0)) {
        throw new IllegalArgumentException("alpha of topic " + t + " is " + alpha[t] + ", must be positive");
      }
    }
    this.beta = new double[topics.length];
    this.logBeta = new double[topics.length];
    for (int t = 0; t < k; t++) {
      for (int w = 0; w < vocab; w++) {
        double p = topics[t * vocab + w];
        if (!(p > 0)) {
          throw new IllegalArgumentException("topic word probability " + p + " of topic " + t + ", word " + w
              + " is not positive");
        }
        beta[w * k + t] = p;
        logBeta[w * k + t] = Math.log(p);
      }
    }
    this.alpha = alpha;
    if (!vocabulary.isEmpty() && vocabulary.size() != vocab) {
      throw new IllegalArgumentException("the vocabulary has " + vocabulary.size() + " words, the topics " + vocab);
    }
    this.vocabulary = List.copyOf(vocabulary);
    this.schema = schema;
    this.card = card;
  }

  /**
   * A model from topics and α learned elsewhere (another LDA library's), to answer or be scored as sagemill's.
   *
   * @param topics {@code k × V} word probabilities, row-major, every value positive, each row summing to 1
   * @param alpha the Dirichlet parameter, {@code k} positive values
   * @param vocab V
   * @return the model
   * @throws IllegalArgumentException if the shapes disagree or a value is not positive
   */
  public static LdaModel of(double[] topics, double[] alpha, int vocab) {
    java.util.Map<String, String> hp = java.util.Map.of("num_topics", Integer.toString(alpha.length), "feature_dim",
        Integer.toString(vocab));
    return new LdaModel(topics.clone(), alpha.clone(), Schema.of(vocab, 0), new ModelCard(LdaParams.ALGORITHM, hp,
        java.util.Map.of(), dev.sagemill.core.SagemillVersion.get()));
  }

  /**
   * The per-word log-likelihood of a channel of documents ({@code test:pwll}): the documents' variational lower
   * bounds on log p(document) with these topics and α, summed and divided by their words (nats per word).
   *
   * @param data the documents
   * @param batchRows rows per read batch
   * @return the pwll, NaN for a channel without words
   * @throws java.io.IOException if reading fails
   */
  public double perWordLogLikelihood(dev.sagemill.core.data.DataSource data, int batchRows)
      throws java.io.IOException {
    double bound = 0;
    double words = 0;
    double[] gamma = new double[k];
    try (dev.sagemill.core.data.BatchStream s = data.open(batchRows)) {
      for (java.util.Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch b = ob.get();
        for (int r = 0; r < b.rows(); r++) {
          Document doc = Document.of(b, r);
          for (int e = doc.from(); e < doc.to(); e++) {
            words += doc.cnt()[e];
          }
          bound += infer(doc.idx(), doc.cnt(), doc.from(), doc.to(), gamma);
        }
      }
    }
    return words == 0 ? Double.NaN : bound / words;
  }

  /**
   * One pass of variational EM from this model (sagemill's optional refinement of the spectral topics): every
   * document's E-step with the topics fixed, then topics proportional to the expected counts (plus {@code floor}).
   * α stays the spectral estimate: re-estimating it from the mean-field posteriors (as gensim and Mallet can) is
   * biased where topics overlap (on a planted 10-topic corpus its sum went from the true 1.0 to 1.39 in 5 passes,
   * while the method of moments is consistent) and moved the held-out likelihood by under 0.03%.
   *
   * @param corpus the training documents
   * @param batchRows rows per read batch
   * @param floor added to every expected count before normalising, so no word gets probability 0
   * @param card the new model's card
   * @param pool the fit's worker threads
   * @param threads their number (documents are split into that many chunks)
   * @return the refined model (α unchanged)
   * @throws java.io.IOException if reading fails
   */
  LdaModel refined(dev.sagemill.core.data.DataSource corpus, int batchRows, double floor, ModelCard card,
      dev.sagemill.core.train.TaskPool pool, int threads) throws java.io.IOException {
    // Each thread sums the expected counts of its own documents; the sums are added in thread order, so the result
    // depends on the thread count but not on scheduling.
    double[][] parts = new double[threads][k * vocab];
    try (dev.sagemill.core.data.BatchStream s = corpus.open(batchRows)) {
      for (java.util.Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch b = ob.get();
        java.util.List<java.util.concurrent.Callable<Void>> tasks = new java.util.ArrayList<>();
        for (int c = 0; c < threads; c++) {
          int from = b.rows() * c / threads;
          int to = b.rows() * (c + 1) / threads;
          double[] part = parts[c];
          tasks.add(() -> {
            double[] gamma = new double[k];
            for (int r = from; r < to; r++) {
              Document doc = Document.of(b, r);
              infer(doc.idx(), doc.cnt(), doc.from(), doc.to(), gamma, part, REFINEMENT_TOLERANCE);
            }
            return null;
          });
        }
        pool.runAll(tasks);
      }
    }
    double[] expected = parts[0];
    for (int c = 1; c < threads; c++) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] += parts[c][i];
      }
    }
    double[] sums = new double[k];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        sums[t] += expected[w * k + t] + floor;
      }
    }
    double[] refinedTopics = new double[k * vocab];
    for (int t = 0; t < k; t++) {
      for (int w = 0; w < vocab; w++) {
        refinedTopics[t * vocab + w] = (expected[w * k + t] + floor) / sums[t];
      }
    }
    return new LdaModel(refinedTopics, alpha, schema, card);
  }

  /** @return num_topics */
  public int numTopics() {
    return k;
  }

  /** @return a copy of the topics, {@code num_topics × feature_dim} row-major, each row summing to 1 */
  public double[] topics() {
    double[] topics = new double[beta.length];
    for (int w = 0; w < vocab; w++) {
      for (int t = 0; t < k; t++) {
        topics[t * vocab + w] = beta[w * k + t];
      }
    }
    return topics;
  }

  /** @return a copy of the Dirichlet parameter α, one value per topic */
  public double[] alpha() {
    return alpha.clone();
  }

  double[] alphaView() {
    return alpha;
  }

  /** @return the word of each column (from training's {@code auxiliary} channel), or empty when there was none */
  public java.util.Optional<List<String>> vocabulary() {
    return vocabulary.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(vocabulary);
  }

  /**
   * The most probable words of each topic.
   *
   * @param n words per topic (at most {@code feature_dim})
   * @return per topic, the column ids of its {@code n} most probable words, most probable first (ties: lower id)
   * @throws IllegalArgumentException if n is not positive
   */
  public int[][] topWordIds(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    int m = Math.min(n, vocab);
    int[][] top = new int[k][];
    for (int t = 0; t < k; t++) {
      int topic = t;
      top[t] = java.util.stream.IntStream.range(0, vocab).boxed().sorted((a, b) -> {
        int c = Double.compare(beta[b * k + topic], beta[a * k + topic]);
        return c != 0 ? c : Integer.compare(a, b);
      }).limit(m).mapToInt(Integer::intValue).toArray();
    }
    return top;
  }

  /**
   * The most probable words of each topic, spelled with a vocabulary.
   *
   * @param words the word of each column ({@code feature_dim} of them), e.g. the lines of SageMaker NTM's
   *     {@code vocab.txt}
   * @param n words per topic
   * @return per topic, its {@code n} most probable words, most probable first
   * @throws IllegalArgumentException if the vocabulary's size is not {@code feature_dim}, or n is not positive
   */
  public List<List<String>> topWords(List<String> words, int n) {
    if (words.size() != vocab) {
      throw new IllegalArgumentException("the vocabulary has " + words.size() + " words, the model " + vocab);
    }
    List<List<String>> out = new ArrayList<>(k);
    for (int[] ids : topWordIds(n)) {
      out.add(java.util.Arrays.stream(ids).mapToObj(words::get).toList());
    }
    return out;
  }

  /**
   * The most probable words of each topic, spelled with the vocabulary the model was trained with.
   *
   * @param n words per topic
   * @return per topic, its {@code n} most probable words, most probable first
   * @throws IllegalStateException if training had no vocabulary
   */
  public List<List<String>> topWords(int n) {
    return topWords(vocabulary().orElseThrow(() -> new IllegalStateException("lda: this model was trained without "
        + "a vocabulary (the auxiliary channel); use topWords(words, n) or topWordIds(n)")), n);
  }

  @Override
  public String algorithm() {
    return LdaParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public ModelCard card() {
    return card;
  }

  /**
   * Variational inference of one document: γ, then optionally the document's evidence lower bound.
   *
   * @param idx word ids (null: dense, the entry index is the word)
   * @param cnt counts
   * @param from first entry
   * @param to end entry
   * @param gamma receives γ ({@code num_topics} values)
   * @return the evidence lower bound of log p(document) (nats)
   */
  double infer(int[] idx, float[] cnt, int from, int to, double[] gamma) {
    return infer(idx, cnt, from, to, gamma, null, TOLERANCE);
  }

  /**
   * Variational inference of one document, adding its expected topic-word counts {@code c_w·φ_wt} to
   * {@code expected} (word-major {@code V × k}) when that is not null: the E-step of variational EM. The E-step needs
   * no bound, so it is computed only when {@code expected} is null.
   *
   * @param idx word ids (null: dense)
   * @param cnt counts
   * @param from first entry
   * @param to end entry
   * @param gamma receives γ
   * @param expected the sums to add to, or null
   * @param tolerance mean absolute change of γ below which the iterations stop
   * @return the evidence lower bound of log p(document), NaN when {@code expected} is given
   */
  double infer(int[] idx, float[] cnt, int from, int to, double[] gamma, double[] expected, double tolerance) {
    double total = 0;
    for (int e = from; e < to; e++) {
      total += cnt[e];
    }
    for (int t = 0; t < k; t++) {
      gamma[t] = alpha[t] + total / k;
    }
    // φ_wt = β_wt·exp ψ(γ_t)/norm_w is never stored: γ_t = α_t + exp ψ(γ_t)·Σ_w (c_w/norm_w)·β_wt needs only the
    // norms (gensim's arrangement), and the last iteration's φ is rebuilt once from its exp ψ(γ) for the counts and
    // the bound.
    double[] expPsi = new double[k];
    double[] acc = new double[k];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      for (int t = 0; t < k; t++) {
        expPsi[t] = Math.exp(digamma(gamma[t]));
        acc[t] = 0;
      }
      for (int e = from; e < to; e++) {
        double c = cnt[e];
        if (c == 0) {
          continue;
        }
        int b = (idx == null ? e - from : idx[e]) * k;
        double f = c / phiNorm(b, expPsi);
        for (int t = 0; t < k; t++) {
          acc[t] += f * beta[b + t];
        }
      }
      double change = 0;
      for (int t = 0; t < k; t++) {
        double g = alpha[t] + expPsi[t] * acc[t];
        change += Math.abs(g - gamma[t]);
        gamma[t] = g;
      }
      if (change / k < tolerance) {
        break;
      }
    }
    if (expected != null) {
      for (int e = from; e < to; e++) {
        double c = cnt[e];
        if (c != 0) {
          int b = (idx == null ? e - from : idx[e]) * k;
          double f = c / phiNorm(b, expPsi);
          for (int t = 0; t < k; t++) {
            expected[b + t] += f * beta[b + t] * expPsi[t];
          }
        }
      }
      return Double.NaN;
    }
    // The bound: E[log p(θ|α)] + Σ E[log p(z|θ)] + Σ E[log p(w|z)] − E[log q(θ)] − E[log q(z)].
    double gammaSum = 0;
    double alphaSum = 0;
    for (int t = 0; t < k; t++) {
      gammaSum += gamma[t];
      alphaSum += alpha[t];
    }
    double psiSum = digamma(gammaSum);
    double bound = Gamma.logGamma(alphaSum) - Gamma.logGamma(gammaSum);
    double[] elog = new double[k];
    for (int t = 0; t < k; t++) {
      elog[t] = digamma(gamma[t]) - psiSum;
      bound += -Gamma.logGamma(alpha[t]) + Gamma.logGamma(gamma[t]) + (alpha[t] - gamma[t]) * elog[t];
    }
    for (int e = from; e < to; e++) {
      double c = cnt[e];
      if (c == 0) {
        continue;
      }
      int b = (idx == null ? e - from : idx[e]) * k;
      double inv = 1 / phiNorm(b, expPsi);
      for (int t = 0; t < k; t++) {
        double p = beta[b + t] * expPsi[t] * inv;
        if (p > 0) {
          bound += c * p * (elog[t] + logBeta[b + t] - Math.log(p));
        }
      }
    }
    return bound;
  }

  /** Σ_t β_wt·exp ψ(γ_t) for the word whose topic probabilities start at {@code b}. */
  private double phiNorm(int b, double[] expPsi) {
    double norm = 0;
    for (int t = 0; t < k; t++) {
      norm += beta[b + t] * expPsi[t];
    }
    return norm;
  }

  /**
   * The digamma function ψ(x) for x &gt; 0, to about 1e-15: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the
   * asymptotic series to the x⁻¹² term. Commons Math's {@link Gamma#digamma} recurses to x ≥ 49, and inference calls
   * ψ k times per iteration of every document, where it was a quarter of the time.
   */
  static double digamma(double x) {
    double shift = 0;
    while (x < 10) {
      shift -= 1 / x;
      x += 1;
    }
    double inv = 1 / (x * x);
    return shift + Math.log(x) - 0.5 / x - inv * (1.0 / 12 - inv * (1.0 / 120 - inv * (1.0 / 252 - inv * (1.0 / 240
        - inv * (1.0 / 132 - inv * 691.0 / 32760)))));
  }

  private Prediction answer(double[] gamma) {
    double sum = 0;
    for (double g : gamma) {
      sum += g;
    }
    double[] mixture = new double[k];
    for (int t = 0; t < k; t++) {
      mixture[t] = gamma[t] / sum;
    }
    return Prediction.builder().put("topic_mixture", mixture).build();
  }

  @Override
  public Prediction predict(FeatureVector x) {
    if (x.dim() != vocab) {
      throw new InvalidDataException("lda: the model has " + vocab + " words, the document row has " + x.dim());
    }
    int n = x.storedCount();
    int[] idx = new int[n];
    float[] cnt = new float[n];
    for (int e = 0; e < n; e++) {
      idx[e] = x.storedIndex(e);
      cnt[e] = checkedCount(x.storedValue(e), idx[e], "the document");
    }
    double[] gamma = new double[k];
    infer(idx, cnt, 0, n, gamma);
    return answer(gamma);
  }

  @Override
  public List<Prediction> predict(RowBatch batch) {
    if (batch.featureDim() > vocab || (!batch.isSparse() && batch.featureDim() != vocab)) {
      throw new InvalidDataException(batch.origin() + ": the model has " + vocab + " words, the rows have "
          + batch.featureDim());
    }
    List<Prediction> out = new ArrayList<>(batch.rows());
    double[] gamma = new double[k];
    for (int r = 0; r < batch.rows(); r++) {
      Document doc = Document.of(batch, r);
      infer(doc.idx(), doc.cnt(), doc.from(), doc.to(), gamma);
      out.add(answer(gamma));
    }
    return out;
  }

  static float checkedCount(float c, int word, String where) {
    if (!isCount(c)) {
      throw new InvalidDataException("lda: word " + word + " of " + where + " has count " + c
          + "; counts must be non-negative integers");
    }
    return c;
  }

  /** Whether a value is a word count: a finite non-negative integer. */
  private static boolean isCount(float c) {
    return c >= 0 && c == Math.rint(c) && !Float.isInfinite(c);
  }

  /** One document row of a batch: its entries, checked. */
  record Document(int[] idx, float[] cnt, int from, int to) {
    static Document of(RowBatch b, int r) {
      int[] idx = b.isSparse() ? b.indices() : null;
      float[] cnt = b.isSparse() ? b.sparseValues() : b.denseValues();
      int from = b.isSparse() ? b.rowPointers()[r] : r * b.featureDim();
      int to = b.isSparse() ? b.rowPointers()[r + 1] : from + b.featureDim();
      for (int e = from; e < to; e++) {
        float c = cnt[e];
        if (!isCount(c)) {
          throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r, "word "
              + (idx == null ? e - from : idx[e]) + " has count " + c + "; counts must be non-negative integers");
        }
      }
      return new Document(idx, cnt, from, to);
    }
  }
}

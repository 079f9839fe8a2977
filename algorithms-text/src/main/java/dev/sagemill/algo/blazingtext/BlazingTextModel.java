package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.data.Batch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.ModelCard;
import dev.sagemill.core.estimator.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained BlazingText model. It answers lines of text ({@link TextBatch}): a word2vec model answers each line as
 * one word, with {@code {"word": w, "vector": [...]}} (zeros for an unknown word unless trained with subwords); a
 * classifier answers each line with {@code {"label": ["__label__x", ...], "prob": [...]}}, its {@code k} best labels.
 * {@link #fastText()} gives the underlying model, which saves as fastText's {@code .bin}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BlazingTextModel implements Model {
  private final FastTextModel fastText;
  private final ModelCard card;
  private final int k;

  BlazingTextModel(FastTextModel fastText, ModelCard card, int k) {
    this.fastText = fastText;
    this.card = card;
    this.k = k;
  }

  @Override
  public String algorithm() {
    return BlazingTextParams.ALGORITHM;
  }

  @Override
  public Schema schema() {
    return Schema.of(fastText.args().dim(), 0);
  }

  @Override
  public ModelCard card() {
    return card;
  }

  @Override
  public Class<? extends Batch> inputType() {
    return TextBatch.class;
  }

  /** @return the fastText model: dictionary, matrices, {@code .bin} form */
  public FastTextModel fastText() {
    return fastText;
  }

  /** @return whether this is a classifier */
  public boolean supervised() {
    return fastText.args().supervised();
  }

  /** @return the labels a classifier answers per line */
  public int k() {
    return k;
  }

  /**
   * @param newK labels per line, at least 1
   * @return this model answering {@code newK} labels per line
   */
  public BlazingTextModel withK(int newK) {
    if (newK < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + newK);
    }
    return new BlazingTextModel(fastText, card, newK);
  }

  /**
   * @param word a word
   * @return its vector ({@code vector_dim} floats)
   */
  public float[] wordVector(String word) {
    return fastText.wordVector(word);
  }

  /**
   * @param line a line of text
   * @param count how many labels
   * @return the best labels and their probabilities
   */
  public List<FastTextModel.Scored> predictLabels(String line, int count) {
    return fastText.predict(line, count, 0f);
  }

  @Override
  public List<Prediction> predictBatch(Batch batch) {
    if (!(batch instanceof TextBatch text)) {
      return Model.super.predictBatch(batch);
    }
    List<Prediction> out = new ArrayList<>(text.size());
    for (String line : text.lines()) {
      if (supervised()) {
        List<FastTextModel.Scored> best = fastText.predict(line, k, 0f);
        List<String> labels = new ArrayList<>(best.size());
        List<Double> probs = new ArrayList<>(best.size());
        for (FastTextModel.Scored s : best) {
          labels.add(s.label());
          probs.add(s.probability());
        }
        out.add(Prediction.builder().putNested("label", labels).putNested("prob", probs).build());
      } else {
        String word = line.strip();
        float[] v = fastText.wordVector(word);
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          d[i] = v[i];
        }
        out.add(Prediction.builder().put("word", word).put("vector", d).build());
      }
    }
    return out;
  }
}

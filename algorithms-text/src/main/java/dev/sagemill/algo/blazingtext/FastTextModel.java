package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.embedding.RowMath;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained fastText model: its arguments, dictionary, input matrix (words then n-gram buckets, {@code dim} floats a
 * row) and output matrix (words or labels). Answers word vectors (the mean of the word's rows, so unknown words get
 * a vector from their character n-grams) and, for a classifier, a line's best labels with their probabilities, as
 * the {@code fasttext} tool computes them.
 *
 * <p>Immutable after training and thread-safe: each call uses its own scratch.
 */
public final class FastTextModel {
  private final FastTextArgs args;
  private final Dictionary dict;
  private final float[] input;
  private final float[] output;
  private final OutputLoss loss;

  FastTextModel(FastTextArgs args, Dictionary dict, float[] input, float[] output) {
    this.args = args;
    this.dict = dict;
    this.input = input;
    this.output = output;
    // Only a classifier answers through its output layer; word-vector models need none at inference.
    this.loss = args.supervised() ? Trainer.loss(args, dict, output, 0L) : null;
  }

  /** @return the header arguments */
  public FastTextArgs args() {
    return args;
  }

  /** @return the dictionary */
  public Dictionary dictionary() {
    return dict;
  }

  float[] input() {
    return input;
  }

  float[] output() {
    return output;
  }

  /** @return rows of the output matrix */
  int outputRows() {
    return output.length / args.dim();
  }

  /**
   * A word's vector: the mean of its own row and its character n-grams' rows, zeros when it has none (an unknown
   * word without subwords).
   *
   * @param word the word
   * @return {@code dim} floats
   */
  public float[] wordVector(String word) {
    int dim = args.dim();
    float[] v = new float[dim];
    int[] rows = dict.subwords(word);
    for (int r : rows) {
      RowMath.axpy(1f, input, r * dim, v, 0, dim);
    }
    if (rows.length > 0) {
      float inv = 1f / rows.length;
      for (int i = 0; i < dim; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  /**
   * The input rows of a line as fastText's classifier reads it: every word's rows (n-grams included), the hashed
   * word n-grams, the {@code </s>} that ends it; labels are skipped.
   *
   * @param line one line of text
   * @return the row ids
   */
  int[] encode(String line) {
    IntList rows = new IntList(32);
    IntList hashes = new IntList(16);
    Tokenizer.tokens(line, t -> {
      int id = dict.id(t);
      boolean label = id >= 0 ? dict.type(id) == Dictionary.LABEL : Dictionary.isLabel(t);
      if (!label) {
        rows.addAll(id >= 0 ? dict.subwordsOf(id) : dict.subwords(t));
        hashes.add(Dictionary.hash(t));
      }
    });
    dict.wordNgrams(hashes.array(), hashes.size(), args.wordNgrams(), rows);
    return rows.toArray();
  }

  /**
   * A classifier's best labels for one line.
   *
   * @param line the text
   * @param k how many labels at most
   * @param threshold the least probability
   * @return the labels with their probabilities, best first; empty when the line has no known token
   * @throws IllegalStateException if this is a word-vector model
   */
  public List<Scored> predict(String line, int k, float threshold) {
    if (!args.supervised()) {
      throw new IllegalStateException("a " + (args.model() == FastTextArgs.CBOW ? "cbow" : "skipgram")
          + " model answers word vectors, not labels");
    }
    int[] rows = encode(line);
    List<Scored> out = new ArrayList<>(k);
    if (rows.length == 0) {
      return out;
    }
    OutputLoss.State s = new OutputLoss.State(args.dim(), outputRows(), 0L);
    Trainer.hidden(input, rows, 0, rows.length, args.dim(), s.hidden);
    TopK top = new TopK();
    loss.predict(s, k, threshold, top);
    top.sort();
    for (int i = 0; i < top.size(); i++) {
      out.add(new Scored(dict.label(top.id(i)), Math.exp(top.score(i))));
    }
    return out;
  }

  /**
   * A label and its probability.
   *
   * @param label the label token, {@code __label__} included
   * @param probability its probability as fastText reports it (the softmax output plus 1e-5)
   */
  public record Scored(String label, double probability) {}
}

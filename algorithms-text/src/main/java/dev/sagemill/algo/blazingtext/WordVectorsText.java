package dev.sagemill.algo.blazingtext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The word2vec text format ({@code vectors.txt}, gensim's {@code KeyedVectors.load_word2vec_format(binary=False)},
 * fastText's {@code .vec}): a first line {@code <words> <dim>}, then one line per word, {@code word v1 ... vdim},
 * the vector being fastText's word vector (the mean of the word's and its n-grams' rows). Values are written in
 * Java's shortest exact form, so reading them back gives the same floats.
 */
public final class WordVectorsText {
  private WordVectorsText() {}

  /**
   * @param model the model
   * @param sink where the text goes (not closed)
   * @throws IOException on failure
   */
  public static void write(FastTextModel model, OutputStream sink) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), 1 << 16);
    Dictionary d = model.dictionary();
    w.write(d.nwords() + " " + model.args().dim() + "\n");
    StringBuilder sb = new StringBuilder(model.args().dim() * 12);
    for (int i = 0; i < d.nwords(); i++) {
      sb.setLength(0);
      sb.append(d.entry(i));
      for (float v : model.wordVector(d.entry(i))) {
        sb.append(' ').append(v);
      }
      sb.append('\n');
      w.append(sb);
    }
    w.flush();
  }
}

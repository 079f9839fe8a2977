package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Saves a BlazingText model in the sagemill container: entry {@code fasttext.head} holds the fastText {@code .bin}
 * header and dictionary, {@code input} and {@code output} the two matrices as float32 entries (streamed, so an
 * 800 MB input matrix is not copied), and {@code k} the labels answered per line. Version 1.
 *
 * <p>Thread-safe: stateless.
 */
public final class BlazingTextCodec extends VersionedCodec<BlazingTextModel> {
  /** The codec of {@link BlazingTextModel}. */
  public BlazingTextCodec() {
    super("sagemill.blazingtext", 1, 1, BlazingTextModel.class);
  }

  @Override
  public void write(BlazingTextModel model, ModelWriter out) throws IOException {
    FastTextModel ft = model.fastText();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    FastTextBinary.writeHeader(ft.args(), ft.dictionary(), head);
    out.putBytes("fasttext.head", head.toByteArray());
    out.putFloats("input", ft.input());
    out.putFloats("output", ft.output());
    out.putInts("k", new int[] {model.k()});
  }

  @Override
  public BlazingTextModel read(ModelReader in, int version) throws IOException {
    byte[] head = in.bytes("fasttext.head");
    float[] input = in.floats("input");
    float[] output = in.floats("output");
    int[] k = in.ints("k");
    in.require(k.length == 1 && k[0] >= 1, "k holds " + k.length + " values");
    FastTextBinary.Header h = FastTextBinary.readHeader(new ByteArrayInputStream(head), "fasttext.head");
    FastTextArgs a = h.args();
    long inRows = (long) h.dictionary().nwords() + a.bucket();
    int outRows = a.supervised() ? h.dictionary().nlabels() : h.dictionary().nwords();
    in.require(input.length == inRows * a.dim(), "input holds " + input.length + " floats, expected " + inRows
        + " x " + a.dim());
    in.require(output.length == (long) outRows * a.dim(), "output holds " + output.length + " floats, expected "
        + outRows + " x " + a.dim());
    return new BlazingTextModel(new FastTextModel(a, h.dictionary(), input, output), in.card(), k[0]);
  }
}

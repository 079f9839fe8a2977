package dev.sagemill.algo.lda;

import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link LdaModel}s. Format {@code sagemill.lda}, version 1: {@code topics} (float64,
 * {@code num_topics × feature_dim} row-major) and {@code alpha} (float64, {@code num_topics}).
 */
public final class LdaCodec extends VersionedCodec<LdaModel> {
  /** The codec of {@link LdaModel}. */
  public LdaCodec() {
    super("sagemill.lda", 1, 1, LdaModel.class);
  }

  @Override
  public void write(LdaModel m, ModelWriter out) {
    out.putDoubles("topics", m.topics());
    out.putDoubles("alpha", m.alphaView());
  }

  @Override
  public LdaModel read(ModelReader in, int version) throws IOException {
    double[] topics = in.doubles("topics");
    double[] alpha = in.doubles("alpha");
    int d = in.schema().featureDim();
    in.require(alpha.length > 0 && topics.length == (long) alpha.length * d, "topics hold " + topics.length
        + " values for " + alpha.length + " topics x " + d + " words");
    try {
      return new LdaModel(topics, alpha, in.schema(), in.card());
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(e.getMessage());
    }
  }
}

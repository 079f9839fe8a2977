package dev.sagemill.algo.lda;

import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link LdaModel}s. Format {@code sagemill.lda}, version 2: {@code topics} (float64,
 * {@code num_topics × feature_dim} row-major), {@code alpha} (float64, {@code num_topics}) and, when training had
 * one, {@code vocabulary} (a JSON array of {@code feature_dim} strings). Version 1 (no vocabulary) still loads.
 */
public final class LdaCodec extends VersionedCodec<LdaModel> {
  /** The codec of {@link LdaModel}. */
  public LdaCodec() {
    super("sagemill.lda", 2, 1, LdaModel.class);
  }

  @Override
  public void write(LdaModel m, ModelWriter out) {
    out.putDoubles("topics", m.topics());
    out.putDoubles("alpha", m.alphaView());
    m.vocabulary().ifPresent(words -> {
      com.fasterxml.jackson.databind.node.ArrayNode array = com.fasterxml.jackson.databind.node.JsonNodeFactory
          .instance.arrayNode(words.size());
      words.forEach(array::add);
      out.putJson("vocabulary", array);
    });
  }

  @Override
  public LdaModel read(ModelReader in, int version) throws IOException {
    double[] topics = in.doubles("topics");
    double[] alpha = in.doubles("alpha");
    int d = in.schema().featureDim();
    in.require(alpha.length > 0 && topics.length == (long) alpha.length * d, "topics hold " + topics.length
        + " values for " + alpha.length + " topics x " + d + " words");
    java.util.List<String> words = new java.util.ArrayList<>();
    if (version >= 2 && in.has("vocabulary")) {
      com.fasterxml.jackson.databind.JsonNode array = in.json("vocabulary");
      in.require(array.isArray() && array.size() == d, "vocabulary is not an array of " + d + " words");
      for (com.fasterxml.jackson.databind.JsonNode word : array) {
        in.require(word.isTextual(), "vocabulary holds a non-string " + word);
        words.add(word.asText());
      }
    }
    try {
      return new LdaModel(topics, alpha, words, in.schema(), in.card());
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(e.getMessage());
    }
  }
}

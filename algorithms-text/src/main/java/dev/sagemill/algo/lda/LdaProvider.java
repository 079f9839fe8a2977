package dev.sagemill.algo.lda;

import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.param.ParamSpec;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code lda} with {@link dev.sagemill.core.estimator.Algorithms}: SageMaker's {@code train} and
 * {@code test} channels of word-count rows, and an optional {@code auxiliary} channel holding the vocabulary (one word
 * per line, as SageMaker NTM's {@code vocab.txt}). Training writes {@code topics.txt} beside the model: per topic a
 * tab-separated line of its number, its α and its {@value #TOP_WORDS} most probable words (column ids when there is
 * no vocabulary).
 */
public final class LdaProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return LdaParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return LdaParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new LdaEstimator(LdaParams.parse(hyperparameters));
  }

  /** Words per topic in {@code topics.txt}. */
  public static final int TOP_WORDS = 10;

  @Override
  public List<ChannelSpec> channels() {
    return List.of(ChannelSpec.TRAIN_AND_TEST.get(0), ChannelSpec.TRAIN_AND_TEST.get(1),
        new ChannelSpec(LdaEstimator.AUXILIARY, false, List.of("text/plain"), "the vocabulary: one word per line, "
            + "line i naming word id i-1 (feature_dim lines); the model keeps it for topics.txt and topWords",
            dev.sagemill.core.data.TextBatch.class));
  }

  @Override
  public List<dev.sagemill.core.io.ArtifactWriter> artifactWriters() {
    return List.of(new dev.sagemill.core.io.ArtifactWriter() {
      @Override
      public String fileName() {
        return "topics.txt";
      }

      @Override
      public boolean writes(dev.sagemill.core.estimator.Model model) {
        return model instanceof LdaModel;
      }

      @Override
      public void write(dev.sagemill.core.estimator.Model model, java.io.OutputStream out) throws java.io.IOException {
        LdaModel m = (LdaModel) model;
        double[] alpha = m.alpha();
        int[][] ids = m.topWordIds(TOP_WORDS);
        StringBuilder s = new StringBuilder("topic\talpha\twords, most probable first\n");
        for (int t = 0; t < ids.length; t++) {
          s.append(t).append('\t').append(alpha[t]);
          for (int id : ids[t]) {
            s.append('\t').append(m.vocabulary().map(words -> words.get(id)).orElse(Integer.toString(id)));
          }
          s.append('\n');
        }
        out.write(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    });
  }
}

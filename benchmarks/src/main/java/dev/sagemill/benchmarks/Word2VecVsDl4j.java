package dev.sagemill.benchmarks;

import dev.sagemill.algo.blazingtext.BlazingTextEstimator;
import dev.sagemill.algo.blazingtext.BlazingTextModel;
import dev.sagemill.algo.blazingtext.BlazingTextParams;
import dev.sagemill.algo.blazingtext.WordSimilarity;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.models.embeddings.learning.impl.elements.CBOW;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.BasicLineIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * BlazingText's word2vec against DL4J's {@code Word2Vec} (deeplearning4j-nlp 1.0.0-M2.1, ND4J native CPU backend) on
 * the prepared word2vec corpus that {@link BlazingTextVsFastText} writes, same hyperparameters and threads, in one
 * run: seconds, words/second/thread and the same WordSim-353 and analogy scoring for both.
 *
 * <pre>benchmarks/run.sh -Xmx8g BlazingTextVsFastText --only w2v   # once, to prepare the corpus
 * benchmarks/run.sh -Xmx8g Word2VecVsDl4j [--threads N] [--epochs N]</pre>
 */
public final class Word2VecVsDl4j {
  private Word2VecVsDl4j() {}

  /**
   * @param args {@code --threads N}, {@code --epochs N}
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    int epochs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path corpus = Path.of("benchmarks/target/bench-text/corpus.txt");
    if (!Files.exists(corpus)) {
      throw new IllegalStateException(corpus + " is missing: run BlazingTextVsFastText --only w2v first");
    }
    BlazingTextVsFastText.Analogies analogies = BlazingTextVsFastText.Analogies.read(
        Path.of("../shared/data/word2vec_eval/questions-words.txt"));
    System.out.printf("machine: %d cores, java %s; threads %d; %s; dim 100, window 5, neg 5, min_count 5, t 1e-4, "
        + "lr 0.05, %d epochs%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        threads, corpus, epochs);
    System.out.printf("%-9s %-9s %9s %12s %8s %9s%n", "mode", "tool", "seconds", "words/s/thr", "ws353", "analogy");
    for (String mode : List.of("skipgram", "cbow")) {
      long t0 = System.nanoTime();
      BlazingTextModel ours = new BlazingTextEstimator(BlazingTextParams.parse(Map.of("mode", mode, "epochs",
          Integer.toString(epochs), "evaluation", "false"))).fit(Sources.open(Channel.of(corpus),
          ContentType.parse("text/plain"), TextBatch.class, false), FitOptions.builder().threads(threads).build());
      double oursSec = (System.nanoTime() - t0) / 1e9;
      long tokens = ours.fastText().dictionary().ntokens();
      List<String> ourWords = new ArrayList<>();
      for (int i = 0; i < ours.fastText().dictionary().nwords(); i++) {
        ourWords.add(ours.fastText().dictionary().entry(i));
      }
      print(mode, "sagemill", oursSec, tokens * (double) epochs / oursSec / threads, ourWords, ours::wordVector,
          analogies);

      long t1 = System.nanoTime();
      Word2Vec dl4j = new Word2Vec.Builder().minWordFrequency(5).layerSize(100).windowSize(5).negativeSample(5)
          .useHierarchicSoftmax(false).sampling(1e-4).learningRate(0.05).minLearningRate(1e-4).epochs(epochs)
          .iterations(1).seed(1).workers(threads).iterate(new BasicLineIterator(corpus.toFile()))
          .tokenizerFactory(new DefaultTokenizerFactory())
          .elementsLearningAlgorithm(mode.equals("cbow") ? new CBOW<VocabWord>() : new SkipGram<VocabWord>())
          .build();
      dl4j.fit();
      double dlSec = (System.nanoTime() - t1) / 1e9;
      List<String> dlWords = dl4j.getVocab().vocabWords().stream()
          .sorted(Comparator.comparingDouble(VocabWord::getElementFrequency).reversed()).map(VocabWord::getLabel)
          .toList();
      Function<String, float[]> dlVec = w -> {
        double[] v = dl4j.getWordVector(w);
        float[] f = new float[100];
        if (v != null) {
          for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
          }
        }
        return f;
      };
      print(mode, "DL4J", dlSec, tokens * (double) epochs / dlSec / threads, dlWords, dlVec, analogies);
      System.out.printf("%-9s time ratio DL4J/sagemill = %.2f%n", mode, dlSec / oursSec);
    }
  }

  private static void print(String mode, String tool, double seconds, double wps, List<String> words,
      Function<String, float[]> vectors, BlazingTextVsFastText.Analogies analogies) {
    WordSimilarity.Result ws = WordSimilarity.wordSim353().evaluate(vectors);
    System.out.printf("%-9s %-9s %9.2f %12.0f %8.4f %8.2f%%%n", mode, tool, seconds, wps, ws.rho(),
        100 * analogies.accuracy(words, vectors));
  }
}

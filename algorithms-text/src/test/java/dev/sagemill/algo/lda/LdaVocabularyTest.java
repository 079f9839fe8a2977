package dev.sagemill.algo.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryText;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vocabulary of the {@code auxiliary} channel: top words per topic, kept by the model file, checked on input. */
class LdaVocabularyTest {
  private static List<String> words(int n, String prefix) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(prefix + i);
    }
    return w;
  }

  /** Each planted topic's top words are its own block's, spelled by the vocabulary, and survive a save and load. */
  @Test
  void topWordsComeFromEachTopicsOwnBlockAndAreSaved() throws IOException {
    PlantedLda p = PlantedLda.of(4, 40, 1.0, 1);
    List<String> vocab = words(40, "w");
    LdaModel m = new LdaEstimator(LdaParams.builder(4, 40, 1000).build()).fit(p.corpus(5000, 50, 2),
        FitOptions.builder().channel(LdaEstimator.AUXILIARY, InMemoryText.of(vocab, "vocab.txt")).build());
    assertEquals(vocab, m.vocabulary().orElseThrow());
    int[][] ids = m.topWordIds(5);
    List<List<String>> top = m.topWords(5);
    java.util.Set<Integer> blocks = new java.util.HashSet<>();
    for (int t = 0; t < 4; t++) {
      int block = ids[t][0] / 10;
      for (int i = 0; i < 5; i++) {
        assertEquals(block, ids[t][i] / 10, "topic " + t + " mixes blocks: " + java.util.Arrays.toString(ids[t]));
        assertEquals("w" + ids[t][i], top.get(t).get(i));
        assertTrue(i == 0 || m.topics()[t * 40 + ids[t][i - 1]] >= m.topics()[t * 40 + ids[t][i]], "descending");
      }
      blocks.add(block);
    }
    assertEquals(4, blocks.size(), "every block is some topic's");
    LdaModel back = (LdaModel) ModelIO.fromBytes(ModelIO.toBytes(m), "lda.model");
    assertEquals(vocab, back.vocabulary().orElseThrow());
    assertArrayEquals(m.topics(), back.topics(), 0);
    assertEquals(top, back.topWords(5));
    assertEquals(top, m.topWords(vocab, 5));
  }

  /** Without a vocabulary the model answers ids, and asking for words says how to give one. */
  @Test
  void aModelWithoutVocabularyNamesTheWayToGiveOne() throws IOException {
    PlantedLda p = PlantedLda.of(3, 30, 1.0, 1);
    LdaModel m = new LdaEstimator(LdaParams.builder(3, 30, 1000).build()).fit(p.corpus(2000, 30, 2),
        FitOptions.builder().build());
    assertTrue(m.vocabulary().isEmpty());
    assertEquals(30, m.topWordIds(100)[0].length, "n is capped at feature_dim");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.topWords(3));
    assertTrue(e.getMessage().contains("auxiliary channel"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.topWords(words(29, "w"), 3));
  }

  /** A vocabulary of the wrong size or with an empty line is refused, naming the file, the line and the counts. */
  @Test
  void aWrongVocabularyIsRefusedBeforeTraining() {
    PlantedLda p = PlantedLda.of(3, 30, 1.0, 1);
    LdaEstimator estimator = new LdaEstimator(LdaParams.builder(3, 30, 1000).build());
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> estimator.fit(p.corpus(100, 30, 2),
        FitOptions.builder().channel(LdaEstimator.AUXILIARY, InMemoryText.of(words(29, "w"), "vocab.txt")).build()));
    assertTrue(e.getMessage().contains("vocab.txt") && e.getMessage().contains("has 29 words, feature_dim is 30"),
        e.getMessage());
    List<String> gap = words(30, "w");
    gap.set(7, " ");
    e = assertThrows(InvalidDataException.class, () -> estimator.fit(p.corpus(100, 30, 2),
        FitOptions.builder().channel(LdaEstimator.AUXILIARY, InMemoryText.of(gap, "gap.txt")).build()));
    assertTrue(e.getMessage().contains("gap.txt") && e.getMessage().contains("line 8")
        && e.getMessage().contains("empty line"), e.getMessage());
  }
}

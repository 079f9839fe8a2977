package dev.sagemill.algo.blazingtext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryText;
import dev.sagemill.core.data.TextBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BlazingText learns what generated text says, in every mode and loss, and refuses what it cannot train on. */
class BlazingTextTest {
  private static BlazingTextParams.Builder supervised() {
    return BlazingTextParams.builder(BlazingTextParams.Mode.SUPERVISED).epochs(10).vectorDim(16).buckets(10_000)
        .minCount(1).learningRate(0.5);
  }

  private static BlazingTextModel fit(BlazingTextParams p, List<String> lines, int threads) throws IOException {
    return new BlazingTextEstimator(p).fit(InMemoryText.of(lines), FitOptions.builder().threads(threads).build());
  }

  private static double accuracy(BlazingTextModel m, List<String> labelled) {
    int right = 0;
    for (String line : labelled) {
      String label = line.substring(0, line.indexOf(' '));
      right += m.predictLabels(line.substring(line.indexOf(' ') + 1), 1).get(0).label().equals(label) ? 1 : 0;
    }
    return (double) right / labelled.size();
  }

  @ParameterizedTest
  @EnumSource(value = BlazingTextParams.Loss.class, names = {"SOFTMAX", "HS", "OVA", "NS"})
  void theClassifierLearnsWhichKeywordDecidesTheLabel(BlazingTextParams.Loss loss) throws IOException {
    BlazingTextModel m = fit(supervised().loss(loss).build(), Synthetic.labelled(1500, 1), 2);
    double acc = accuracy(m, Synthetic.labelled(300, 2));
    assertTrue(acc >= 0.97, loss + ": held-out accuracy " + acc + " (chance is 1/3)");
  }

  @Test
  void oneVsAllRanksBothLabelsOfATwoLabelLine() throws IOException {
    Random r = new Random(3);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int a = r.nextInt(3);
      int b = (a + 1 + r.nextInt(2)) % 3;
      lines.add("__label__" + Synthetic.LABELS[a] + " __label__" + Synthetic.LABELS[b] + " "
          + Synthetic.sentence(r, Synthetic.keyword(a, r.nextInt(4))) + " " + Synthetic.keyword(b, r.nextInt(4)));
    }
    BlazingTextModel m = fit(supervised().loss(BlazingTextParams.Loss.OVA).build(), lines, 1);
    List<FastTextModel.Scored> top = m.predictLabels(Synthetic.keyword(0, 1) + " w3 w7 " + Synthetic.keyword(2, 0), 2);
    assertEquals(List.of("__label__sports", "__label__music").stream().sorted().toList(),
        top.stream().map(FastTextModel.Scored::label).sorted().toList(), top.toString());
    assertTrue(top.get(1).probability() > 0.5, "one-vs-all scores each label on its own: " + top);
  }

  private static double meanCosine(BlazingTextModel m, String g1, String g2) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 20; j++) {
        if (g1.equals(g2) && i == j) {
          continue;
        }
        float[] a = m.wordVector(g1 + i);
        float[] b = m.wordVector(g2 + j);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < a.length; d++) {
          dot += a[d] * b[d];
          na += a[d] * a[d];
          nb += b[d] * b[d];
        }
        sum += dot / Math.sqrt(na * nb);
        n++;
      }
    }
    return sum / n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cbow", "skipgram", "batch_skipgram"})
  void wordsThatShareContextsGetCloserVectorsThanWordsThatNeverMeet(String mode) throws IOException {
    BlazingTextParams p = BlazingTextParams.parse(Map.of("mode", mode, "vector_dim", "16", "epochs", "5",
        "min_count", "1", "sampling_threshold", "1", "evaluation", "false", "learning_rate", "0.05"));
    BlazingTextModel m = fit(p, Synthetic.topics(3000, 4), 2);
    double within = (meanCosine(m, "a", "a") + meanCosine(m, "b", "b")) / 2;
    double across = meanCosine(m, "a", "b");
    assertTrue(within > across + 0.3, mode + ": within-group cosine " + within + ", across " + across);
  }

  @Test
  void subwordsGiveUnknownWordsVectorsAndWithoutThemTheyAreZero() throws IOException {
    Map<String, String> hp = new java.util.HashMap<>(Map.of("mode", "skipgram", "vector_dim", "8", "epochs", "1",
        "min_count", "1", "evaluation", "false", "buckets", "1000"));
    BlazingTextModel plain = fit(BlazingTextParams.parse(hp), Synthetic.topics(200, 5), 1);
    assertArrayEquals(new float[8], plain.wordVector("a19x"), "unknown word without subwords");
    hp.put("subwords", "True");
    BlazingTextModel sub = fit(BlazingTextParams.parse(hp), Synthetic.topics(200, 5), 1);
    float[] v = sub.wordVector("a19x");
    boolean nonZero = false;
    for (float x : v) {
      nonZero |= x != 0;
    }
    assertTrue(nonZero, "an unknown word gets the mean of its character n-grams");
  }

  @Test
  void oneThreadAndOneSeedGiveTheSameModelAnotherSeedAnother() throws IOException {
    BlazingTextParams p = supervised().epochs(2).seed(9).build();
    List<String> data = Synthetic.labelled(400, 6);
    assertArrayEquals(bin(fit(p, data, 1)), bin(fit(p, data, 1)));
    assertFalse(java.util.Arrays.equals(bin(fit(p, data, 1)), bin(fit(supervised().epochs(2).seed(10).build(), data,
        1))));
  }

  private static byte[] bin(BlazingTextModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastTextBinary.write(m.fastText(), out);
    return out.toByteArray();
  }

  @Test
  void validationAccuracyIsReportedAndEarlyStoppingStops() throws IOException {
    List<Map<String, Double>> epochs = new ArrayList<>();
    BlazingTextModel m = new BlazingTextEstimator(supervised().epochs(40).earlyStopping(true).patience(2)
        .minEpochs(3).build()).fit(InMemoryText.of(Synthetic.labelled(600, 7)), FitOptions.builder().threads(1)
        .channel("validation", InMemoryText.of(Synthetic.labelled(200, 8))).listener(
            new dev.sagemill.core.listen.TrainingListener() {
              @Override
              public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
                epochs.add(metrics);
              }
            }).build());
    assertTrue(epochs.size() < 40, "stopped after " + epochs.size() + " epochs once accuracy stalled");
    assertTrue(m.card().metrics().get("validation:accuracy") >= 0.97, m.card().metrics().toString());
    assertTrue(epochs.get(0).containsKey("train:words_per_second_per_thread"));
  }

  @Test
  void anAugmentedManifestTrainsAsItsLabelledLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    StringBuilder manifest = new StringBuilder();
    for (String line : Synthetic.labelled(900, 13)) {
      int space = line.indexOf(' ');
      manifest.append("{\"source\": \"").append(line.substring(space + 1)).append("\", \"label\": ")
          .append(java.util.Arrays.asList(Synthetic.LABELS).indexOf(line.substring(9, space))).append("}\n");
    }
    java.nio.file.Files.writeString(dir.resolve("train.manifest"), manifest);
    BlazingTextModel m = new BlazingTextEstimator(supervised().build()).fit(dev.sagemill.io.Sources.open(
        dev.sagemill.io.Channel.of(dir), dev.sagemill.io.ContentType.parse("application/jsonlines"), TextBatch.class,
        false), FitOptions.builder().threads(1).build());
    assertEquals(java.util.Set.of("__label__0", "__label__1", "__label__2"), java.util.Set.of(
        m.fastText().dictionary().label(0), m.fastText().dictionary().label(1), m.fastText().dictionary().label(2)));
    assertEquals("__label__1", m.predictLabels(Synthetic.keyword(1, 2) + " w4", 1).get(0).label());
  }

  @Test
  void unlabelledLinesAreCountedAndReportedNotSilentlyDropped() throws IOException {
    List<String> data = new ArrayList<>(Synthetic.labelled(300, 9));
    data.add("no label on this line");
    data.add("nor on this one");
    BlazingTextModel m = fit(supervised().epochs(1).build(), data, 1);
    assertEquals(2.0, m.card().metrics().get("train:unlabeled_lines"));
  }

  @Test
  void emptyCorporaAndEmptyVocabulariesAreRefusedWithTheReason() {
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> fit(supervised().build(), List.of("", " ", ""), 1));
    assertTrue(e.getMessage().contains("no tokens"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> fit(BlazingTextParams.builder(BlazingTextParams.Mode.SKIPGRAM)
        .minCount(50).build(), List.of("rare words only here", "and here"), 1));
    assertTrue(e.getMessage().contains("min_count = 50") && e.getMessage().contains("occurs 2 times"),
        e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> fit(supervised().build(), List.of("a b c", "d e f"), 1));
    assertTrue(e.getMessage().contains("__label__"), e.getMessage());
  }

  @Test
  void inconsistentHyperparametersAreNamed() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class,
        () -> BlazingTextParams.parse(Map.of("mode", "skipgram", "loss", "softmax", "min_char", "5", "max_char",
            "3")));
    assertTrue(e.getMessage().contains("min_char = 5") && e.getMessage().contains("loss = softmax"),
        e.getMessage());
    e = assertThrows(InvalidHyperparametersException.class, () -> BlazingTextParams.parse(Map.of()));
    assertTrue(e.getMessage().contains("mode"), e.getMessage());
  }

  @Test
  void answersAreSageMakersShapes() throws IOException {
    BlazingTextModel m = fit(supervised().build(), Synthetic.labelled(600, 10), 1).withK(2);
    List<Prediction> p = m.predictBatch(new TextBatch(List.of(Synthetic.keyword(1, 0) + " w1 w2"), "req", 1));
    assertEquals(2, p.get(0).getList("label").size());
    assertEquals("__label__science", p.get(0).getList("label").get(0));
    assertEquals(2, p.get(0).getList("prob").size());
    BlazingTextModel w2v = fit(BlazingTextParams.builder(BlazingTextParams.Mode.CBOW).minCount(1).vectorDim(4)
        .evaluation(false).build(), Synthetic.topics(100, 11), 1);
    Prediction v = w2v.predictBatch(new TextBatch(List.of("a3", "unknown"), "req", 1)).get(1);
    assertEquals("unknown", v.getString("word"));
    assertArrayEquals(new double[4], v.getVector("vector"));
  }

  @Test
  void vectorsTextHoldsEveryWordWithItsVector() throws IOException {
    BlazingTextModel m = fit(BlazingTextParams.builder(BlazingTextParams.Mode.SKIPGRAM).minCount(1).vectorDim(4)
        .evaluation(false).build(), Synthetic.topics(100, 12), 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WordVectorsText.write(m.fastText(), out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    Dictionary d = m.fastText().dictionary();
    assertEquals(d.nwords() + " 4", lines.get(0));
    assertEquals(d.nwords() + 1, lines.size());
    String[] first = lines.get(1).split(" ");
    float[] v = m.wordVector(first[0]);
    for (int i = 0; i < 4; i++) {
      assertEquals(v[i], Float.parseFloat(first[i + 1]), "exact float text");
    }
  }
}

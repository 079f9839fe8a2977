package dev.sagemill.algo.blazingtext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.io.CorruptModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sagemill against files the {@code fasttext} tool wrote (see {@code fasttext/README.md} in the test resources):
 * subword ids, word vectors and predicted labels equal fastText's own, and a {@code .bin} written back is the same
 * bytes.
 */
class FastTextInteropTest {
  @TempDir
  Path dir;

  static byte[] resource(String name) {
    try (InputStream in = FastTextInteropTest.class.getResourceAsStream("fasttext/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(String name) {
    return new String(resource(name), StandardCharsets.UTF_8).lines().toList();
  }

  private FastTextModel load(String name) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, resource(name));
    return FastTextBinary.read(f);
  }

  @Test
  void subwordIdsAreFastTexts() throws IOException {
    Dictionary d = load("sg.bin").dictionary();
    for (String line : lines("sg.subwords.txt")) {
      String[] p = line.split("\t");
      int[] expected = Arrays.stream(p[1].split(" ")).mapToInt(Integer::parseInt).toArray();
      int[] ours = d.subwords(p[0]);
      // fastText lists a known word's row first then its n-grams, as we do; compare as given.
      assertArrayEquals(expected, ours, p[0]);
    }
  }

  @Test
  void wordVectorsAreFastTextsWithinOneMillionth() throws IOException {
    FastTextModel m = load("sg.bin");
    for (String line : lines("sg.vectors.txt")) {
      String[] p = line.split(" ");
      float[] v = m.wordVector(p[0]);
      assertEquals(p.length - 1, v.length);
      for (int i = 0; i < v.length; i++) {
        assertEquals(Float.parseFloat(p[i + 1]), v[i], 1e-6, p[0] + "[" + i + "]");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"softmax", "hs", "ova"})
  void predictionsAreFastTexts(String loss) throws IOException {
    FastTextModel m = load("sup-" + loss + ".bin");
    List<String> test = lines("sup.test");
    List<String> expected = lines("sup-" + loss + ".predictions.txt");
    assertEquals(test.size(), expected.size());
    for (int i = 0; i < test.size(); i++) {
      List<FastTextModel.Scored> ours = m.predict(test.get(i), 2, 0f);
      String[] pairs = expected.get(i).split("\t");
      assertEquals(pairs.length, ours.size(), "line " + (i + 1));
      for (int j = 0; j < pairs.length; j++) {
        String[] lp = pairs[j].split(" ");
        assertEquals(lp[0], ours.get(j).label(), loss + " line " + (i + 1) + " rank " + j);
        assertEquals(Double.parseDouble(lp[1]), ours.get(j).probability(), 1e-5, loss + " line " + (i + 1));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sg.bin", "sup-softmax.bin", "sup-hs.bin"})
  void writingBackGivesTheSameBytes(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FastTextBinary.write(load(name), out);
    assertArrayEquals(resource(name), out.toByteArray(), name);
  }

  @Test
  void damagedForeignAndQuantizedFilesAreRefusedByName() throws IOException {
    byte[] full = resource("sup-softmax.bin");
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, Arrays.copyOf(full, full.length / 2));
    CorruptModelException e = assertThrows(CorruptModelException.class, () -> FastTextBinary.read(cut));
    assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("truncated"), e.getMessage());

    Path other = dir.resolve("other.bin");
    Files.writeString(other, "not a model at all, just text");
    e = assertThrows(CorruptModelException.class, () -> FastTextBinary.read(other));
    assertTrue(e.getMessage().contains("other.bin is not a fastText model"), e.getMessage());

    Path ftz = dir.resolve("sup-softmax.ftz");
    Files.write(ftz, resource("sup-softmax.ftz"));
    e = assertThrows(CorruptModelException.class, () -> FastTextBinary.read(ftz));
    assertTrue(e.getMessage().contains("quantized"), e.getMessage());
  }
}

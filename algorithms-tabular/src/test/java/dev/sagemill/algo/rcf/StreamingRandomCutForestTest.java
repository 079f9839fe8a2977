package dev.sagemill.algo.rcf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.random.SplitMix64;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming forest: deletions keep the trees whole, blocks equal single steps, a saved state resumes exactly. */
class StreamingRandomCutForestTest {
  private static float[][] sine(int n, int spikeAt) {
    float[][] xs = new float[n][];
    Random r = new Random(3);
    for (int i = 0; i < n; i++) {
      float v = (float) (Math.sin(2 * Math.PI * i / 50) + 0.05 * r.nextGaussian());
      xs[i] = new float[] {i == spikeAt ? v + 3 : v};
    }
    return xs;
  }

  @Test
  void insertsAndDeletesKeepEveryTreeInvariant() {
    RandomCutTree t = new RandomCutTree(3, 64);
    SplitMix64 rng = new SplitMix64(5);
    Random r = new Random(1);
    int[] slots = new int[64];
    int live = 0;
    for (int step = 0; step < 5000; step++) {
      if (live == 64 || (live > 0 && r.nextBoolean())) {
        int k = r.nextInt(live);
        t.delete(slots[k]);
        slots[k] = slots[--live];
      } else {
        // Coarse values so that copies of a point (mass > 1) happen too.
        float[] p = {r.nextInt(8), r.nextInt(8), (float) r.nextGaussian()};
        slots[live++] = t.insert(p, rng);
      }
      if (step % 97 == 0) {
        t.validate();
      }
    }
    t.validate();
    assertEquals(live, t.mass());
  }

  @Test
  void aBlockScoresAndLearnsExactlyAsOnePointAtATime() {
    float[][] xs = sine(3000, 2500);
    StreamingRandomCutForest one = StreamingRandomCutForest.builder(1).shingleSize(4).sampleSize(64).seed(2)
        .build();
    double[] single = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      single[i] = one.score(xs[i]);
      one.update(xs[i]);
    }
    StreamingRandomCutForest block = StreamingRandomCutForest.builder(1).shingleSize(4).sampleSize(64).seed(2)
        .build();
    double[] blocked = new double[xs.length];
    for (int i = 0; i < xs.length; i += 700) {
      double[] s = block.scoreThenUpdate(Arrays.copyOfRange(xs, i, Math.min(xs.length, i + 700)));
      System.arraycopy(s, 0, blocked, i, s.length);
    }
    assertArrayEquals(single, blocked);
    assertEquals(0.0, single[10], "nothing is scored before the forest holds sampleSize / 4 points");
  }

  @Test
  void theSpikeOfAShingledSineScoresHighest() {
    float[][] xs = sine(3000, 2500);
    StreamingRandomCutForest f = StreamingRandomCutForest.builder(1).shingleSize(8).numberOfTrees(50).seed(4)
        .build();
    double[] s = f.scoreThenUpdate(xs);
    int argmax = 0;
    for (int i = 1000; i < s.length; i++) {
      argmax = s[i] > s[argmax] ? i : argmax;
    }
    // Every shingle that holds the spike stands out; the highest is among them.
    assertTrue(argmax >= 2500 && argmax < 2508, "the most anomalous point after warm-up is at " + argmax);
    double[] tail = Arrays.copyOfRange(s, 1000, 2400);
    Arrays.sort(tail);
    assertTrue(s[2500] > 2 * tail[tail.length / 2], "spike " + s[2500] + " vs median " + tail[tail.length / 2]);
  }

  @Test
  void aSavedForestContinuesTheStreamExactly() throws IOException {
    float[][] xs = sine(4000, 3500);
    StreamingRandomCutForest whole = StreamingRandomCutForest.builder(1).shingleSize(4).sampleSize(128).seed(6)
        .build();
    double[] expected = whole.scoreThenUpdate(xs);
    StreamingRandomCutForest first = StreamingRandomCutForest.builder(1).shingleSize(4).sampleSize(128).seed(6)
        .build();
    first.scoreThenUpdate(Arrays.copyOfRange(xs, 0, 2500));
    StreamingRandomCutForest resumed = (StreamingRandomCutForest) ModelIO.fromBytes(ModelIO.toBytes(first), "state");
    double[] rest = resumed.scoreThenUpdate(Arrays.copyOfRange(xs, 2500, 4000));
    assertArrayEquals(Arrays.copyOfRange(expected, 2500, 4000), rest);
    assertArrayEquals(ModelIO.toBytes(whole), ModelIO.toBytes(resumed));
  }

  @Test
  void badPointsAreNamed() {
    StreamingRandomCutForest f = StreamingRandomCutForest.builder(2).build();
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> f.update(new float[] {1}));
    assertTrue(e.getMessage().contains("1 values") && e.getMessage().contains("takes 2"), e.getMessage());
    e = assertThrows(InvalidDataException.class, () -> f.update(new float[] {1, Float.POSITIVE_INFINITY}));
    assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StreamingRandomCutForest.builder(2).timeDecay(-1).build());
  }
}

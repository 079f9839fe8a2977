package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The coded batch walk of {@link FlatForest} must send every row exactly where {@link Tree#leafOf(float[], int)}
 * sends it: values equal to thresholds, both zeros, infinities, NaN under either default direction, unused features,
 * trees of uneven depth and weights other than 1, in full blocks and a partial one.
 */
class FlatForestTest {
  private static final float[] VALUES = {-0.0f, 0.0f, -1.5f, 1.5f, 2.25f, -3f, 7f, 1e-30f,
      Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN};

  @Test
  void batchMarginsEqualWalkingTheTrees() {
    RandomStream rng = RandomStream.of(17);
    int d = 9;
    int outputs = 3;
    List<Tree> trees = new ArrayList<>();
    int n = 60;
    int[] group = new int[n];
    float[] weight = new float[n];
    for (int t = 0; t < n; t++) {
      trees.add(randomTree(rng, d - 1, 1 + rng.nextInt(9)));
      group[t] = t % outputs;
      weight[t] = t % 4 == 0 ? 0.5f + (float) rng.nextDouble() : 1f;
    }
    TreeEnsemble ensemble = new TreeEnsemble(d, outputs, new double[] {0.5, -0.25, 0}, trees, group, weight);

    int rows = 3 * FlatForest.BLOCK + 37;
    float[] x = new float[rows * d];
    RowBatch.Builder b = RowBatch.builder(d, 1, false);
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < d; f++) {
        x[r * d + f] = rng.nextInt(3) == 0 ? (float) rng.nextGaussian() * 3 : VALUES[rng.nextInt(VALUES.length)];
      }
      b.addDense(x, r * d, new float[] {0}, 1f);
    }
    double[] batch = ensemble.margins(b.build(), ForkJoinPool.commonPool());

    for (int r = 0; r < rows; r++) {
      double[] expected = ensemble.baseMargin();
      for (int t = 0; t < n; t++) {
        Tree tree = trees.get(t);
        expected[group[t]] += (double) weight[t] * tree.leafValue[tree.leafOf(x, r * d)];
      }
      float[] row = java.util.Arrays.copyOfRange(x, r * d, (r + 1) * d);
      double[] single = ensemble.margin(FeatureVector.dense(row));
      for (int k = 0; k < outputs; k++) {
        assertEquals(expected[k], batch[r * outputs + k], 0, "batch, row " + r + " output " + k);
        assertEquals(expected[k], single[k], 0, "single row " + r + " output " + k);
      }
    }
  }

  /** A tree over features [0, features) with thresholds from {@link #VALUES}, children allocated in pairs. */
  private static Tree randomTree(RandomStream rng, int features, int maxDepth) {
    List<int[]> links = new ArrayList<>();
    List<Integer> feature = new ArrayList<>();
    List<Float> split = new ArrayList<>();
    List<Boolean> defaultLeft = new ArrayList<>();
    links.add(new int[] {-1, -1, -1});
    feature.add(0);
    split.add(0f);
    defaultLeft.add(true);
    List<int[]> frontier = new ArrayList<>(List.of(new int[] {0, 0}));
    while (!frontier.isEmpty()) {
      int[] nd = frontier.remove(0);
      if (nd[1] >= maxDepth || (nd[1] > 0 && rng.nextInt(5) == 0)) {
        continue;
      }
      int l = links.size();
      links.get(nd[0])[0] = l;
      links.get(nd[0])[1] = l + 1;
      feature.set(nd[0], rng.nextInt(features));
      float v = VALUES[rng.nextInt(VALUES.length - 1)];
      split.set(nd[0], rng.nextInt(3) == 0 ? (float) rng.nextGaussian() * 3 : v);
      defaultLeft.set(nd[0], rng.nextInt(2) == 0);
      for (int c = 0; c < 2; c++) {
        links.add(new int[] {-1, -1, nd[0]});
        feature.add(0);
        split.add(0f);
        defaultLeft.add(true);
        frontier.add(new int[] {l + c, nd[1] + 1});
      }
    }
    int m = links.size();
    int[] left = new int[m];
    int[] right = new int[m];
    int[] parent = new int[m];
    int[] feat = new int[m];
    float[] value = new float[m];
    boolean[] dl = new boolean[m];
    float[] leaf = new float[m];
    for (int i = 0; i < m; i++) {
      left[i] = links.get(i)[0];
      right[i] = links.get(i)[1];
      parent[i] = links.get(i)[2];
      feat[i] = feature.get(i);
      value[i] = split.get(i);
      dl[i] = defaultLeft.get(i);
      leaf[i] = left[i] < 0 ? (float) rng.nextGaussian() : 0;
    }
    return new Tree(left, right, parent, feat, value, dl, leaf, new float[m], new float[m], new float[m], null);
  }
}

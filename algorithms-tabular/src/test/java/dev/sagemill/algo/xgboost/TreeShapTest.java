package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.algo.gbdt.internal.Tree;
import dev.sagemill.algo.gbdt.internal.TreeEnsemble;
import dev.sagemill.algo.gbdt.internal.TreeShap;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TreeSHAP against XGBoost's pred_contribs and against Shapley values computed by brute force. */
class TreeShapTest {
  private static final Path DIR = Path.of("src/test/resources/dev/sagemill/algo/xgboost/interop");

  @ParameterizedTest
  @ValueSource(strings = {"binary", "multi"})
  void contributionsEqualXGBoostsAndSumToTheMargin(String name) throws IOException {
    XGBoostModel m = XGBoostJson.read(DIR.resolve(name + ".json"));
    List<String> rows = Files.readAllLines(DIR.resolve("rows.csv"));
    List<String> expected = Files.readAllLines(DIR.resolve(name + ".contribs.csv"));
    for (int i = 0; i < rows.size(); i++) {
      String[] c = rows.get(i).split(",", -1);
      float[] x = new float[c.length];
      for (int j = 0; j < c.length; j++) {
        x[j] = c[j].isEmpty() ? Float.NaN : Float.parseFloat(c[j]);
      }
      double[] phi = TreeShap.contributions(m.ensemble(), x);
      String[] want = expected.get(i).split(",");
      assertEquals(want.length, phi.length);
      for (int j = 0; j < phi.length; j++) {
        assertEquals(Double.parseDouble(want[j]), phi[j], 1e-5, name + " row " + i + " entry " + j);
      }
      double[] margin = m.margin(FeatureVector.dense(x));
      int w = x.length + 1;
      for (int g = 0; g < margin.length; g++) {
        double sum = 0;
        for (int j = 0; j < w; j++) {
          sum += phi[g * w + j];
        }
        assertEquals(margin[g], sum, 1e-5);
      }
    }
  }

  /** v(S): the tree's output with features outside S integrated out along the training cover. */
  private static double value(Tree t, int node, float[] x, int subset) {
    if (t.isLeaf(node)) {
      return t.leafValue(node);
    }
    int f = t.splitFeature(node);
    int l = t.left(node);
    int r = t.right(node);
    if ((subset >> f & 1) != 0) {
      return value(t, x[f] < t.splitValue(node) ? l : r, x, subset);
    }
    return (t.cover(l) * value(t, l, x, subset) + t.cover(r) * value(t, r, x, subset)) / t.cover(node);
  }

  @Test
  void contributionsAndInteractionsAreTheShapleyValuesByBruteForce() throws IOException {
    int d = 4;
    RandomStream rng = RandomStream.of(17);
    RowBatch.Builder b = RowBatch.builder(d, 1, false);
    for (int i = 0; i < 500; i++) {
      float[] x = new float[d];
      for (int j = 0; j < d; j++) {
        x[j] = (float) rng.nextGaussian();
      }
      b.addDense(x, 0, new float[] {(float) (x[0] * x[1] + Math.abs(x[2]) + 0.3 * rng.nextGaussian())}, 1f);
    }
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(3).maxDepth(3).build())
        .fit(InMemoryDataset.of(b.build()), FitOptions.defaults());
    TreeEnsemble e = m.ensemble();
    float[] x = {0.4f, -1.1f, 0.7f, 0.2f};
    double[] phi = TreeShap.contributions(e, x);
    double[] inter = TreeShap.interactions(e, x);
    int w = d + 1;
    double[] fact = {1, 1, 2, 6, 24};
    for (int i = 0; i < d; i++) {
      double shapley = 0;
      for (int s = 0; s < 1 << d; s++) {
        if ((s >> i & 1) != 0) {
          continue;
        }
        int size = Integer.bitCount(s);
        double weight = fact[size] * fact[d - size - 1] / fact[d];
        for (int t = 0; t < e.size(); t++) {
          Tree tree = e.tree(t);
          shapley += weight * (value(tree, 0, x, s | 1 << i) - value(tree, 0, x, s));
        }
      }
      assertEquals(shapley, phi[i], 1e-9, "feature " + i);
      // Interaction rows sum to the contribution; the matrix is symmetric.
      double row = 0;
      for (int j = 0; j < w; j++) {
        row += inter[i * w + j];
        assertEquals(inter[i * w + j], inter[j * w + i], 1e-9);
      }
      assertEquals(phi[i], row, 1e-9);
    }
    // Off-diagonal interaction of (0, 1) by brute force: the Shapley interaction index, halved.
    double sii = 0;
    for (int s = 0; s < 1 << d; s++) {
      if ((s & 3) != 0) {
        continue;
      }
      int size = Integer.bitCount(s);
      double weight = fact[size] * fact[d - size - 2] / fact[d - 1];
      for (int t = 0; t < e.size(); t++) {
        Tree tree = e.tree(t);
        sii += weight * (value(tree, 0, x, s | 3) - value(tree, 0, x, s | 1) - value(tree, 0, x, s | 2)
            + value(tree, 0, x, s));
      }
    }
    assertEquals(sii / 2, inter[1], 1e-9);
    double total = 0;
    for (double v : inter) {
      total += v;
    }
    assertEquals(m.margin(FeatureVector.dense(x))[0], total, 1e-9);
  }
}

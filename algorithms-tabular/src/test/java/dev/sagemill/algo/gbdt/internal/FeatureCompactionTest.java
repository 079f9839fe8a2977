package dev.sagemill.algo.gbdt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.lightgbm.LightGBMEstimator;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 29 item 6: sparse data whose width comes from one large index trains on the features that occur. The trees
 * must be those trained on the same rows with the large index squeezed down to the next free number.
 */
class FeatureCompactionTest {
  private static final int WIDE = 100_000_000;
  private static final int FAR = WIDE - 1;

  /** Ten features at 0..9 and one at {@code far}, in a space of {@code dim}; the label depends on 2 and far. */
  private static RowBatch rows(int dim, int far) {
    Random rnd = new Random(11);
    RowBatch.Builder b = RowBatch.builder(dim, 1, true).origin("generated", 1);
    int[] idx = new int[11];
    float[] val = new float[11];
    for (int r = 0; r < 400; r++) {
      int n = 0;
      float x2 = 0;
      float xf = 0;
      for (int j = 0; j < 10; j++) {
        if (rnd.nextInt(3) > 0) {
          idx[n] = j;
          val[n++] = rnd.nextInt(5);
          x2 = j == 2 ? val[n - 1] : x2;
        }
      }
      if (rnd.nextBoolean()) {
        xf = rnd.nextInt(4);
        idx[n] = far;
        val[n++] = xf;
      }
      b.addSparse(idx, val, n, new float[] {x2 + xf + rnd.nextFloat() > 3.5f ? 1 : 0}, 1f);
    }
    return b.build();
  }

  @Test
  void onlyWideSparseDataIsRenumbered() throws IOException {
    assertEquals(11, FeatureCompaction.plan(InMemoryDataset.of(rows(WIDE, FAR))).orElseThrow().features());
    assertTrue(FeatureCompaction.plan(InMemoryDataset.of(rows(11, 10))).isEmpty(), "narrow data trains as it is");
  }

  @Test
  void xgboostTreesEqualThoseOnSqueezedData() throws IOException {
    XGBoostParams p = XGBoostParams.builder(12).objective("binary:logistic").maxDepth(3).set("subsample", "0.8")
        .set("colsample_bytree", "0.7").set("seed", "3").build();
    RowBatch wide = rows(WIDE, FAR);
    RowBatch narrow = rows(11, 10);
    Model w = new XGBoostEstimator(p).fit(InMemoryDataset.of(wide), options(wide));
    Model n = new XGBoostEstimator(p).fit(InMemoryDataset.of(narrow), options(narrow));
    assertSame(w, n, ((dev.sagemill.algo.xgboost.XGBoostModel) w).ensemble(),
        ((dev.sagemill.algo.xgboost.XGBoostModel) n).ensemble(), wide, narrow);
  }

  @Test
  void lightgbmTreesEqualThoseOnSqueezedData() throws IOException {
    LightGBMParams p = LightGBMParams.parse(Map.of("objective", "binary", "num_boost_round", "12",
        "num_leaves", "6", "min_data_in_leaf", "5", "bagging_fraction", "0.8", "bagging_freq", "1",
        "feature_fraction", "0.7", "seed", "3"));
    RowBatch wide = rows(WIDE, FAR);
    RowBatch narrow = rows(11, 10);
    Model w = new LightGBMEstimator(p).fit(InMemoryDataset.of(wide), options(wide));
    Model n = new LightGBMEstimator(p).fit(InMemoryDataset.of(narrow), options(narrow));
    assertSame(w, n, ((dev.sagemill.algo.lightgbm.LightGBMModel) w).ensemble(),
        ((dev.sagemill.algo.lightgbm.LightGBMModel) n).ensemble(), wide, narrow);
  }

  /** A validation channel of the same width, read through the same renumbering. */
  private static FitOptions options(RowBatch rows) {
    return FitOptions.builder().threads(2).validation(InMemoryDataset.of(rows)).build();
  }

  private static void assertSame(Model w, Model n, TreeEnsemble we, TreeEnsemble ne, RowBatch wide, RowBatch narrow)
      throws IOException {
    assertEquals(WIDE, w.schema().featureDim(), "the model answers rows of the original width");
    assertEquals(n.card().metrics(), w.card().metrics(), "validation metrics");
    assertEquals(ne.size(), we.size());
    boolean usesFar = false;
    for (int t = 0; t < we.size(); t++) {
      Tree a = we.tree(t);
      Tree b = ne.tree(t);
      assertArrayEquals(b.left, a.left, "tree " + t);
      assertArrayEquals(b.splitValue, a.splitValue, "tree " + t);
      assertArrayEquals(b.leafValue, a.leafValue, "tree " + t);
      for (int i = 0; i < a.left.length; i++) {
        if (a.left[i] >= 0) {
          assertEquals(b.feature[i] == 10 ? FAR : b.feature[i], a.feature[i], "tree " + t + " node " + i);
          usesFar |= a.feature[i] == FAR;
        }
      }
    }
    assertTrue(usesFar, "some split uses the far feature");
    List<String> answers = w.predict(wide).stream().map(Object::toString).toList();
    assertEquals(n.predict(narrow).stream().map(Object::toString).toList(), answers);
    Model back = ModelIO.fromBytes(ModelIO.toBytes(w), "wide.model");
    assertEquals(answers, back.predict(wide).stream().map(Object::toString).toList(), "after save and load");
  }
}

package dev.sagemill.algo.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.gbdt.internal.LinearBooster;
import dev.sagemill.algo.linear.TabularTestData;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** booster=gblinear: XGBoost's coordinate descent checked against closed forms and optimality conditions. */
class GbLinearTest {
  private static final int N = 400;
  private static final int D = 6;

  private static XGBoostModel fit(XGBoostParams p, RowBatch train) throws IOException {
    return new XGBoostEstimator(p).fit(InMemoryDataset.of(train), FitOptions.builder().threads(2).build());
  }

  private static XGBoostParams.Builder linear(int rounds) {
    return XGBoostParams.builder(rounds).set("booster", "gblinear");
  }

  /** Correlated Gaussian features, some zero (absent), a linear target with noise. */
  private static float[][] features(long seed) {
    RandomStream rng = RandomStream.of(seed);
    float[][] x = new float[N][D];
    for (int i = 0; i < N; i++) {
      double common = rng.nextGaussian();
      for (int j = 0; j < D; j++) {
        x[i][j] = rng.nextDouble() < 0.1 ? 0f : (float) (rng.nextGaussian() + 0.5 * common + j * 0.3);
      }
    }
    return x;
  }

  private static RowBatch regression(long seed) {
    float[][] x = features(seed);
    RandomStream rng = RandomStream.of(seed + 1);
    float[] y = new float[N];
    double[] beta = {1.5, -2, 0.5, 0, 3, -1};
    for (int i = 0; i < N; i++) {
      double v = 4;
      for (int j = 0; j < D; j++) {
        v += beta[j] * x[i][j];
      }
      y[i] = (float) (v + 0.5 * rng.nextGaussian());
    }
    return TabularTestData.rows(x, y);
  }

  /** Ridge with an unpenalised intercept: XGBoost's L2 term is lambda per unit of instance weight, so λ·n here. */
  private static double[] ridge(RowBatch data, double lambda) {
    int n = data.rows();
    double[] mean = new double[D];
    double ybar = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) {
        mean[j] += data.denseValues()[i * D + j] / (double) n;
      }
      ybar += data.label(i) / (double) n;
    }
    RealMatrix xc = new Array2DRowRealMatrix(n, D);
    RealVector yc = new ArrayRealVector(n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) {
        xc.setEntry(i, j, data.denseValues()[i * D + j] - mean[j]);
      }
      yc.setEntry(i, data.label(i) - ybar);
    }
    RealMatrix a = xc.transpose().multiply(xc);
    for (int j = 0; j < D; j++) {
      a.addToEntry(j, j, lambda * n);
    }
    RealVector w = new LUDecomposition(a).getSolver().solve(xc.transpose().operate(yc));
    double[] out = new double[D + 1];
    double intercept = ybar;
    for (int j = 0; j < D; j++) {
      out[j] = w.getEntry(j);
      intercept -= mean[j] * out[j];
    }
    out[D] = intercept;
    return out;
  }

  @Test
  void squaredErrorConvergesToRidgeRegressionForEveryUpdaterAndSelector() throws IOException {
    RowBatch data = regression(11);
    double lambda = 0.05;
    double[] expected = ridge(data, lambda);
    String[][] combos = {{"shotgun", "cyclic"}, {"shotgun", "shuffle"}, {"coord_descent", "cyclic"},
        {"coord_descent", "random"}, {"coord_descent", "greedy"}, {"coord_descent", "thrifty"}};
    for (String[] c : combos) {
      XGBoostModel m = fit(linear(300).eta(1).set("lambda", Double.toString(lambda)).set("updater", c[0])
          .set("feature_selector", c[1]).build(), data);
      LinearBooster b = (LinearBooster) m.booster();
      for (int j = 0; j < D; j++) {
        assertEquals(expected[j], b.weight(j, 0), 2e-3, c[0] + "/" + c[1] + " weight " + j);
      }
      assertEquals(expected[D], b.baseMargin()[0] + b.bias(0), 2e-3, c[0] + "/" + c[1] + " intercept");
    }
  }

  @Test
  void logisticWithL1AndL2MeetsTheElasticNetOptimalityConditions() throws IOException {
    float[][] x = features(21);
    RandomStream rng = RandomStream.of(22);
    float[] y = new float[N];
    for (int i = 0; i < N; i++) {
      double z = 0.3 + 1.2 * x[i][0] - 0.8 * x[i][2] + 0.05 * x[i][5];
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    RowBatch data = TabularTestData.rows(x, y);
    double alpha = 0.05;
    double lambda = 0.01;
    XGBoostModel m = fit(linear(500).eta(1).objective("binary:logistic").set("alpha", Double.toString(alpha))
        .set("lambda", Double.toString(lambda)).set("updater", "coord_descent").build(), data);
    LinearBooster b = (LinearBooster) m.booster();
    // Gradient of the summed log loss at the fitted margins, per feature and for the intercept.
    double[] grad = new double[D + 1];
    for (int i = 0; i < N; i++) {
      double p = 1 / (1 + Math.exp(-m.margin(FeatureVector.dense(x[i]))[0]));
      for (int j = 0; j < D; j++) {
        grad[j] += (p - y[i]) * x[i][j];
      }
      grad[D] += p - y[i];
    }
    assertEquals(0, grad[D], 1e-3, "the intercept is unpenalised");
    int zeros = 0;
    for (int j = 0; j < D; j++) {
      double w = b.weight(j, 0);
      if (w == 0) {
        zeros++;
        assertTrue(Math.abs(grad[j]) <= alpha * N + 1e-3, "feature " + j + " held at zero needs |G| <= alpha·n");
      } else {
        assertEquals(0, grad[j] + lambda * N * w + alpha * N * Math.signum(w), 1e-2, "feature " + j);
      }
    }
    assertTrue(zeros >= 2, "L1 zeroes the irrelevant features, got " + zeros + " zeros");
  }

  @Test
  void multiclassSoftmaxLearnsSeparableBlobsAndExplainsExactly() throws IOException {
    RandomStream rng = RandomStream.of(5);
    float[][] x = new float[600][2];
    float[] y = new float[600];
    double[][] centers = {{0, 0}, {4, 0}, {0, 4}};
    for (int i = 0; i < 600; i++) {
      int c = i % 3;
      y[i] = c;
      x[i][0] = (float) (centers[c][0] + 0.7 * rng.nextGaussian());
      x[i][1] = (float) (centers[c][1] + 0.7 * rng.nextGaussian());
    }
    RowBatch data = TabularTestData.rows(x, y);
    XGBoostModel m = fit(linear(50).objective("multi:softmax").numClass(3).build(), data);
    double[] predicted = m.predictValues(data);
    int right = 0;
    for (int i = 0; i < 600; i++) {
      right += predicted[i] == y[i] ? 1 : 0;
    }
    assertTrue(right >= 580, "accuracy " + right / 600.0);
    double[] margin = m.margin(FeatureVector.dense(x[7]));
    double[] phi = m.contributions(FeatureVector.dense(x[7]));
    double[] inter = m.interactions(FeatureVector.dense(x[7]));
    for (int c = 0; c < 3; c++) {
      assertEquals(margin[c], phi[c * 3] + phi[c * 3 + 1] + phi[c * 3 + 2], 1e-6);
      double sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += inter[c * 9 + i];
      }
      assertEquals(margin[c], sum, 1e-6);
    }
    assertThrows(IllegalStateException.class, () -> m.leaves(FeatureVector.dense(x[0])));
  }

  @Test
  void sparseInputGivesTheSameModelAsDenseAndMissingAddsNothing() throws IOException {
    RowBatch dense = regression(31);
    RowBatch.Builder sb = RowBatch.builder(D, 1, true);
    for (int i = 0; i < dense.rows(); i++) {
      int[] idx = new int[D];
      float[] val = new float[D];
      int k = 0;
      for (int j = 0; j < D; j++) {
        float v = dense.denseValues()[i * D + j];
        if (v != 0f) {
          idx[k] = j;
          val[k++] = v;
        }
      }
      sb.addSparse(idx, val, k, new float[] {dense.label(i)}, 1f);
    }
    XGBoostParams p = linear(20).build();
    XGBoostModel a = fit(p, dense);
    XGBoostModel b = fit(p, sb.build());
    assertEquals(a.booster(), b.booster());
    float[] row = new float[D];
    row[1] = 2f;
    row[3] = Float.NaN;
    float[] zero = row.clone();
    zero[3] = 0f;
    assertArrayEquals(a.margin(FeatureVector.dense(zero)), a.margin(FeatureVector.dense(row)), 0);
  }

  @Test
  void savesLoadsAndRoundTripsThroughXGBoostJson(@TempDir Path dir) throws IOException {
    RowBatch data = regression(41);
    XGBoostModel m = fit(linear(10).objective("reg:squarederror").build(), data);
    Path file = dir.resolve("model.sagemill");
    ModelIO.save(m, file);
    XGBoostModel back = ModelIO.load(file, XGBoostModel.class);
    assertEquals(m.booster(), back.booster());
    Path json = dir.resolve("model.json");
    XGBoostJson.write(m, json);
    XGBoostModel fromJson = XGBoostJson.read(json);
    assertTrue(fromJson.booster() instanceof LinearBooster);
    double[] ours = m.booster().margins(data, null);
    double[] theirs = fromJson.booster().margins(data, null);
    assertArrayEquals(ours, theirs, 1e-4);
  }

  @Test
  void resumedAndContinuedTrainingEqualTheUninterruptedRun(@TempDir Path dir) throws IOException {
    RowBatch data = regression(51);
    XGBoostParams p = linear(12).set("feature_selector", "shuffle").seed(3).build();
    XGBoostModel whole = fit(p, data);
    CancellationToken cancel = new CancellationToken();
    new XGBoostEstimator(p).fit(InMemoryDataset.of(data), FitOptions.builder().threads(2).checkpointDir(dir)
        .cancellation(cancel).listener(new TrainingListener() {
          @Override
          public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
            if (epoch == 5) {
              cancel.cancel();
            }
          }
        }).build());
    XGBoostModel resumed = new XGBoostEstimator(p).fit(InMemoryDataset.of(data),
        FitOptions.builder().threads(2).checkpointDir(dir).build());
    assertEquals(whole.booster(), resumed.booster());

    XGBoostModel first = fit(linear(7).set("feature_selector", "shuffle").seed(3).build(), data);
    XGBoostModel continued = new XGBoostEstimator(linear(5).set("feature_selector", "shuffle").seed(3).build())
        .fit(InMemoryDataset.of(data), FitOptions.builder().threads(2).build(), first);
    assertEquals(whole.booster(), continued.booster());
    assertNotEquals(whole.booster(), fit(linear(12).set("feature_selector", "shuffle").seed(4).build(), data)
        .booster());
  }

  @Test
  void earlyStoppingKeepsTheBestRound() throws IOException {
    RowBatch train = regression(61);
    // Validation labels ignore the features, so fitting the weights past the intercept only hurts there.
    RowBatch shifted = regression(62);
    float[] y = new float[N];
    float[][] x = new float[N][D];
    for (int i = 0; i < N; i++) {
      y[i] = 4f + (i % 2 == 0 ? 0.5f : -0.5f);
      for (int j = 0; j < D; j++) {
        x[i][j] = shifted.denseValues()[i * D + j];
      }
    }
    RowBatch valid = TabularTestData.rows(x, y);
    XGBoostParams p = linear(200).eta(0.05).evalMetric("rmse").set("early_stopping_rounds", "3").build();
    XGBoostModel m = new XGBoostEstimator(p).fit(InMemoryDataset.of(train), InMemoryDataset.of(valid));
    LinearBooster b = (LinearBooster) m.booster();
    assertTrue(b.rounds() < 200, "stopped after " + b.rounds() + " rounds");
    assertEquals(m.card().metrics().get("validation:rmse"),
        rmse(b.margins(valid, null), valid), 1e-9, "the kept weights are the best round's");
  }

  private static double rmse(double[] margins, RowBatch data) {
    double s = 0;
    for (int i = 0; i < data.rows(); i++) {
      double e = margins[i] - data.label(i);
      s += e * e;
    }
    return Math.sqrt(s / data.rows());
  }

  @Test
  void badLinearSettingsAreRefusedByName() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class,
        () -> linear(5).set("updater", "grow_colmaker").build());
    assertTrue(e.getMessage().contains("shotgun or coord_descent"), e.getMessage());
    e = assertThrows(InvalidHyperparametersException.class,
        () -> linear(5).set("feature_selector", "greedy").build());
    assertTrue(e.getMessage().contains("use updater coord_descent"), e.getMessage());
    e = assertThrows(InvalidHyperparametersException.class,
        () -> XGBoostParams.builder(5).set("updater", "shotgun").build());
    assertTrue(e.getMessage().contains("need booster gblinear"), e.getMessage());
  }
}

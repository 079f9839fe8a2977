package dev.sagemill.algo.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * The full-batch solver ({@code optimizer=auto} on data held in memory, or {@code lbfgs}) against closed forms:
 * ridge regression's normal equations and logistic regression's optimum found by Newton's method, both on data
 * standardised as Linear Learner's scaler does, with the unpenalised intercept; {@code wd} auto with one model is
 * scikit-learn's {@code C = 1}.
 */
class LinearLearnerFullBatchTest {
  private static final FitOptions TWO_THREADS = FitOptions.builder().threads(2).build();
  private static final int D = 4;

  /** Rows of unequal scales and offsets; the label is linear (regression) or logistic (binary) in them. */
  private static float[][] features(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][D];
    for (float[] row : x) {
      for (int j = 0; j < D; j++) {
        row[j] = (float) (r.nextGaussian() * (j + 1) * 3 + 10 * j);
      }
    }
    return x;
  }

  private static InMemoryDataset dataset(float[][] x, double[] y) {
    RowBatch.Builder b = RowBatch.builder(D, 1, false);
    for (int i = 0; i < x.length; i++) {
      b.addDense(x[i], 0, new float[] {(float) y[i]}, 1f);
    }
    return InMemoryDataset.of(b.build());
  }

  /** Columns standardised with the population mean and standard deviation, then a column of ones. */
  private static double[][] standardized(float[][] x) {
    int n = x.length;
    double[][] z = new double[n][D + 1];
    for (int j = 0; j < D; j++) {
      double s = 0;
      double sq = 0;
      for (float[] row : x) {
        s += row[j];
        sq += (double) row[j] * row[j];
      }
      double mean = s / n;
      double sd = Math.sqrt(sq / n - mean * mean);
      for (int i = 0; i < n; i++) {
        z[i][j] = (x[i][j] - mean) / sd;
      }
    }
    for (double[] row : z) {
      row[D] = 1;
    }
    return z;
  }

  private static double[] predictions(LinearLearnerModel m, float[][] x) {
    RowBatch.Builder b = RowBatch.builder(D, 0, false);
    for (float[] row : x) {
      b.addDense(row, 0, null, 1f);
    }
    List<Prediction> p = m.predict(b.build());
    return p.stream().mapToDouble(q -> q.get("score")).toArray();
  }

  @Test
  void ridgeRegressionMatchesTheNormalEquations() throws IOException {
    int n = 300;
    float[][] x = features(n, 1);
    Random noise = new Random(2);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 7 + 0.5 * x[i][0] - 0.2 * x[i][1] + 0.05 * x[i][3] + noise.nextGaussian();
    }
    double wd = 0.3;
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.REGRESSOR)
        .numModels(1).wd(wd).build()).fit(dataset(x, y), TWO_THREADS);
    // Minimising mean (z - y)²/2 + wd/2 |w|² over standardised features gives (ZᵀZ/n + wd·P) θ = Zᵀy/n, P the
    // identity without the intercept; the label's standardisation only rescales the answer.
    double[][] z = standardized(x);
    RealMatrix zm = new Array2DRowRealMatrix(z);
    RealMatrix a = zm.transpose().multiply(zm).scalarMultiply(1.0 / n);
    for (int j = 0; j < D; j++) {
      a.addToEntry(j, j, wd);
    }
    RealVector theta = new LUDecomposition(a).getSolver().solve(zm.transpose().operate(new ArrayRealVector(y))
        .mapDivide(n));
    double[] expected = zm.operate(theta).toArray();
    assertArrayEquals(expected, predictions(m, x), 1e-4 * 3, "predictions in label units (spread about 10)");
  }

  /** Newton's method on mean log-loss + wd/2 |w|² (intercept unpenalised) over standardised features. */
  private static double[] logisticOptimum(double[][] z, double[] y, double wd) {
    int n = z.length;
    int k = D + 1;
    double[] theta = new double[k];
    for (int it = 0; it < 50; it++) {
      double[] g = new double[k];
      double[][] h = new double[k][k];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < k; j++) {
          s += z[i][j] * theta[j];
        }
        double p = 1 / (1 + Math.exp(-s));
        for (int j = 0; j < k; j++) {
          g[j] += (p - y[i]) * z[i][j] / n;
          for (int l = 0; l < k; l++) {
            h[j][l] += p * (1 - p) * z[i][j] * z[i][l] / n;
          }
        }
      }
      for (int j = 0; j < D; j++) {
        g[j] += wd * theta[j];
        h[j][j] += wd;
      }
      double[] step = new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver()
          .solve(new ArrayRealVector(g)).toArray();
      for (int j = 0; j < k; j++) {
        theta[j] -= step[j];
      }
    }
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += z[i][j] * theta[j];
      }
      p[i] = 1 / (1 + Math.exp(-s));
    }
    return p;
  }

  private static double[] logisticLabels(float[][] x, long seed) {
    Random r = new Random(seed);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 0.4 * (x[i][0] - 0) / 3 - 0.3 * (x[i][1] - 10) / 6 + 0.2 * (x[i][2] - 20) / 9;
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    }
    return y;
  }

  @Test
  void logisticRegressionMatchesNewtonsOptimum() throws IOException {
    int n = 400;
    float[][] x = features(n, 3);
    double[] y = logisticLabels(x, 4);
    double wd = 0.01;
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .numModels(1).wd(wd).build()).fit(dataset(x, y), TWO_THREADS);
    assertArrayEquals(logisticOptimum(standardized(x), y, wd), predictions(m, x), 1e-5);
  }

  @Test
  void oneModelWithAutomaticWdIsScikitLearnsDefault() throws IOException {
    // LogisticRegression(C=1) minimises |w|²/2 + Σ loss, i.e. mean loss + (1/n)/2 |w|²: wd = 1/n.
    int n = 250;
    float[][] x = features(n, 5);
    double[] y = logisticLabels(x, 6);
    LinearLearnerModel m = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .numModels(1).build()).fit(dataset(x, y), TWO_THREADS);
    assertArrayEquals(logisticOptimum(standardized(x), y, 1.0 / n), predictions(m, x), 1e-5);
  }

  @Test
  void crossValidationChoosesRegularisationThatHoldsUpOnNewRows() throws IOException {
    // 60 rows of 30 features, 2 of them informative: the least regularised fit memorises the training rows.
    int n = 60;
    int d = 30;
    Random r = new Random(7);
    RowBatch.Builder train = RowBatch.builder(d, 1, false);
    RowBatch.Builder test = RowBatch.builder(d, 1, false);
    double[] testY = new double[2000];
    for (int i = 0; i < n + testY.length; i++) {
      float[] row = new float[d];
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
      double y = r.nextDouble() < 1 / (1 + Math.exp(-(row[0] - row[1]))) ? 1 : 0;
      if (i < n) {
        train.addDense(row, 0, new float[] {(float) y}, 1f);
      } else {
        testY[i - n] = y;
        test.addDense(row, 0, new float[] {(float) y}, 1f);
      }
    }
    RowBatch testRows = test.build();
    InMemoryDataset trainSet = InMemoryDataset.of(train.build());
    LinearLearnerModel auto = new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.BINARY_CLASSIFIER).build()).fit(trainSet, TWO_THREADS);
    LinearLearnerModel loose = new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.BINARY_CLASSIFIER).numModels(1).wd(1e-6).build()).fit(trainSet, TWO_THREADS);
    double autoLoss = Metrics.logloss(testY, scores(auto, testRows), null);
    double looseLoss = Metrics.logloss(testY, scores(loose, testRows), null);
    assertTrue(autoLoss < 0.8 * looseLoss, "cross-validated choice " + autoLoss + ", least regularised "
        + looseLoss);
    // Same seed, same data, same threads: the same model.
    LinearLearnerModel again = new LinearLearnerEstimator(LinearLearnerParams.builder(
        PredictorType.BINARY_CLASSIFIER).build()).fit(trainSet, TWO_THREADS);
    assertArrayEquals(auto.weights(), again.weights(), 0);
  }

  private static double[] scores(LinearLearnerModel m, RowBatch rows) {
    return m.predict(rows).stream().mapToDouble(q -> q.get("score")).toArray();
  }

  @Test
  void lbfgsNeedsASmoothLossAndNoL1() {
    InvalidHyperparametersException e = assertThrows(InvalidHyperparametersException.class,
        () -> LinearLearnerParams.parse(Map.of("predictor_type", "binary_classifier", "optimizer", "lbfgs",
            "loss", "hinge_loss", "l1", "0.1")));
    assertTrue(e.getMessage().contains("optimizer lbfgs needs a smooth loss"), e.getMessage());
    assertTrue(e.getMessage().contains("does not take l1"), e.getMessage());
    assertEquals("lbfgs", LinearLearnerParams.parse(Map.of("predictor_type", "regressor", "optimizer", "lbfgs"))
        .values().getString("optimizer"));
  }
}

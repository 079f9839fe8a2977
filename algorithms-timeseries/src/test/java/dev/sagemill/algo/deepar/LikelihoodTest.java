package dev.sagemill.algo.deepar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.sagemill.neural.NeuralEngine;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each likelihood's negative log-density against its closed form (Commons Math), and its draws' moments. */
class LikelihoodTest {
  private static NDManager manager;

  @BeforeAll
  static void engine() {
    manager = NeuralEngine.newManager(1);
  }

  @AfterAll
  static void free() {
    manager.close();
  }

  private static double nll(Likelihood l, double y, double scale, double... params) {
    NDList p = new NDList();
    for (double v : params) {
      p.add(manager.create(new double[] {v}));
    }
    NDArray out = l.negativeLogLikelihood(p, manager.create(new double[] {y}), manager.create(new double[] {scale}));
    return out.toDoubleArray()[0];
  }

  @Test
  void gaussianIsTheNormalDensityOfTheScaledTarget() {
    double[][] cases = {{1.3, 1, 0.2, 0.7}, {-4, 2.5, -1.1, 0.3}, {150, 100, 1.2, 0.25}};
    for (double[] c : cases) {
      double y = c[0];
      double s = c[1];
      double expected = -(new NormalDistribution(c[2] * s, c[3] * s).logDensity(y));
      assertEquals(expected, nll(Likelihood.GAUSSIAN, y, s, c[2], c[3]), 1e-9, "case " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void studentTIsTheLocationScaleTDensity() {
    double[][] cases = {{1.3, 1, 0.2, 0.7, 3.5}, {-4, 2.5, -1.1, 0.3, 2.2}, {150, 100, 1.2, 0.25, 30}};
    for (double[] c : cases) {
      double y = c[0];
      double s = c[1];
      double sigma = c[3] * s;
      double expected = -(new TDistribution(c[4]).logDensity((y - c[2] * s) / sigma) - Math.log(sigma));
      assertEquals(expected, nll(Likelihood.STUDENT_T, y, s, c[2], c[3], c[4]), 1e-9);
    }
  }

  @Test
  void betaIsTheBetaDensity() {
    double[][] cases = {{0.3, 2, 5}, {0.9, 0.7, 0.4}, {0.5, 10, 10}};
    for (double[] c : cases) {
      double expected = -(new BetaDistribution(c[1], c[2]).logDensity(c[0]));
      assertEquals(expected, nll(Likelihood.BETA, c[0], 1, c[1], c[2]), 1e-8);
    }
  }

  @Test
  void negativeBinomialIsTheGammaPoissonMassWithTheMeanScaled() {
    double[][] cases = {{0, 1, 2.5, 0.3}, {7, 2, 1.5, 0.8}, {120, 10, 11, 0.05}};
    for (double[] c : cases) {
      double y = c[0];
      double mu = c[2] * c[1];
      double alpha = c[3];
      double r = 1 / alpha;
      double logP = Gamma.logGamma(y + r) - Gamma.logGamma(y + 1) - Gamma.logGamma(r)
          + r * Math.log(r / (r + mu)) + y * Math.log(mu / (r + mu));
      assertEquals(-logP, nll(Likelihood.NEGATIVE_BINOMIAL, y, c[1], c[2], alpha), 1e-8);
    }
  }

  @Test
  void deterministicL1IsTheAbsoluteErrorOfTheScaledTarget() {
    assertEquals(Math.abs(7.0 / 2 - 1.5), nll(Likelihood.DETERMINISTIC_L1, 7, 2, 1.5), 1e-12);
  }

  @Test
  void domainMapsAreSoftplusAndTwoPlusSoftplusForDegreesOfFreedom() {
    NDArray raw = manager.create(new double[] {0.5, -1.0, 2.0}).reshape(1, 3);
    NDList p = Likelihood.STUDENT_T.parameters(raw);
    double sp1 = Math.log1p(Math.exp(-1.0));
    double sp2 = Math.log1p(Math.exp(2.0));
    assertEquals(0.5, p.get(0).toDoubleArray()[0], 1e-12);
    assertEquals(sp1, p.get(1).toDoubleArray()[0], 1e-6);
    assertEquals(2 + sp2, p.get(2).toDoubleArray()[0], 1e-6);
  }

  @Test
  void drawsHaveTheDistributionsMoments() {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(3));
    int n = 200_000;
    double[] sum = new double[5];
    double[] sq = new double[5];
    float[][] params = {{1f, 2f, 6f}, {1f, 2f}, {2f, 3f}, {4f, 0.5f}, {1.5f}};
    Likelihood[] ls = Likelihood.values();
    for (int k = 0; k < ls.length; k++) {
      for (int i = 0; i < n; i++) {
        double v = ls[k].sample(params[k], 0, ls[k].scaled() ? 3 : 1, random);
        sum[k] += v;
        sq[k] += v * v;
      }
    }
    double[] mean = new double[5];
    double[] var = new double[5];
    for (int k = 0; k < 5; k++) {
      mean[k] = sum[k] / n;
      var[k] = sq[k] / n - mean[k] * mean[k];
    }
    // student-T: location 3, scale 6, ν = 6: variance 36·6/4
    assertEquals(3, mean[0], 0.05);
    assertEquals(36 * 6 / 4.0, var[0], 2.5);
    assertEquals(3, mean[1], 0.05);
    assertEquals(36, var[1], 0.6);
    assertEquals(0.4, mean[2], 0.003);
    assertEquals(2 * 3 / (25.0 * 6), var[2], 0.001);
    // negative binomial: mean 12, variance μ + αμ² = 12 + 72
    assertEquals(12, mean[3], 0.1);
    assertEquals(84, var[3], 2);
    assertEquals(4.5, mean[4], 1e-12);
  }
}

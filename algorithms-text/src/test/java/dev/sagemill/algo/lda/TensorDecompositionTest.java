package dev.sagemill.algo.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** The numerical pieces of LDA: the tensor power method with its refinement sweeps, and the fast digamma. */
class TensorDecompositionTest {

  /**
   * A symmetric tensor {@code Σ λᵢ vᵢ⊗vᵢ⊗vᵢ} of random orthonormal {@code vᵢ} with close eigenvalues, plus symmetric
   * noise (standard deviation 0.02 per distinct entry, which moves a T(v, v, v) by about 0.05): every component comes
   * back, under 30 seeds of the random starts.
   */
  @Test
  void noisyOrthogonalTensorWithCloseEigenvaluesIsDecomposed() {
    int k = 12;
    for (int seed = 0; seed < 30; seed++) {
      MersenneTwister g = new MersenneTwister(seed);
      RealMatrix random = new org.apache.commons.math3.linear.Array2DRowRealMatrix(k, k);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          random.setEntry(i, j, g.nextGaussian());
        }
      }
      RealMatrix v = new QRDecomposition(random).getQ();
      double[] lambda = new double[k];
      double[] tensor = new double[k * k * k];
      for (int t = 0; t < k; t++) {
        lambda[t] = 2 + 0.05 * t; // within 30% of each other: the order found is decided by the noise
        double[] vt = v.getColumn(t);
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            for (int c = 0; c < k; c++) {
              tensor[(a * k + b) * k + c] += lambda[t] * vt[a] * vt[b] * vt[c];
            }
          }
        }
      }
      double noise = 0.02;
      for (int a = 0; a < k; a++) {
        for (int b = a; b < k; b++) {
          for (int c = b; c < k; c++) {
            double e = noise * g.nextGaussian();
            for (int cell : java.util.stream.IntStream.of((a * k + b) * k + c, (a * k + c) * k + b,
                (b * k + a) * k + c, (b * k + c) * k + a, (c * k + a) * k + b, (c * k + b) * k + a).distinct()
                .toArray()) {
              tensor[cell] += e;
            }
          }
        }
      }
      SpectralLda.Decomposition d = new SpectralLda(k, 1, 1, 10, 1000, 1e-10, 0, seed).decompose(tensor);
      boolean[] found = new boolean[k];
      for (int t = 0; t < k; t++) {
        double[] theta = d.thetas()[t];
        int best = -1;
        double bestDot = 0;
        for (int s = 0; s < k; s++) {
          double dot = 0;
          for (int a = 0; a < k; a++) {
            dot += theta[a] * v.getEntry(a, s);
          }
          if (dot > bestDot) {
            bestDot = dot;
            best = s;
          }
        }
        assertTrue(bestDot > 0.99, "seed " + seed + ": component " + t + " is " + bestDot + " from the nearest v");
        assertTrue(!found[best], "seed " + seed + ": v" + best + " found twice");
        found[best] = true;
        assertEquals(lambda[best], d.lambdas()[t], 0.2, "seed " + seed + ": eigenvalue of v" + best);
      }
    }
  }

  /**
   * The digamma of inference against closed forms: ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(n) = H(n−1) − γ, and
   * ψ(x) = −1/x − γ + π²x/6 + O(x²) near 0; and against Commons Math's to 1e-8 from 1e-4 to 1e6 (Commons Math's
   * asymptotic series has the sign of its x⁻⁴ term reversed, an error of 2.9e-9 where it starts, at 49).
   */
  @Test
  void digammaMatchesClosedFormsAndCommonsMath() {
    double eulerGamma = 0.5772156649015329;
    assertEquals(-eulerGamma, LdaModel.digamma(1), 1e-14);
    assertEquals(-eulerGamma - 2 * Math.log(2), LdaModel.digamma(0.5), 1e-14);
    assertEquals(-1e6 - eulerGamma + Math.PI * Math.PI / 6 * 1e-6, LdaModel.digamma(1e-6), 1e-9);
    double harmonic = 0;
    for (int n = 1; n <= 1000; n++) {
      assertEquals(harmonic - eulerGamma, LdaModel.digamma(n), 1e-13, "digamma(" + n + ")");
      harmonic += 1.0 / n;
    }
    for (double x = 1e-4; x < 1e6; x *= 1.37) {
      assertEquals(Gamma.digamma(x), LdaModel.digamma(x), 1e-8, "digamma(" + x + ")");
    }
  }
}

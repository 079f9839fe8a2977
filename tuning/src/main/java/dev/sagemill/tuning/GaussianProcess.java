package dev.sagemill.tuning;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Gaussian-process regression on the unit cube with a Matérn 5/2 kernel with one length scale per coordinate
 * (ARD), a signal variance and a noise variance: {@code k(x, x') = σf² (1 + √5 r + 5r²/3) exp(−√5 r)} with
 * {@code r² = Σ_d ((x_d − x'_d)/ℓ_d)²}. The kernel hyperparameters maximise the log marginal likelihood plus weak
 * log-normal priors (which keep length scales finite when few points are known), found by BOBYQA in log space from
 * the previous fit's values. The incumbent of the expected improvement is the best posterior mean at an observed
 * point, so a lucky noisy observation does not make every neighbour look hopeless.
 *
 * <p>The prior mean is the worst loss observed, not their average: far from every observation the process expects
 * nothing better than the worst point seen. With the average as prior mean, the expected improvement of an empty
 * corner of the box (average mean, full prior variance) outweighs that of the neighbourhood of the best points, and a
 * small budget is spent on corners (boundary over-exploration); on the Higgs tuning benchmark, 40 seeds, the
 * pessimistic mean raised the median best validation AUC after 25 jobs from 0.79865 to 0.79958. Targets are
 * divided by their standard deviation; expected improvement is in those units, which is all the search needs.
 *
 * <p>The expected improvement is Jones et al.'s, with no exploration margin: the pessimistic prior already draws
 * proposals away from well-known points, and a margin of 0.01 standard deviations on top of it lowered the Higgs
 * benchmark's mean best AUC on two disjoint sets of 40 seeds (see benchmarks/RESULTS.md).
 *
 * <p>Immutable once built; not for use from several threads at once only because of its scratch arrays.
 */
final class GaussianProcess {
  private static final double SQRT5 = Math.sqrt(5);
  private static final double JITTER = 1e-8;
  // Bounds and prior centres of the log hyperparameters: [log σf², log ℓ_1..ℓ_D, log σn²].
  private static final double LOG_SIGNAL_LO = Math.log(1e-2);
  private static final double LOG_SIGNAL_HI = Math.log(1e2);
  private static final double LOG_LENGTH_LO = Math.log(1e-2);
  private static final double LOG_LENGTH_HI = Math.log(1e2);
  private static final double LOG_NOISE_LO = Math.log(1e-6);
  private static final double LOG_NOISE_HI = Math.log(1);
  private static final double LOG_LENGTH_PRIOR = Math.log(0.5);
  private static final double LOG_NOISE_PRIOR = Math.log(1e-2);

  private final double[][] x;
  private final double[] z;
  private final double[] theta;
  private final double[] chol;
  private final double[] alpha;
  private final double[] invLength2;
  private final double signal;
  private final double offset;
  private final double scale;
  private final double bestZ;
  private final double[] kstar;
  private final double[] v;

  private GaussianProcess(double[][] x, double[] z, double offset, double scale, double[] theta, double[] chol) {
    this.x = x;
    this.offset = offset;
    this.scale = scale;
    this.z = z;
    this.theta = theta;
    this.chol = chol;
    int n = x.length;
    this.alpha = solve(chol, n, z);
    int dims = theta.length - 2;
    this.invLength2 = new double[dims];
    for (int d = 0; d < dims; d++) {
      invLength2[d] = Math.exp(-2 * theta[1 + d]);
    }
    this.signal = Math.exp(theta[0]);
    // The incumbent is the best posterior mean at an observed point, not the best noisy observation: with
    // (K + σn² I) α = z, the mean at x_i is z_i − σn² α_i.
    double noise = Math.exp(theta[dims + 1]) + JITTER;
    double b = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      b = Math.min(b, z[i] - noise * alpha[i]);
    }
    this.bestZ = b;
    this.kstar = new double[n];
    this.v = new double[n];
  }

  /**
   * Fits a process, choosing the kernel hyperparameters.
   *
   * @param x points in the unit cube, n × D
   * @param y values (losses), n
   * @param start log hyperparameters to start the search from (a previous fit's), or null
   * @param maxEvaluations likelihood evaluations allowed for the search
   * @return the fitted process
   */
  static GaussianProcess fit(double[][] x, double[] y, double[] start, int maxEvaluations) {
    int n = x.length;
    int dims = x[0].length;
    double m = 0;
    for (double yi : y) {
      m += yi;
    }
    m /= n;
    double var = 0;
    for (double yi : y) {
      var += (yi - m) * (yi - m);
    }
    double s = n > 1 && var > 0 ? Math.sqrt(var / n) : 1;
    double worst = Double.NEGATIVE_INFINITY;
    for (double yi : y) {
      worst = Math.max(worst, yi);
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (y[i] - worst) / s;
    }
    double[] lo = new double[dims + 2];
    double[] hi = new double[dims + 2];
    lo[0] = LOG_SIGNAL_LO;
    hi[0] = LOG_SIGNAL_HI;
    for (int d = 0; d < dims; d++) {
      lo[1 + d] = LOG_LENGTH_LO;
      hi[1 + d] = LOG_LENGTH_HI;
    }
    lo[dims + 1] = LOG_NOISE_LO;
    hi[dims + 1] = LOG_NOISE_HI;
    double[] theta0 = new double[dims + 2];
    if (start != null && start.length == dims + 2) {
      for (int i = 0; i < theta0.length; i++) {
        theta0[i] = Math.min(hi[i] - 1e-6, Math.max(lo[i] + 1e-6, start[i]));
      }
    } else {
      java.util.Arrays.fill(theta0, 1, dims + 1, LOG_LENGTH_PRIOR);
      theta0[dims + 1] = LOG_NOISE_PRIOR;
    }
    double[] d2 = squaredDifferences(x);
    double[] best = theta0.clone();
    double[] bestValue = {objective(d2, z, theta0)};
    if (n >= 2 && maxEvaluations > 0) {
      ObjectiveFunction f = new ObjectiveFunction(t -> {
        double value = objective(d2, z, t);
        if (value > bestValue[0]) {
          bestValue[0] = value;
          System.arraycopy(t, 0, best, 0, t.length);
        }
        return value;
      });
      try {
        new BOBYQAOptimizer(2 * (dims + 2) + 1, 0.5, 1e-3).optimize(new MaxEval(maxEvaluations), f,
            GoalType.MAXIMIZE, new InitialGuess(theta0), new SimpleBounds(lo, hi));
      } catch (TooManyEvaluationsException e) {
        // the best point seen so far is kept: an approximate optimum is enough for a surrogate
      }
    }
    double[] chol = cholesky(d2, n, best);
    return new GaussianProcess(x, z, worst, s, best, chol);
  }

  /**
   * The same process (same kernel hyperparameters) with more points whose values are its own predictions: the
   * "kriging believer" used to propose several points at once.
   *
   * @param extra the points to add
   * @return the extended process
   */
  GaussianProcess withBelieved(double[][] extra) {
    int n = x.length;
    double[][] all = new double[n + extra.length][];
    double[] z = new double[n + extra.length];
    double[] mv = new double[2];
    System.arraycopy(x, 0, all, 0, n);
    System.arraycopy(this.z, 0, z, 0, n);
    for (int e = 0; e < extra.length; e++) {
      predictStandardised(extra[e], mv);
      all[n + e] = extra[e];
      z[n + e] = mv[0];
    }
    return new GaussianProcess(all, z, offset, scale, theta, cholesky(squaredDifferences(all), all.length, theta));
  }

  /** @return the log kernel hyperparameters [log σf², log ℓ_1..ℓ_D, log σn²] */
  double[] theta() {
    return theta.clone();
  }

  /**
   * The posterior mean: the predicted loss in the units of the fitted values.
   *
   * @param point a point of the unit cube
   * @return the predicted loss
   */
  double mean(double[] point) {
    double[] mv = new double[2];
    predictStandardised(point, mv);
    return offset + scale * mv[0];
  }

  /**
   * Expected improvement over the best value seen (in standardised units, minimising).
   *
   * @param point a point of the unit cube
   * @return the expected improvement, ≥ 0
   */
  double expectedImprovement(double[] point) {
    double[] mv = new double[2];
    predictStandardised(point, mv);
    double sd = Math.sqrt(mv[1]);
    double gap = bestZ - mv[0];
    if (sd < 1e-12) {
      return Math.max(gap, 0);
    }
    double u = gap / sd;
    return gap * normalCdf(u) + sd * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
  }

  private void predictStandardised(double[] point, double[] out) {
    int n = x.length;
    double mu = 0;
    for (int i = 0; i < n; i++) {
      kstar[i] = kernel(point, x[i]);
      mu += kstar[i] * alpha[i];
    }
    // v = L⁻¹ k*
    double vv = 0;
    for (int i = 0; i < n; i++) {
      double s = kstar[i];
      int row = i * n;
      for (int j = 0; j < i; j++) {
        s -= chol[row + j] * v[j];
      }
      v[i] = s / chol[row + i];
      vv += v[i] * v[i];
    }
    out[0] = mu;
    out[1] = Math.max(signal - vv, 1e-12);
  }

  private double kernel(double[] a, double[] b) {
    double r2 = 0;
    for (int d = 0; d < a.length; d++) {
      double t = a[d] - b[d];
      r2 += t * t * invLength2[d];
    }
    double r = Math.sqrt(r2);
    return signal * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
  }

  /** Log marginal likelihood of the standardised targets plus the log priors; −∞ if the matrix is singular. */
  private static double objective(double[] d2, double[] z, double[] theta) {
    int n = z.length;
    double[] l = cholesky(d2, n, theta);
    if (l == null) {
      return -1e300;
    }
    double[] a = solve(l, n, z);
    double fit = 0;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      fit += z[i] * a[i];
      logDet += Math.log(l[i * n + i]);
    }
    double prior = 0;
    int dims = theta.length - 2;
    for (int d = 0; d < dims; d++) {
      double t = (theta[1 + d] - LOG_LENGTH_PRIOR) / 1.5;
      prior -= 0.5 * t * t;
    }
    double s = theta[0] / 1.5;
    double nz = (theta[dims + 1] - LOG_NOISE_PRIOR) / 3;
    prior -= 0.5 * (s * s + nz * nz);
    return -0.5 * fit - logDet + prior;
  }

  /**
   * The squared coordinate differences of every pair of points, computed once per fit because every likelihood
   * evaluation needs them: pair (i, j), j &lt; i, coordinate d at {@code (i(i − 1)/2 + j) D + d}.
   */
  private static double[] squaredDifferences(double[][] x) {
    int n = x.length;
    int dims = x[0].length;
    double[] out = new double[n * (n - 1) / 2 * dims];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        for (int d = 0; d < dims; d++) {
          double t = x[i][d] - x[j][d];
          out[p++] = t * t;
        }
      }
    }
    return out;
  }

  /**
   * The lower Cholesky factor (row-major n × n) of K + (σn² + jitter) I, or null if not positive definite.
   *
   * @param d2 the points' {@link #squaredDifferences}
   * @param n the number of points
   */
  private static double[] cholesky(double[] d2, int n, double[] theta) {
    int dims = theta.length - 2;
    double signal = Math.exp(theta[0]);
    double noise = Math.exp(theta[dims + 1]) + JITTER;
    double[] inv = new double[dims];
    for (int d = 0; d < dims; d++) {
      inv[d] = Math.exp(-2 * theta[1 + d]);
    }
    double[] k = new double[n * n];
    int pair = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double r2 = 0;
        for (int d = 0; d < dims; d++) {
          r2 += d2[pair++] * inv[d];
        }
        double r = Math.sqrt(r2);
        k[i * n + j] = signal * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
      }
      k[i * n + i] = signal + noise;
    }
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int j = 0; j <= i; j++) {
        int rj = j * n;
        double s = k[ri + j];
        for (int p = 0; p < j; p++) {
          s -= k[ri + p] * k[rj + p];
        }
        if (i == j) {
          if (s <= 0) {
            return null;
          }
          k[ri + i] = Math.sqrt(s);
        } else {
          k[ri + j] = s / k[rj + j];
        }
      }
    }
    return k;
  }

  /** Solves L Lᵀ a = b. */
  private static double[] solve(double[] l, int n, double[] b) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int j = 0; j < i; j++) {
        s -= l[i * n + j] * y[j];
      }
      y[i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int j = i + 1; j < n; j++) {
        s -= l[j * n + i] * y[j];
      }
      y[i] = s / l[i * n + i];
    }
    return y;
  }

  /** Φ(u) from the complementary error function. */
  private static double normalCdf(double u) {
    return 0.5 * org.apache.commons.math3.special.Erf.erfc(-u / Math.sqrt(2));
  }
}

package dev.sagemill.algo.deepar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomDataGenerator;

/**
 * DeepAR's noise models ({@code likelihood}): how the network's raw outputs become a distribution's parameters
 * (GluonTS's domain maps: softplus for every positive parameter, {@code ν = 2 + softplus} so the Student-t mean and
 * variance exist), the negative log-likelihood that training minimises, and the draws of a sample path.
 *
 * <p>Scaling (DeepAR §3.3): the network works on the series divided by its scale {@code s} (the mean absolute value
 * of the context window). Real-valued noise models are location-scale families, so the density of {@code y} is the
 * density of {@code y/s} divided by {@code s}; the negative binomial multiplies its mean by {@code s} (the paper's
 * count scaling); beta targets lie in (0, 1) and are not scaled; deterministic-L1 is a point forecast trained on
 * {@code |y/s − μ|}.
 */
public enum Likelihood {
  /** Student's t: location μ, scale σ, degrees of freedom ν. */
  STUDENT_T("student-T", 3),
  /** Gaussian: mean μ, standard deviation σ. */
  GAUSSIAN("gaussian", 2),
  /** Beta on (0, 1): concentrations a (of y) and b (of 1 − y). */
  BETA("beta", 2),
  /** Negative binomial on counts: mean μ, shape α (variance μ + αμ²). */
  NEGATIVE_BINOMIAL("negative-binomial", 2),
  /** A point forecast μ trained with the absolute error. */
  DETERMINISTIC_L1("deterministic-L1", 1);

  private static final float EPS = 1e-6f;
  private static final double LOG_PI = Math.log(Math.PI);
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final String sageMakerName;
  private final int args;

  Likelihood(String sageMakerName, int args) {
    this.sageMakerName = sageMakerName;
    this.args = args;
  }

  /** @return the name {@code likelihood} takes */
  public String sageMakerName() {
    return sageMakerName;
  }

  /** @return the network outputs per time point */
  public int argCount() {
    return args;
  }

  /** @return whether targets are divided by the series' scale */
  public boolean scaled() {
    return this != BETA;
  }

  static String[] names() {
    return Arrays.stream(values()).map(Likelihood::sageMakerName).toArray(String[]::new);
  }

  static Likelihood of(String name) {
    for (Likelihood l : values()) {
      if (l.sageMakerName.equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("likelihood must be one of " + Arrays.toString(names()) + ", got " + name);
  }

  /**
   * Why a target value cannot come from this noise model.
   *
   * @param y an observed value
   * @return null when it can, else the reason
   */
  String invalid(double y) {
    return switch (this) {
      case BETA -> y >= 0 && y <= 1 ? null : "the beta likelihood needs targets in [0, 1]";
      case NEGATIVE_BINOMIAL -> y >= 0 ? null : "the negative-binomial likelihood needs non-negative counts";
      default -> Double.isFinite(y) ? null : "targets must be finite";
    };
  }

  /**
   * Maps raw network outputs to the distribution's parameters.
   *
   * @param raw {@code [..., argCount]}
   * @return the parameters, each {@code [...]}, in the order of the constant's description
   */
  public NDList parameters(NDArray raw) {
    NDList out = new NDList(args);
    for (int k = 0; k < args; k++) {
      NDArray a = raw.get("..., " + k);
      boolean positive = switch (this) {
        case STUDENT_T, GAUSSIAN -> k >= 1;
        case BETA, NEGATIVE_BINOMIAL -> true;
        case DETERMINISTIC_L1 -> false;
      };
      if (positive) {
        a = Activation.softPlus(a).add(EPS);
      }
      if (this == STUDENT_T && k == 2) {
        a = a.add(2);
      }
      out.add(a);
    }
    return out;
  }

  /**
   * The negative log-likelihood of targets (the absolute error for deterministic-L1).
   *
   * @param p the parameters from {@link #parameters}
   * @param y the targets, unscaled, shaped like each parameter
   * @param scale the series' scales, broadcastable to {@code y}
   * @return the loss per target value
   */
  public NDArray negativeLogLikelihood(NDList p, NDArray y, NDArray scale) {
    switch (this) {
      case GAUSSIAN: {
        NDArray z = y.div(scale).sub(p.get(0)).div(p.get(1));
        return z.square().mul(0.5).add(p.get(1).log()).add(0.5 * LOG_2PI).add(scale.log());
      }
      case STUDENT_T: {
        NDArray mu = p.get(0);
        NDArray sigma = p.get(1);
        NDArray nu = p.get(2);
        NDArray z = y.div(scale).sub(mu).div(sigma);
        NDArray logNorm = nu.add(1).div(2).gammaln().sub(nu.div(2).gammaln()).sub(nu.log().add(LOG_PI).mul(0.5))
            .sub(sigma.log());
        NDArray kernel = nu.add(1).div(2).mul(z.square().div(nu).add(1).log());
        return kernel.sub(logNorm).add(scale.log());
      }
      case BETA: {
        NDArray a = p.get(0);
        NDArray b = p.get(1);
        NDArray v = y.clip(EPS, 1 - EPS);
        NDArray logBeta = a.gammaln().add(b.gammaln()).sub(a.add(b).gammaln());
        return logBeta.sub(a.sub(1).mul(v.log())).sub(b.sub(1).mul(v.neg().add(1).log()));
      }
      case NEGATIVE_BINOMIAL: {
        NDArray mu = p.get(0).mul(scale);
        NDArray alpha = p.get(1);
        NDArray r = alpha.pow(-1);
        NDArray logP = y.add(r).gammaln().sub(y.add(1).gammaln()).sub(r.gammaln())
            .sub(r.mul(alpha.mul(mu).add(1).log()))
            .add(y.mul(alpha.mul(mu).log().sub(alpha.mul(mu).add(1).log())));
        return logP.neg();
      }
      case DETERMINISTIC_L1:
      default:
        return y.div(scale).sub(p.get(0)).abs();
    }
  }

  /**
   * Draws one value.
   *
   * @param p the parameters of many rows, row-major ({@link #argCount()} per row)
   * @param row the row
   * @param scale the row's series scale
   * @param random the generator
   * @return the draw, unscaled
   */
  double sample(float[] p, int row, double scale, RandomDataGenerator random) {
    int o = row * args;
    switch (this) {
      case GAUSSIAN:
        return (p[o] + p[o + 1] * random.getRandomGenerator().nextGaussian()) * scale;
      case STUDENT_T: {
        double nu = p[o + 2];
        double chi2 = random.nextGamma(nu / 2, 2);
        double t = random.getRandomGenerator().nextGaussian() / Math.sqrt(chi2 / nu);
        return (p[o] + p[o + 1] * t) * scale;
      }
      case BETA:
        return random.nextBeta(p[o], p[o + 1]);
      case NEGATIVE_BINOMIAL: {
        double mu = p[o] * scale;
        double alpha = p[o + 1];
        double rate = random.nextGamma(1 / alpha, alpha * mu);
        return rate > 0 ? random.nextPoisson(rate) : 0;
      }
      case DETERMINISTIC_L1:
      default:
        return p[o] * scale;
    }
  }
}

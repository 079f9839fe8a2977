package dev.sagemill.algo.linear;

/**
 * The losses of SageMaker's Linear Learner, as functions of the margin {@code z = w·x + b} and the label {@code y}
 * ({@code y ∈ {0, 1}} for the binary losses). Each loss has at most one parameter {@code p}: the hinge margin,
 * the epsilon of the insensitive losses, the quantile, or the Huber delta. Softmax is multiclass and handled by the
 * trainer on the vector of margins.
 */
enum LinearLoss {
  /** log(1 + e^(−s·z)) with s = 2y − 1. */
  LOGISTIC("logistic"),
  /** max(0, p − s·z): the margin p is SageMaker's {@code margin}. */
  HINGE("hinge_loss"),
  /** (z − y)² / 2. */
  SQUARED("squared_loss"),
  /** |z − y|. */
  ABSOLUTE("absolute_loss"),
  /** max(0, |z − y| − p)² / 2. */
  EPS_SQUARED("eps_insensitive_squared_loss"),
  /** max(0, |z − y| − p). */
  EPS_ABSOLUTE("eps_insensitive_absolute_loss"),
  /** The pinball loss at quantile p: p·r for r = y − z ≥ 0, (p − 1)·r otherwise. */
  QUANTILE("quantile_loss"),
  /** r²/2 for |r| ≤ p, p·(|r| − p/2) beyond. */
  HUBER("huber_loss"),
  /** −log softmax(z)_y over num_classes margins. */
  SOFTMAX("softmax_loss");

  private final String wireName;

  LinearLoss(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }

  static LinearLoss fromWireName(String name) {
    for (LinearLoss l : values()) {
      if (l.wireName.equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown loss " + name);
  }

  /** Whether the parameter is in label units (so it is rescaled with a normalised label). */
  boolean parameterInLabelUnits() {
    return this == EPS_SQUARED || this == EPS_ABSOLUTE || this == HUBER;
  }

  /**
   * The loss value.
   *
   * @param z the margin
   * @param y the label
   * @param p the loss parameter
   * @return the loss
   */
  double value(double z, double y, double p) {
    switch (this) {
      case LOGISTIC -> {
        double sz = y > 0.5 ? z : -z;
        // log(1 + e^-sz), stable for large |sz|
        return sz > 0 ? Math.log1p(Math.exp(-sz)) : -sz + Math.log1p(Math.exp(sz));
      }
      case HINGE -> {
        return Math.max(0, p - (y > 0.5 ? z : -z));
      }
      case SQUARED -> {
        return 0.5 * (z - y) * (z - y);
      }
      case ABSOLUTE -> {
        return Math.abs(z - y);
      }
      case EPS_SQUARED -> {
        double e = Math.max(0, Math.abs(z - y) - p);
        return 0.5 * e * e;
      }
      case EPS_ABSOLUTE -> {
        return Math.max(0, Math.abs(z - y) - p);
      }
      case QUANTILE -> {
        double r = y - z;
        return r >= 0 ? p * r : (p - 1) * r;
      }
      case HUBER -> {
        double a = Math.abs(z - y);
        return a <= p ? 0.5 * a * a : p * (a - 0.5 * p);
      }
      default -> throw new IllegalStateException("softmax is vector-valued");
    }
  }

  /**
   * The derivative of the loss with respect to the margin (a subgradient at kinks).
   *
   * @param z the margin
   * @param y the label
   * @param p the loss parameter
   * @return dL/dz
   */
  double derivative(double z, double y, double p) {
    switch (this) {
      case LOGISTIC -> {
        return sigmoid(z) - (y > 0.5 ? 1 : 0);
      }
      case HINGE -> {
        double s = y > 0.5 ? 1 : -1;
        return s * z < p ? -s : 0;
      }
      case SQUARED -> {
        return z - y;
      }
      case ABSOLUTE -> {
        return Math.signum(z - y);
      }
      case EPS_SQUARED -> {
        double r = z - y;
        return Math.abs(r) > p ? (Math.abs(r) - p) * Math.signum(r) : 0;
      }
      case EPS_ABSOLUTE -> {
        double r = z - y;
        return Math.abs(r) > p ? Math.signum(r) : 0;
      }
      case QUANTILE -> {
        return y - z > 0 ? -p : (y - z < 0 ? 1 - p : 0);
      }
      case HUBER -> {
        double r = z - y;
        return Math.max(-p, Math.min(p, r));
      }
      default -> throw new IllegalStateException("softmax is vector-valued");
    }
  }

  static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }
}

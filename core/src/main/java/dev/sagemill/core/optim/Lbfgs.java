package dev.sagemill.core.optim;

/**
 * Limited-memory BFGS (Nocedal, "Updating quasi-Newton matrices with limited storage", Math. Comp. 1980; the
 * two-loop recursion of Nocedal &amp; Wright, Numerical Optimization, algorithm 7.4) for smooth unconstrained
 * minimisation of a full-batch objective, such as a regularised linear model on data held in memory. Steps satisfy
 * the weak Wolfe conditions, found by bisection and doubling (Lewis &amp; Overton), so every kept curvature pair has
 * {@code s·y > 0} and the inverse-Hessian estimate stays positive definite.
 *
 * <p>Deterministic: the same objective and start give the same iterates. Immutable and thread-safe; each {@link
 * #minimize} call has its own state.
 *
 * @param memory curvature pairs kept (Nocedal &amp; Wright suggest 3 to 20), at least 1
 * @param maxIterations the most quasi-Newton steps, at least 1
 * @param gradientTolerance stop when the largest absolute gradient entry is at most this (the objective's units
 *     per parameter unit), at least 0
 * @param relativeTolerance stop when a step lowers the objective by at most this fraction of
 *     {@code max(|f|, 1)}, at least 0
 */
public record Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
  /** Armijo's sufficient-decrease constant c₁. */
  private static final double C1 = 1e-4;
  /** The curvature constant c₂ of the weak Wolfe condition (0.9 is the usual choice for quasi-Newton methods). */
  private static final double C2 = 0.9;
  /** Trial steps tried by one line search before it gives up. */
  private static final int MAX_TRIALS = 60;

  /** A smooth objective: its value at a point, with the gradient written alongside. */
  @FunctionalInterface
  public interface Objective {
    /**
     * @param x the point (read only)
     * @param gradient where to write ∇f(x), same length as x
     * @return f(x)
     */
    double valueAndGradient(double[] x, double[] gradient);
  }

  /**
   * Where minimisation ended.
   *
   * @param x the last accepted point
   * @param value f(x)
   * @param iterations quasi-Newton steps taken
   * @param evaluations objective evaluations (each a pass over the data for a full-batch objective)
   * @param converged whether a tolerance was met (false: iteration limit, or no further decrease was possible)
   */
  public record Result(double[] x, double value, int iterations, int evaluations, boolean converged) {}

  /**
   * Validates the settings.
   *
   * @param memory curvature pairs kept
   * @param maxIterations the most steps
   * @param gradientTolerance the gradient tolerance
   * @param relativeTolerance the relative decrease tolerance
   */
  public Lbfgs {
    if (memory < 1 || maxIterations < 1 || !(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException("L-BFGS needs memory >= 1, maxIterations >= 1 and tolerances >= 0; got "
          + memory + ", " + maxIterations + ", " + gradientTolerance + ", " + relativeTolerance);
    }
  }

  /**
   * Minimises f from x0.
   *
   * @param f the objective
   * @param x0 the start (not modified)
   * @return the end point and how it was reached
   * @throws IllegalArgumentException if f is not finite at x0
   */
  public Result minimize(Objective f, double[] x0) {
    int n = x0.length;
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      throw new IllegalArgumentException("the objective is not finite at the start point: " + fx);
    }
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int newest = -1;
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    for (int it = 0; it < maxIterations; it++) {
      if (maxAbs(g) <= gradientTolerance) {
        return new Result(x, fx, it, evaluations, true);
      }
      direction(g, s, y, rho, alpha, stored, newest, d);
      double slope = dot(g, d);
      if (!(slope < 0)) { // not a descent direction (rounding): restart from steepest descent
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
      }
      // The first step has no curvature estimate: scale it to move the point by about one unit.
      double t = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int trial = 0; trial < MAX_TRIALS; trial++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + t * d[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        evaluations++;
        if (!(fNew <= fx + C1 * t * slope)) { // too long (or not finite)
          hi = t;
        } else if (dot(gNew, d) < C2 * slope) { // too short: the slope is still steep
          lo = t;
        } else {
          accepted = true;
          break;
        }
        t = Double.isInfinite(hi) ? 2 * t : (lo + hi) / 2;
      }
      if (!accepted) {
        // No Wolfe point: keep the last sufficient decrease if there was one, else the point is a minimum
        // to working precision.
        if (lo > 0) {
          for (int i = 0; i < n; i++) {
            xNew[i] = x[i] + lo * d[i];
          }
          fNew = f.valueAndGradient(xNew, gNew);
          evaluations++;
          System.arraycopy(xNew, 0, x, 0, n);
          System.arraycopy(gNew, 0, g, 0, n);
          fx = fNew;
        }
        return new Result(x, fx, it + 1, evaluations, false);
      }
      int slot = (newest + 1) % memory;
      double sy = 0;
      for (int i = 0; i < n; i++) {
        s[slot][i] = xNew[i] - x[i];
        y[slot][i] = gNew[i] - g[i];
        sy += s[slot][i] * y[slot][i];
      }
      if (sy > 0) { // the Wolfe step guarantees it in exact arithmetic; rounding may not
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, memory);
      }
      double decrease = fx - fNew;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (decrease <= relativeTolerance * Math.max(Math.abs(fx), 1)) {
        return new Result(x, fx, it + 1, evaluations, true);
      }
    }
    return new Result(x, fx, maxIterations, evaluations, maxAbs(g) <= gradientTolerance);
  }

  /** d = −H·g by the two-loop recursion over the stored pairs, newest first; H₀ = (s·y / y·y) I. */
  private static void direction(double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored,
      int newest, double[] d) {
    int n = g.length;
    int m = s.length;
    System.arraycopy(g, 0, d, 0, n);
    for (int k = 0; k < stored; k++) {
      int j = Math.floorMod(newest - k, m);
      alpha[j] = rho[j] * dot(s[j], d);
      axpy(-alpha[j], y[j], d);
    }
    double gamma = stored == 0 ? 1 : 1 / (rho[newest] * dot(y[newest], y[newest]));
    for (int i = 0; i < n; i++) {
      d[i] *= gamma;
    }
    for (int k = stored - 1; k >= 0; k--) {
      int j = Math.floorMod(newest - k, m);
      double beta = rho[j] * dot(y[j], d);
      axpy(alpha[j] - beta, s[j], d);
    }
    for (int i = 0; i < n; i++) {
      d[i] = -d[i];
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }
}

package dev.sagemill.tuning;

import dev.sagemill.core.random.RandomStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Bayesian optimisation: a few random points first, then each proposal maximises the expected improvement of a
 * {@link GaussianProcess} fitted to every observed loss (inputs warped by each range's scaling, categories
 * one-hot). Jobs still running enter as "kriging believer" points valued at the process's own prediction, so
 * parallel proposals spread out instead of repeating one point.
 *
 * <p>The acquisition is maximised over random candidates in the whole cube plus perturbations of the best points
 * seen, then polished by a shrinking local search; every candidate is snapped to the point that would really run
 * (integers rounded, one category chosen). Not thread-safe.
 */
final class BayesianSearch implements SearchStrategy {
  private static final int GLOBAL_CANDIDATES = 1000;
  private static final int LOCAL_PER_POINT = 60;
  private static final int TOP_POINTS = 5;
  private static final int POLISH_STEPS = 40;
  private static final int FIT_EVALUATIONS = 120;

  private final SearchSpace space;
  private final RandomStream rng;
  private final int initialPoints;
  private double[] theta;

  /**
   * @param space the ranges
   * @param rng the randomness
   */
  BayesianSearch(SearchSpace space, RandomStream rng) {
    this.space = space;
    this.rng = rng;
    this.initialPoints = Math.min(10, Math.max(4, space.dims() + 1));
  }

  @Override
  public Map<String, String> propose(int index, List<Observation> observed, List<double[]> pending) {
    RandomStream r = rng.fork("bayesian", index);
    if (observed.size() < initialPoints || observed.size() + pending.size() < initialPoints) {
      return space.decode(space.sample(r));
    }
    double[][] x = new double[observed.size()][];
    double[] y = new double[observed.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = observed.get(i).x();
      y[i] = observed.get(i).loss();
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, theta, FIT_EVALUATIONS);
    theta = gp.theta();
    if (!pending.isEmpty()) {
      gp = gp.withBelieved(pending.toArray(double[][]::new));
    }
    return space.decode(maximise(gp, observed, pending, r));
  }

  /**
   * The candidate with the largest expected improvement that is neither observed nor running: clamped local steps
   * can land exactly on a point already tried (a corner of the box), and a deterministic job would only repeat it.
   */
  private double[] maximise(GaussianProcess gp, List<Observation> observed, List<double[]> pending, RandomStream r) {
    double[] best = null;
    double bestEi = -1;
    List<double[]> candidates = new ArrayList<>();
    for (int i = 0; i < GLOBAL_CANDIDATES; i++) {
      candidates.add(space.sample(r));
    }
    List<Observation> top = observed.stream().sorted(Comparator.comparingDouble(Observation::loss))
        .limit(TOP_POINTS).toList();
    double[] steps = {0.02, 0.08, 0.2};
    for (Observation o : top) {
      for (int i = 0; i < LOCAL_PER_POINT; i++) {
        candidates.add(perturb(o.x(), steps[i % steps.length], r));
      }
    }
    for (double[] c : candidates) {
      double[] s = space.snap(c);
      double ei = gp.expectedImprovement(s);
      if (ei > bestEi && isNew(s, observed, pending)) {
        bestEi = ei;
        best = s;
      }
    }
    if (best == null) {
      return space.sample(r);
    }
    double step = 0.05;
    for (int i = 0; i < POLISH_STEPS; i++) {
      double[] s = space.snap(perturb(best, step, r));
      double ei = gp.expectedImprovement(s);
      if (ei > bestEi && isNew(s, observed, pending)) {
        bestEi = ei;
        best = s;
      } else if (i % 10 == 9) {
        step /= 2;
      }
    }
    return best;
  }

  private static boolean isNew(double[] point, List<Observation> observed, List<double[]> pending) {
    for (Observation o : observed) {
      if (Arrays.equals(o.x(), point)) {
        return false;
      }
    }
    for (double[] p : pending) {
      if (Arrays.equals(p, point)) {
        return false;
      }
    }
    return true;
  }

  /** Gaussian steps on the numeric coordinates; each categorical range re-drawn with probability 0.2. */
  private double[] perturb(double[] x, double sigma, RandomStream r) {
    double[] out = x.clone();
    int offset = 0;
    for (ParameterRange range : space.ranges()) {
      if (range instanceof ParameterRange.Categorical) {
        if (r.nextDouble() < 0.2) {
          range.sample(r, out, offset);
        }
      } else {
        out[offset] = Math.min(1, Math.max(0, out[offset] + sigma * r.nextGaussian()));
      }
      offset += range.dims();
    }
    return out;
  }
}

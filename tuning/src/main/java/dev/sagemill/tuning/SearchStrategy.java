package dev.sagemill.tuning;

import dev.sagemill.core.random.RandomStream;
import java.util.List;
import java.util.Map;

/** Proposes the next point of a Grid, Random or Bayesian search. Called from the tuner's one control thread. */
interface SearchStrategy {
  /**
   * A point the search has seen, in unit coordinates.
   *
   * @param x the coordinates
   * @param loss the objective as a loss (smaller is better)
   */
  record Observation(double[] x, double loss) {}

  /**
   * @param index the job's number, from 0
   * @param observed finished jobs with an objective (warm-start parents' included)
   * @param pending the coordinates of jobs still running
   * @return the next job's hyperparameters, or null when the search has nothing left
   */
  Map<String, String> propose(int index, List<Observation> observed, List<double[]> pending);

  /** Every combination, in order. */
  static SearchStrategy grid(SearchSpace space) {
    List<Map<String, String>> points = space.grid();
    return (index, observed, pending) -> index < points.size() ? points.get(index) : null;
  }

  /** Independent uniform draws; job {@code i} draws from its own stream, so results do not depend on timing. */
  static SearchStrategy random(SearchSpace space, RandomStream rng) {
    return (index, observed, pending) -> space.decode(space.sample(rng.fork("random", index)));
  }
}
